package dev.sibyl.planner.rules;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A query's plan and rows through a connection, for the rule tests to compare. */
final class PlannedQueries {
  private PlannedQueries() {}

  /** The text of {@code EXPLAIN PLAN FOR query}. */
  static String plan(Connection connection, String query) throws SQLException {
    return String.valueOf(rows(connection, "EXPLAIN PLAN FOR " + query).get(0).get(0));
  }

  /** Every row of the query, each as its column values. */
  static List<List<Object>> rows(Connection connection, String query) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}

package dev.sibyl.functions.training;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;

/** Private in-memory H2 databases for tests, with small helpers to fill them. */
final class H2Tables {
  private H2Tables() {}

  /** A new, empty, private in-memory database; it disappears when the connection closes. */
  static Connection open() throws SQLException {
    return DriverManager.getConnection("jdbc:h2:mem:");
  }

  static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Inserts rows into a table, each row holding one value per column in table order. */
  static void insert(Connection connection, String table, List<Object[]> rows)
      throws SQLException {
    int columns = rows.get(0).length;
    String marks = String.join(", ", Collections.nCopies(columns, "?"));
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO " + table + " VALUES (" + marks + ")")) {
      for (Object[] row : rows) {
        for (int i = 0; i < columns; i++) {
          insert.setObject(i + 1, row[i]);
        }
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}

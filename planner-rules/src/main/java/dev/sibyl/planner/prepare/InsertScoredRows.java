package dev.sibyl.planner.prepare;

import dev.sibyl.functions.calcite.SibylSqlException;
import dev.sibyl.planner.connection.BackingDatabase;
import dev.sibyl.registry.SibylErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;

/**
 * Executes {@code INSERT INTO table [(columns)] query} when the query scores rows with PREDICT:
 * the query runs through Calcite and its rows are written into the backing database in one
 * transaction (all rows or none). The update count is the number of rows inserted.
 */
final class InsertScoredRows {
  private static final int BATCH = 5_000;

  private InsertScoredRows() {}

  static CalciteSignature<Object> prepare(
      BackingDatabase database, SqlInsert insert, String sql) throws SQLException {
    if (!(insert.getTargetTable() instanceof SqlIdentifier target)) {
      throw new SQLException(
          "INSERT with PREDICT needs a plain table name as its target", SibylErrors.SYNTAX);
    }
    String query = QueryText.of(sql, insert.getSource());
    String insertSql = insertStatement(
        target, insert.getTargetColumnList(), database.storesLowerCaseIdentifiers());
    return Signatures.updateCount(sql, List.of(),
        dataContext -> Linq4j.singletonEnumerable(
            (Object) copy(database, (Connection) dataContext.getQueryProvider(), query,
                insertSql)));
  }

  /**
   * {@code INSERT INTO "S"."T" ("A", "B") VALUES (?, ?)}, identifiers quoted, never spliced. In a
   * database that stores unquoted names in lower case, an all upper-case name (as the parser
   * leaves an unquoted one) is written in lower case, so {@code INSERT INTO scores} finds the
   * {@code scores} that {@code CREATE TABLE scores} made there.
   */
  private static String insertStatement(
      SqlIdentifier target, SqlNodeList columns, boolean lowerCase) {
    StringBuilder sql = new StringBuilder("INSERT INTO ");
    List<String> parts = new ArrayList<>();
    for (String name : target.names) {
      parts.add(quote(stored(name, lowerCase)));
    }
    sql.append(String.join(".", parts));
    if (columns != null && !columns.isEmpty()) {
      List<String> names = new ArrayList<>();
      for (SqlNode column : columns) {
        names.add(quote(stored(((SqlIdentifier) column).getSimple(), lowerCase)));
      }
      sql.append(" (").append(String.join(", ", names)).append(')');
    }
    return sql.toString();
  }

  private static String stored(String name, boolean lowerCase) {
    return lowerCase && name.equals(name.toUpperCase(Locale.ROOT))
        ? name.toLowerCase(Locale.ROOT) : name;
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  private static long copy(
      BackingDatabase database, Connection sibyl, String query, String insertPrefix) {
    try (Statement select = sibyl.createStatement();
        ResultSet rows = select.executeQuery(query);
        Connection target = database.dataSource().getConnection()) {
      int width = rows.getMetaData().getColumnCount();
      String parameterMarks = String.join(", ", java.util.Collections.nCopies(width, "?"));
      boolean autoCommit = target.getAutoCommit();
      target.setAutoCommit(false);
      long count = 0;
      try (PreparedStatement insert =
          target.prepareStatement(insertPrefix + " VALUES (" + parameterMarks + ")")) {
        while (rows.next()) {
          for (int i = 1; i <= width; i++) {
            insert.setObject(i, rows.getObject(i));
          }
          insert.addBatch();
          if (++count % BATCH == 0) {
            insert.executeBatch();
          }
        }
        insert.executeBatch();
        target.commit();
        return count;
      } catch (SQLException | RuntimeException e) {
        target.rollback();
        throw e;
      } finally {
        target.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new SibylSqlException(e);
    }
  }
}

package dev.sibyl.planner.prepare;

import dev.sibyl.functions.calcite.SibylSqlException;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.calcite.DataContext;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

/**
 * Runs a statement Sibyl does not own (DDL, DML, database-specific SQL) directly on the backing
 * database, so a Sibyl connection behaves like a connection to that database. Each statement runs
 * in its own auto-committed transaction.
 */
final class PassThrough {
  private PassThrough() {}

  /** Prepares {@code sql} on the backing database; an error from the database if it cannot. */
  static CalciteSignature<Object> prepare(DataSource dataSource, String sql) throws SQLException {
    List<ColumnMetaData> columns = new ArrayList<>();
    List<AvaticaParameter> parameters = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      ResultSetMetaData metaData = statement.getMetaData();
      if (metaData != null) {
        for (int i = 1; i <= metaData.getColumnCount(); i++) {
          columns.add(column(metaData, i));
        }
      }
      ParameterMetaData parameterData = statement.getParameterMetaData();
      for (int i = 1; i <= parameterData.getParameterCount(); i++) {
        parameters.add(parameter(parameterData, i));
      }
    }
    int parameterCount = parameters.size();
    if (columns.isEmpty()) {
      return Signatures.updateCount(sql, parameters,
          dataContext -> Linq4j.singletonEnumerable(
              (Object) update(dataSource, sql, values(dataContext, parameterCount))));
    }
    int width = columns.size();
    return Signatures.rows(sql, columns, parameters,
        dataContext -> new AbstractEnumerable<Object>() {
          @Override
          public Enumerator<Object> enumerator() {
            return new RowEnumerator(dataSource, sql, values(dataContext, parameterCount), width);
          }
        });
  }

  private static long update(DataSource dataSource, String sql, Object[] values) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, values);
      return statement.executeLargeUpdate();
    } catch (SQLException e) {
      throw new SibylSqlException(e);
    }
  }

  private static Object[] values(DataContext dataContext, int count) {
    Object[] values = new Object[count];
    for (int i = 0; i < count; i++) {
      values[i] = dataContext.get("?" + i);
    }
    return values;
  }

  private static void bind(PreparedStatement statement, Object[] values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      statement.setObject(i + 1, values[i]);
    }
  }

  private static ColumnMetaData column(ResultSetMetaData metaData, int i) throws SQLException {
    Class<?> javaClass;
    try {
      javaClass = Class.forName(metaData.getColumnClassName(i));
    } catch (ClassNotFoundException | RuntimeException e) {
      javaClass = Object.class;
    }
    ColumnMetaData.AvaticaType type =
        ColumnMetaData.scalar(metaData.getColumnType(i), metaData.getColumnTypeName(i),
            ColumnMetaData.Rep.of(javaClass));
    return MetaImpl.columnMetaData(metaData.getColumnLabel(i), i - 1, type,
        metaData.isNullable(i) != ResultSetMetaData.columnNoNulls);
  }

  private static AvaticaParameter parameter(ParameterMetaData data, int i) throws SQLException {
    return new AvaticaParameter(
        true, data.getPrecision(i), data.getScale(i), data.getParameterType(i),
        data.getParameterTypeName(i), Object.class.getName(), "?" + i);
  }

  /** Streams the rows of a query from the backing database. */
  private static final class RowEnumerator implements Enumerator<Object> {
    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet resultSet;
    private final int width;
    private Object[] current;

    RowEnumerator(DataSource dataSource, String sql, Object[] values, int width) {
      this.width = width;
      Connection c = null;
      PreparedStatement s = null;
      try {
        c = dataSource.getConnection();
        s = c.prepareStatement(sql);
        bind(s, values);
        this.resultSet = s.executeQuery();
      } catch (SQLException e) {
        closeQuietly(s, c);
        throw new SibylSqlException(e);
      }
      this.connection = c;
      this.statement = s;
    }

    @Override
    public Object current() {
      return current;
    }

    @Override
    public boolean moveNext() {
      try {
        if (!resultSet.next()) {
          return false;
        }
        Object[] row = new Object[width];
        for (int i = 0; i < width; i++) {
          row[i] = resultSet.getObject(i + 1);
        }
        current = row;
        return true;
      } catch (SQLException e) {
        throw new SibylSqlException(e);
      }
    }

    @Override
    public void reset() {
      throw new IllegalStateException("a pass-through result can be read only once");
    }

    @Override
    public void close() {
      try {
        resultSet.close();
      } catch (SQLException ignored) {
        // closing the statement and connection below releases it anyway
      }
      closeQuietly(statement, connection);
    }

    private static void closeQuietly(PreparedStatement statement, Connection connection) {
      try {
        if (statement != null) {
          statement.close();
        }
      } catch (SQLException ignored) {
        // nothing more to release
      }
      try {
        if (connection != null) {
          connection.close();
        }
      } catch (SQLException ignored) {
        // the pool replaces a broken connection
      }
    }
  }
}

package dev.sibyl.e2e;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * Wraps a connection for Quidem scripts so that their expected output is short and stable.
 *
 * <ul>
 *   <li>An SQLException prints as one line, {@code java.sql.SQLException: MESSAGE (SQLState
 *       STATE)}, as the CLI prints it: Quidem's {@code !error} compares text only, and the
 *       SQLState is part of the contract.
 *   <li>In the summary row of CREATE MODEL, which SQL cannot post-process, {@code SECONDS} prints
 *       as {@code *} and {@code METRIC_VALUE} rounded to 4 decimals.
 * </ul>
 */
final class ScriptConnection implements InvocationHandler {
  /** Columns of the CREATE MODEL summary whose value is not reproducible to the last digit. */
  private static final String SECONDS = "SECONDS";
  private static final String METRIC_VALUE = "METRIC_VALUE";
  private static final Set<String> RESULT_PRODUCERS =
      Set.of("executeQuery", "getResultSet");

  private final Object target;

  private ScriptConnection(Object target) {
    this.target = target;
  }

  static Connection wrap(Connection connection) {
    return proxy(connection, Connection.class);
  }

  private static <T> T proxy(T target, Class<T> type) {
    return type.cast(Proxy.newProxyInstance(
        ScriptConnection.class.getClassLoader(), new Class<?>[] {type},
        new ScriptConnection(target)));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    Object result;
    try {
      result = method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw oneLine(e.getCause());
    }
    if (result instanceof PreparedStatement prepared) {
      return proxy(prepared, PreparedStatement.class);
    }
    if (result instanceof Statement statement) {
      return proxy(statement, Statement.class);
    }
    if (result instanceof ResultSet resultSet && RESULT_PRODUCERS.contains(method.getName())) {
      return Proxy.newProxyInstance(
          ScriptConnection.class.getClassLoader(), new Class<?>[] {ResultSet.class},
          new StableValues(resultSet));
    }
    return result;
  }

  /** An SQLException as one line with its state and no stack; anything else unchanged. */
  private static Throwable oneLine(Throwable thrown) {
    if (!(thrown instanceof SQLException sql)) {
      return thrown;
    }
    SQLException flat = new SQLException(
        sql.getMessage() + " (SQLState " + sql.getSQLState() + ")", sql.getSQLState(),
        sql.getErrorCode());
    flat.setStackTrace(new StackTraceElement[0]);
    return flat;
  }

  /** A number rounded to 4 decimals; NaN and infinities as they are. */
  private static String rounded(String value) {
    try {
      return new BigDecimal(value).setScale(4, RoundingMode.HALF_EVEN).toPlainString();
    } catch (NumberFormatException e) {
      return value;
    }
  }

  /** A result set whose {@code getString} masks the CREATE MODEL columns described above. */
  private static final class StableValues implements InvocationHandler {
    private final ResultSet target;

    StableValues(ResultSet target) {
      this.target = target;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      try {
        if (method.getName().equals("getString") && args[0] instanceof Integer column) {
          String label = target.getMetaData().getColumnLabel(column);
          String value = target.getString(column);
          if (value != null && SECONDS.equals(label)) {
            return "*";
          }
          if (value != null && METRIC_VALUE.equals(label)) {
            return rounded(value);
          }
          return value;
        }
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw oneLine(e.getCause());
      }
    }
  }
}

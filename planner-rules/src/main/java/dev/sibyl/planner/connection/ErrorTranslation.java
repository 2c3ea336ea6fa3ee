package dev.sibyl.planner.connection;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Wraps a connection so that errors reach the user as raised: Calcite reports every failure as
 * "Error while executing SQL ..." with no SQLState; the wrapper finds the first exception in the
 * cause chain that carries a SQLState (ours, or the backing database's) and rethrows it with its
 * own message and state.
 */
public final class ErrorTranslation {
  private ErrorTranslation() {}

  /** A connection whose statements report errors with their original message and SQLState. */
  public static Connection wrap(Connection connection) {
    return (Connection) proxy(connection, Connection.class);
  }

  private static Object proxy(Object target, Class<?> type) {
    return Proxy.newProxyInstance(
        ErrorTranslation.class.getClassLoader(), new Class<?>[] {type}, new Handler(target));
  }

  private static final class Handler implements InvocationHandler {
    private final Object target;

    Handler(Object target) {
      this.target = target;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      if (name.equals("unwrap") && args != null && args[0] instanceof Class<?> c
          && c.isInstance(target)) {
        return target;
      }
      if (name.equals("isWrapperFor") && args != null && args[0] instanceof Class<?> c
          && c.isInstance(target)) {
        return true;
      }
      Object result;
      try {
        result = method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw translate(e.getCause());
      }
      if (result instanceof CallableStatement) {
        return proxy(result, CallableStatement.class);
      }
      if (result instanceof PreparedStatement) {
        return proxy(result, PreparedStatement.class);
      }
      if (result instanceof Statement) {
        return proxy(result, Statement.class);
      }
      if (result == target) {
        return proxy;
      }
      return result;
    }
  }

  /** The exception the user should see for a failure. */
  static Throwable translate(Throwable thrown) {
    if (!(thrown instanceof SQLException)) {
      SQLException withState = firstWithState(thrown);
      return withState != null ? withState : thrown;
    }
    SQLException withState = firstWithState(thrown);
    if (withState == null || withState == thrown) {
      return thrown;
    }
    SQLException copy =
        new SQLException(withState.getMessage(), withState.getSQLState(),
            withState.getErrorCode(), thrown);
    return copy;
  }

  private static SQLException firstWithState(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof SQLException e && e.getSQLState() != null) {
        return e;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}

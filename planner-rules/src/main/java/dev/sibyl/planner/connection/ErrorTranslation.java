package dev.sibyl.planner.connection;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import org.apache.calcite.runtime.CalciteContextException;

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
      if (target instanceof Connection && isTransactionControl(name)) {
        return transactionControl(name, args);
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

  private static boolean isTransactionControl(String method) {
    return switch (method) {
      case "getAutoCommit", "setAutoCommit", "commit", "rollback" -> true;
      default -> false;
    };
  }

  /**
   * Every statement of a Sibyl connection commits on its own (Calcite reads through a pool; pass-
   * through statements auto-commit), so the connection says so: auto-commit is on and cannot be
   * turned off, and commit or rollback have nothing left to do.
   */
  private static Object transactionControl(String method, Object[] args) throws SQLException {
    switch (method) {
      case "getAutoCommit":
        return true;
      case "setAutoCommit":
        if (Boolean.FALSE.equals(args[0])) {
          throw new SQLFeatureNotSupportedException(
              "Sibyl connections commit every statement on its own;"
                  + " multi-statement transactions are not supported yet",
              "0A000");
        }
        return null;
      default:
        return null;
    }
  }

  /** The exception the user should see for a failure. */
  static Throwable translate(Throwable thrown) {
    if (!(thrown instanceof SQLException)) {
      SQLException withState = firstWithState(thrown);
      if (withState != null) {
        return withState;
      }
      Throwable root = rootCause(thrown);
      CalciteContextException validation = validationError(thrown);
      if (validation != null) {
        return new SQLException(validation.getMessage(), "42000", thrown);
      }
      if (root instanceof ArithmeticException) {
        return new SQLException(root.getMessage(), "22012", thrown);
      }
      return thrown instanceof Exception || thrown instanceof ExceptionInInitializerError
          ? new SQLException(String.valueOf(root.getMessage()), "XX000", thrown)
          : thrown;
    }
    SQLException withState = firstWithState(thrown);
    if (withState == null) {
      CalciteContextException validation = validationError(thrown);
      return validation == null
          ? thrown
          : new SQLException(validation.getMessage(), "42000", thrown);
    }
    if (withState == thrown) {
      return thrown;
    }
    SQLException copy =
        new SQLException(withState.getMessage(), withState.getSQLState(),
            withState.getErrorCode(), thrown);
    return copy;
  }

  /** Calcite's validation error (unknown column, type mismatch, ...) in a cause chain. */
  private static CalciteContextException validationError(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof CalciteContextException e) {
        return e;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static Throwable rootCause(Throwable thrown) {
    Throwable root = thrown;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
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

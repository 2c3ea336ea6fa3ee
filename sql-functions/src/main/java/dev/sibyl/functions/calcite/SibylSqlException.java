package dev.sibyl.functions.calcite;

import java.sql.SQLException;

/**
 * Carries a user-facing {@link SQLException} through Calcite code that only lets unchecked
 * exceptions pass; the driver unwraps it so the user sees the original message and SQLState.
 */
public final class SibylSqlException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SibylSqlException(SQLException cause) {
    super(cause.getMessage(), cause);
  }

  @Override
  public synchronized SQLException getCause() {
    return (SQLException) super.getCause();
  }
}

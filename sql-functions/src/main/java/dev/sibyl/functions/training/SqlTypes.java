package dev.sibyl.functions.training;

import java.sql.Types;

/** Which JDBC column types Sibyl reads as numbers, as text or as booleans. */
final class SqlTypes {
  private SqlTypes() {}

  /** TINYINT to DOUBLE, DECIMAL and NUMERIC. */
  static boolean isNumeric(int jdbcType) {
    switch (jdbcType) {
      case Types.TINYINT:
      case Types.SMALLINT:
      case Types.INTEGER:
      case Types.BIGINT:
      case Types.REAL:
      case Types.FLOAT:
      case Types.DOUBLE:
      case Types.DECIMAL:
      case Types.NUMERIC:
        return true;
      default:
        return false;
    }
  }

  /** Character strings. */
  static boolean isText(int jdbcType) {
    switch (jdbcType) {
      case Types.CHAR:
      case Types.VARCHAR:
      case Types.LONGVARCHAR:
      case Types.NCHAR:
      case Types.NVARCHAR:
      case Types.LONGNVARCHAR:
        return true;
      default:
        return false;
    }
  }

  /** BOOLEAN and BIT, read as {@code "true"} / {@code "false"}. */
  static boolean isBoolean(int jdbcType) {
    return jdbcType == Types.BOOLEAN || jdbcType == Types.BIT;
  }
}

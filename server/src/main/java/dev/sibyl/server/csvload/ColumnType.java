package dev.sibyl.server.csvload;

import java.sql.Types;

/**
 * The SQL type of an imported column, from narrowest to widest. A column takes the narrowest type
 * that holds all its non-empty values: BOOLEAN if all are {@code true}/{@code false} (any case),
 * BIGINT if all are integers within range, DOUBLE PRECISION if all are decimal numbers, VARCHAR
 * otherwise. Surrounding spaces do not count for the first three.
 */
public enum ColumnType {
  BOOLEAN("BOOLEAN", Types.BOOLEAN),
  BIGINT("BIGINT", Types.BIGINT),
  DOUBLE("DOUBLE PRECISION", Types.DOUBLE),
  VARCHAR("VARCHAR", Types.VARCHAR);

  /** Longest digit string that may still fit a BIGINT. */
  private static final int MAX_LONG_DIGITS = 19;

  private final String sqlName;
  private final int jdbcType;

  ColumnType(String sqlName, int jdbcType) {
    this.sqlName = sqlName;
    this.jdbcType = jdbcType;
  }

  /** The type's name in CREATE TABLE. */
  public String sqlName() {
    return sqlName;
  }

  /** The {@link Types} constant used to bind NULL. */
  public int jdbcType() {
    return jdbcType;
  }

  /** The narrowest type of one non-empty value. */
  static ColumnType of(String value) {
    String trimmed = value.strip();
    if (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")) {
      return BOOLEAN;
    }
    if (isInteger(trimmed)) {
      return fitsLong(trimmed) ? BIGINT : DOUBLE;
    }
    return isDecimal(trimmed) ? DOUBLE : VARCHAR;
  }

  /** The narrowest type that holds values of both this type and {@code other}. */
  ColumnType widen(ColumnType other) {
    if (this == other) {
      return this;
    }
    if (this == BOOLEAN || other == BOOLEAN) {
      return VARCHAR;
    }
    return ordinal() > other.ordinal() ? this : other;
  }

  private static boolean isInteger(String s) {
    int start = signLength(s, 0);
    return start < s.length() && digitsEnd(s, start) == s.length();
  }

  private static boolean fitsLong(String s) {
    if (s.length() - signLength(s, 0) < MAX_LONG_DIGITS) {
      return true;
    }
    try {
      Long.parseLong(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Matches {@code [+-]?(digits[.digits?]|.digits)([eE][+-]?digits)?}. */
  private static boolean isDecimal(String s) {
    int i = signLength(s, 0);
    int integerEnd = digitsEnd(s, i);
    boolean hasDigits = integerEnd > i;
    i = integerEnd;
    if (i < s.length() && s.charAt(i) == '.') {
      int fractionEnd = digitsEnd(s, i + 1);
      hasDigits |= fractionEnd > i + 1;
      i = fractionEnd;
    }
    if (!hasDigits) {
      return false;
    }
    if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      int exponentStart = i + 1 + signLength(s, i + 1);
      int exponentEnd = digitsEnd(s, exponentStart);
      if (exponentEnd == exponentStart) {
        return false;
      }
      i = exponentEnd;
    }
    return i == s.length();
  }

  private static int signLength(String s, int at) {
    return at < s.length() && (s.charAt(at) == '+' || s.charAt(at) == '-') ? 1 : 0;
  }

  private static int digitsEnd(String s, int from) {
    int i = from;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i;
  }
}

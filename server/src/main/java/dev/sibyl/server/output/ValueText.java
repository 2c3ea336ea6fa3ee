package dev.sibyl.server.output;

import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;

/**
 * Reads one value of a result set as text, either exactly (for files other programs read) or for
 * people (binary values summarised, floating-point values rounded to the digits the type carries).
 */
final class ValueText {
  /** Significant digits shown for DOUBLE values: all a double carries without binary noise. */
  static final int DOUBLE_DISPLAY_DIGITS = 15;
  /** Significant digits shown for REAL values. */
  static final int REAL_DISPLAY_DIGITS = 7;
  /** A DECIMAL value needing more zeros than this is written in scientific notation. */
  private static final int MAX_PLAIN_ZEROS = 20;

  private ValueText() {}

  /** The exact text of column {@code column}, or null for SQL NULL. */
  static String exact(ResultSet rs, int column, ValueKind kind) throws SQLException {
    return switch (kind) {
      case REAL -> {
        float f = rs.getFloat(column);
        yield rs.wasNull() ? null : Float.toString(f);
      }
      case DOUBLE -> {
        double d = rs.getDouble(column);
        yield rs.wasNull() ? null : Double.toString(d);
      }
      case DECIMAL -> decimal(rs.getBigDecimal(column));
      case BOOLEAN -> {
        boolean b = rs.getBoolean(column);
        yield rs.wasNull() ? null : Boolean.toString(b);
      }
      case BINARY -> {
        byte[] bytes = rs.getBytes(column);
        yield bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
      }
      case INTEGER, TEXT -> rs.getString(column);
    };
  }

  /** The text of column {@code column} for a person to read, or null for SQL NULL. */
  static String display(ResultSet rs, int column, ValueKind kind) throws SQLException {
    return switch (kind) {
      case REAL -> {
        float f = rs.getFloat(column);
        yield rs.wasNull() ? null : roundForDisplay(f, REAL_DISPLAY_DIGITS);
      }
      case DOUBLE -> {
        double d = rs.getDouble(column);
        yield rs.wasNull() ? null : roundForDisplay(d, DOUBLE_DISPLAY_DIGITS);
      }
      case BINARY -> {
        byte[] bytes = rs.getBytes(column);
        yield bytes == null ? null : "<" + bytes.length + " bytes>";
      }
      default -> exact(rs, column, kind);
    };
  }

  /**
   * Rounds {@code value} to {@code digits} significant digits and drops trailing zeros, so that
   * {@code 0.1 + 0.2} reads {@code 0.3}; very large or small magnitudes use scientific notation.
   */
  static String roundForDisplay(double value, int digits) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.toString(value);
    }
    if (value == 0) {
      return "0";
    }
    BigDecimal rounded = new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros();
    double magnitude = Math.abs(value);
    if (magnitude >= 1e-6 && magnitude < Math.pow(10, digits)) {
      return rounded.toPlainString();
    }
    return rounded.toString();
  }

  private static String decimal(BigDecimal value) {
    if (value == null) {
      return null;
    }
    int trailingZeros = -value.scale();
    int leadingZeros = value.scale() - value.precision();
    boolean plain = trailingZeros <= MAX_PLAIN_ZEROS && leadingZeros <= MAX_PLAIN_ZEROS;
    return plain ? value.toPlainString() : value.toString();
  }
}

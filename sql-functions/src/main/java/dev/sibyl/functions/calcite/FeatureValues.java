package dev.sibyl.functions.calcite;

import java.math.BigDecimal;

/**
 * Conversions from SQL values to scorer inputs, called from generated code.
 *
 * <p>Numbers become doubles, NULL becomes NaN (a missing value the scorer imputes). Categories
 * become strings: booleans as {@code true}/{@code false}, whole numbers without a fraction.
 */
public final class FeatureValues {
  private FeatureValues() {}

  /** A nullable number as a double; NULL is NaN. */
  public static double toDouble(Number value) {
    return value == null ? Double.NaN : value.doubleValue();
  }

  /** A nullable value as a category string; NULL stays null. */
  public static String toCategory(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Boolean b) {
      return b ? "true" : "false";
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
        return Long.toString((long) d);
      }
      return Double.toString(d);
    }
    if (value instanceof BigDecimal decimal) {
      BigDecimal stripped = decimal.stripTrailingZeros();
      return stripped.scale() <= 0 ? stripped.toBigInteger().toString() : stripped.toPlainString();
    }
    return value.toString();
  }
}

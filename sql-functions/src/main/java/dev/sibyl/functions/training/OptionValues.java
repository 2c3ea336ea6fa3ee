package dev.sibyl.functions.training;

import dev.sibyl.registry.SibylErrors;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The raw {@code WITH (...)} options of one CREATE MODEL, read by name and converted to Java types.
 *
 * <p>Remembers which options were read, so that the rest can be reported as unknown.
 */
final class OptionValues {
  private final Map<String, Object> raw = new LinkedHashMap<>();
  private final Set<String> read = new LinkedHashSet<>();

  OptionValues(Map<String, Object> options) {
    options.forEach((name, value) -> raw.put(name.toLowerCase(Locale.ROOT), value));
  }

  /** A text option, or null when absent. */
  String text(String name, String expected) throws SQLException {
    Object value = take(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String)) {
      throw SibylErrors.badOptionValue(name, value, expected);
    }
    return (String) value;
  }

  /** A numeric option; numeric text such as {@code '0.5'} is accepted too. */
  double number(String name, double defaultValue) throws SQLException {
    Object value = take(name);
    if (value == null) {
      return defaultValue;
    }
    BigDecimal decimal = decimalOf(name, value, "a number");
    return decimal.doubleValue();
  }

  /** An integer option in the range of {@code long}. */
  long integer(String name, long defaultValue) throws SQLException {
    Object value = take(name);
    if (value == null) {
      return defaultValue;
    }
    BigDecimal decimal = decimalOf(name, value, "an integer");
    try {
      return decimal.longValueExact();
    } catch (ArithmeticException e) {
      throw SibylErrors.badOptionValue(name, value, "an integer");
    }
  }

  /** A boolean option: TRUE/FALSE, or the text {@code 'true'}/{@code 'false'} in any case. */
  boolean bool(String name, boolean defaultValue) throws SQLException {
    Object value = take(name);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String text && (text.equalsIgnoreCase("true")
        || text.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(text.toLowerCase(Locale.ROOT));
    }
    throw SibylErrors.badOptionValue(name, value, "TRUE or FALSE");
  }

  /** Whether an option was not given (it counts as read). */
  boolean isAbsent(String name) {
    return take(name) == null;
  }

  /** Every option given, by lower-case name, in the order given. */
  Map<String, Object> given() {
    return new LinkedHashMap<>(raw);
  }

  /** Names of the options given but never read, in the order given. */
  Set<String> unread() {
    Set<String> names = new LinkedHashSet<>(raw.keySet());
    names.removeAll(read);
    return names;
  }

  private Object take(String name) {
    read.add(name);
    return raw.get(name);
  }

  private static BigDecimal decimalOf(String name, Object value, String expected)
      throws SQLException {
    try {
      if (value instanceof BigDecimal) {
        return (BigDecimal) value;
      }
      if (value instanceof Number) {
        return new BigDecimal(value.toString());
      }
      if (value instanceof String) {
        return new BigDecimal(((String) value).trim());
      }
    } catch (NumberFormatException e) {
      throw SibylErrors.badOptionValue(name, value, expected);
    }
    throw SibylErrors.badOptionValue(name, value, expected);
  }
}

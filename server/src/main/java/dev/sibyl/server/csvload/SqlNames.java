package dev.sibyl.server.csvload;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns names found in files into SQL identifiers that can be written unquoted: upper case, runs of
 * characters other than letters, digits and {@code _} replaced by one {@code _} (dropped at either
 * end), a leading {@code _} before a digit. DDL still quotes them, since some are reserved words.
 */
public final class SqlNames {
  private static final String UNNAMED_COLUMN_PREFIX = "COLUMN_";

  private SqlNames() {}

  /** The identifier for {@code raw}, or the empty string if {@code raw} has no usable character. */
  public static String normalise(String raw) {
    StringBuilder name = new StringBuilder();
    boolean pendingSeparator = false;
    for (int i = 0; i < raw.length(); ) {
      int c = raw.codePointAt(i);
      i += Character.charCount(c);
      if (Character.isLetterOrDigit(c) || c == '_') {
        if (pendingSeparator && name.length() > 0) {
          name.append('_');
        }
        pendingSeparator = false;
        name.appendCodePoint(c);
      } else {
        pendingSeparator = true;
      }
    }
    if (name.length() > 0 && Character.isDigit(name.charAt(0))) {
      name.insert(0, '_');
    }
    return name.toString().toUpperCase(Locale.ROOT);
  }

  /**
   * The column names for a CSV header: each normalised, {@code COLUMN_n} for one without usable
   * characters (n its 1-based position), and repeats made distinct with {@code _2}, {@code _3}, ...
   */
  public static List<String> columnNames(String[] header) {
    List<String> names = new ArrayList<>(header.length);
    Set<String> taken = new HashSet<>();
    for (int i = 0; i < header.length; i++) {
      String base = normalise(header[i]);
      if (base.isEmpty()) {
        base = UNNAMED_COLUMN_PREFIX + (i + 1);
      }
      String name = base;
      for (int suffix = 2; !taken.add(name); suffix++) {
        name = base + "_" + suffix;
      }
      names.add(name);
    }
    return names;
  }

  /** {@code name} as a double-quoted SQL identifier. */
  public static String quote(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}

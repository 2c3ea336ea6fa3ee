package dev.sibyl.server.csvload;

import java.util.ArrayList;
import java.util.List;

/**
 * A table name given on the command line, {@code [schema.]table}: unquoted parts are normalised
 * like column names ({@link SqlNames#normalise}), double-quoted parts are taken as written.
 */
public record TableName(String schema, String table) {
  private static final String STAGING_SUFFIX = "__SIBYL_IMPORT";

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException if it has more than two parts, an empty part or an unclosed
   *     quote
   */
  public static TableName parse(String text) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    boolean quoted = false;
    boolean partWasQuoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          part.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          part.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        partWasQuoted = true;
      } else if (c == '.') {
        parts.add(finish(part, partWasQuoted, text));
        part.setLength(0);
        partWasQuoted = false;
      } else {
        part.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("Invalid table name '" + text + "': unclosed quote");
    }
    parts.add(finish(part, partWasQuoted, text));
    if (parts.size() > 2) {
      throw new IllegalArgumentException(
          "Invalid table name '" + text + "': expected TABLE or SCHEMA.TABLE");
    }
    return parts.size() == 1
        ? new TableName(null, parts.get(0))
        : new TableName(parts.get(0), parts.get(1));
  }

  private static String finish(StringBuilder part, boolean quoted, String text) {
    String name = quoted ? part.toString() : SqlNames.normalise(part.toString());
    if (name.isEmpty()) {
      throw new IllegalArgumentException("Invalid table name '" + text + "': empty name");
    }
    return name;
  }

  /** The same table with a suffix that marks it as the staging copy of an import. */
  TableName staging() {
    return new TableName(schema, table + STAGING_SUFFIX);
  }

  /** The quoted, qualified name for SQL. */
  public String sql() {
    String quotedTable = SqlNames.quote(table);
    return schema == null ? quotedTable : SqlNames.quote(schema) + "." + quotedTable;
  }

  /** The name as users read it in messages. */
  @Override
  public String toString() {
    return schema == null ? table : schema + "." + table;
  }
}

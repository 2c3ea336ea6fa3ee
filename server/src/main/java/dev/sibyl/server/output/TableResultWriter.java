package dev.sibyl.server.output;

import java.io.PrintWriter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a result set as aligned columns in the style of psql: a centred header, a rule, one line
 * per row (numbers right-aligned, NULL spelled out, line breaks escaped) and a "(N rows)" footer.
 *
 * <p>Column widths depend on every value, so the rows are held in memory until the result ends;
 * the CSV and JSON formats stream instead.
 */
final class TableResultWriter implements ResultWriter {
  /** How SQL NULL is shown. */
  static final String NULL_TEXT = "NULL";

  private final PrintWriter out;

  TableResultWriter(PrintWriter out) {
    this.out = out;
  }

  @Override
  public long write(ResultSet rs) throws SQLException {
    ResultColumns columns = ResultColumns.of(rs.getMetaData());
    int count = columns.count();
    int[] widths = new int[count];
    for (int i = 0; i < count; i++) {
      widths[i] = columns.labels()[i].length();
    }
    List<String[]> rows = new ArrayList<>();
    while (rs.next()) {
      String[] row = new String[count];
      for (int i = 0; i < count; i++) {
        String value = ValueText.display(rs, i + 1, columns.kinds()[i]);
        row[i] = value == null ? NULL_TEXT : escapeControls(value);
        widths[i] = Math.max(widths[i], row[i].length());
      }
      rows.add(row);
    }
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < count; i++) {
      cell(line, i, center(columns.labels()[i], widths[i]));
    }
    out.println(line.toString().stripTrailing());
    line.setLength(0);
    for (int i = 0; i < count; i++) {
      line.append(i == 0 ? "" : "+").append("-".repeat(widths[i] + 2));
    }
    out.println(line);
    for (String[] row : rows) {
      line.setLength(0);
      for (int i = 0; i < count; i++) {
        boolean numeric = columns.kinds()[i].isNumeric();
        cell(line, i, numeric ? padLeft(row[i], widths[i]) : padRight(row[i], widths[i]));
      }
      out.println(line.toString().stripTrailing());
    }
    out.println(rows.size() == 1 ? "(1 row)" : "(" + rows.size() + " rows)");
    out.println();
    return rows.size();
  }

  private static void cell(StringBuilder line, int index, String text) {
    line.append(index == 0 ? " " : " | ").append(text);
  }

  private static String padRight(String text, int width) {
    return text + " ".repeat(width - text.length());
  }

  private static String padLeft(String text, int width) {
    return " ".repeat(width - text.length()) + text;
  }

  private static String center(String text, int width) {
    int left = (width - text.length()) / 2;
    return padRight(" ".repeat(left) + text, width);
  }

  private static String escapeControls(String value) {
    if (value.indexOf('\n') < 0 && value.indexOf('\r') < 0 && value.indexOf('\t') < 0) {
      return value;
    }
    return value.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
  }
}

package dev.sibyl.planner.prepare;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.parser.SqlParserPos;

/** Recovers the text of a sub-query as the user wrote it, for running it and for the registry. */
final class QueryText {
  private QueryText() {}

  /** The text of {@code query}, which must run to the end of {@code sql}. */
  static String of(String sql, SqlNode query) {
    // an ORDER BY node is positioned at its ORDER keyword; the query starts with its inner query
    SqlNode start = query instanceof SqlOrderBy orderBy ? orderBy.query : query;
    SqlParserPos pos = start.getParserPosition();
    int offset = offsetOf(sql, pos.getLineNum(), pos.getColumnNum());
    if (offset < 0) {
      return query.toSqlString(CalciteSqlDialect.DEFAULT).getSql();
    }
    String text = sql.substring(offset).strip();
    while (text.endsWith(";")) {
      text = text.substring(0, text.length() - 1).strip();
    }
    return text;
  }

  private static int offsetOf(String sql, int line, int column) {
    if (line < 1 || column < 1) {
      return -1;
    }
    int offset = 0;
    for (int l = 1; l < line; l++) {
      offset = sql.indexOf('\n', offset);
      if (offset < 0) {
        return -1;
      }
      offset++;
    }
    offset += column - 1;
    return offset < sql.length() ? offset : -1;
  }
}

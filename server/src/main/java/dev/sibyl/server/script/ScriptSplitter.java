package dev.sibyl.server.script;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL script into statements at semicolons that stand outside single-quoted strings,
 * double-quoted identifiers, {@code --} line comments and {@code /* *}{@code /} block comments.
 *
 * <p>Comments before and after a statement are dropped, so a statement's line is that of its first
 * token; comments inside a statement are kept for the database to skip. Doubled quotes inside
 * strings and identifiers ({@code 'it''s'}) need no special case: they close and reopen the quote.
 * A text that ends inside a string or comment becomes the last statement, for the database to
 * report.
 */
public final class ScriptSplitter {
  private enum State { CODE, STRING, IDENTIFIER, LINE_COMMENT, BLOCK_COMMENT }

  private ScriptSplitter() {}

  /** Returns the statements of {@code script} in order; blank or comment-only parts yield none. */
  public static List<ScriptStatement> split(String script) {
    List<ScriptStatement> statements = new ArrayList<>();
    State state = State.CODE;
    int line = 1;
    int start = -1;
    int end = -1;
    int startLine = 0;
    int n = script.length();
    for (int i = 0; i < n; i++) {
      char c = script.charAt(i);
      char next = i + 1 < n ? script.charAt(i + 1) : '\0';
      switch (state) {
        case CODE -> {
          if (c == '-' && next == '-') {
            state = State.LINE_COMMENT;
            i++;
          } else if (c == '/' && next == '*') {
            state = State.BLOCK_COMMENT;
            i++;
          } else if (c == ';') {
            if (start >= 0) {
              statements.add(new ScriptStatement(script.substring(start, end), startLine));
              start = -1;
            }
          } else if (!Character.isWhitespace(c)) {
            if (start < 0) {
              start = i;
              startLine = line;
            }
            end = i + 1;
            if (c == '\'') {
              state = State.STRING;
            } else if (c == '"') {
              state = State.IDENTIFIER;
            }
          }
        }
        case STRING -> {
          state = c == '\'' ? State.CODE : state;
          end = i + 1;
        }
        case IDENTIFIER -> {
          state = c == '"' ? State.CODE : state;
          end = i + 1;
        }
        case LINE_COMMENT -> state = c == '\n' ? State.CODE : state;
        case BLOCK_COMMENT -> {
          if (c == '*' && next == '/') {
            state = State.CODE;
            i++;
          }
        }
      }
      if (c == '\n') {
        line++;
      }
    }
    if (start >= 0) {
      String rest = state == State.CODE || state == State.LINE_COMMENT
          ? script.substring(start, end)
          : script.substring(start);
      statements.add(new ScriptStatement(rest, startLine));
    }
    return statements;
  }
}

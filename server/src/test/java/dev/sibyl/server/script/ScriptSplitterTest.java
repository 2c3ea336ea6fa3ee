package dev.sibyl.server.script;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptSplitterTest {
  @Test
  void splitsAtSemicolonsAndRemembersStartLines() {
    String script = "CREATE TABLE t (a INT);\n"
        + "INSERT INTO t VALUES (1);\n"
        + "\n"
        + "SELECT *\n"
        + "  FROM t;\n";
    assertEquals(
        List.of(
            new ScriptStatement("CREATE TABLE t (a INT)", 1),
            new ScriptStatement("INSERT INTO t VALUES (1)", 2),
            new ScriptStatement("SELECT *\n  FROM t", 4)),
        ScriptSplitter.split(script));
  }

  @Test
  void ignoresSemicolonsInsideStringsAndIdentifiers() {
    String script = "SELECT 'a;b', 'it''s; here' AS \"x;y\";\nSELECT \"say \"\"hi\"\";\" FROM t;";
    assertEquals(
        List.of(
            new ScriptStatement("SELECT 'a;b', 'it''s; here' AS \"x;y\"", 1),
            new ScriptStatement("SELECT \"say \"\"hi\"\";\" FROM t", 2)),
        ScriptSplitter.split(script));
  }

  @Test
  void ignoresSemicolonsInsideComments() {
    String script = "-- setup; not a statement\n"
        + "SELECT 1 -- trailing; comment\n"
        + ";\n"
        + "/* block; comment\n"
        + "   over; lines */\n"
        + "SELECT /* inline; */ 2;\n";
    assertEquals(
        List.of(
            new ScriptStatement("SELECT 1", 2),
            new ScriptStatement("SELECT /* inline; */ 2", 6)),
        ScriptSplitter.split(script));
  }

  @Test
  void lineNumbersCountNewlinesInsideStringsAndComments() {
    String script = "SELECT 'line one\nline two';\n/* a\nb\n*/ SELECT 3;";
    assertEquals(
        List.of(
            new ScriptStatement("SELECT 'line one\nline two'", 1),
            new ScriptStatement("SELECT 3", 5)),
        ScriptSplitter.split(script));
  }

  @Test
  void keepsLastStatementWithoutSemicolonAndDropsEmptyOnesAndTrailingComments() {
    assertEquals(
        List.of(new ScriptStatement("SELECT 1", 1), new ScriptStatement("SELECT 2", 2)),
        ScriptSplitter.split("SELECT 1;;  ;\r\nSELECT 2\r\n-- the end\n"));
  }

  @Test
  void quoteCharactersInsideCommentsDoNotOpenStrings() {
    assertEquals(
        List.of(new ScriptStatement("SELECT 1", 2), new ScriptStatement("SELECT 2", 3)),
        ScriptSplitter.split("-- don't\nSELECT 1;\nSELECT 2; /* it's */"));
  }

  @Test
  void unterminatedStringBecomesTheLastStatement() {
    assertEquals(
        List.of(
            new ScriptStatement("SELECT 1", 1),
            new ScriptStatement("SELECT 'oops; SELECT 2;", 2)),
        ScriptSplitter.split("SELECT 1;\nSELECT 'oops; SELECT 2;"));
  }

  @Test
  void emptyOrCommentOnlyScriptHasNoStatements() {
    assertEquals(List.of(), ScriptSplitter.split(""));
    assertEquals(List.of(), ScriptSplitter.split("  -- nothing\n/* at all */\n"));
  }
}

package dev.sibyl.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
  private static final String NL = System.lineSeparator();

  @TempDir
  Path dir;

  private final CliHarness cli = new CliHarness();

  private String script(String sql) throws IOException {
    return Files.writeString(dir.resolve("script.sql"), sql).toString();
  }

  @Test
  void printsUpdateCountsAndTables() throws Exception {
    String file = script("CREATE TABLE t (id INT, name VARCHAR);\n"
        + "INSERT INTO t VALUES (1, 'a;b'), (2, NULL), (3, 'c');\n"
        + "UPDATE t SET name = 'z' WHERE id = 3;\n"
        + "SELECT id, name FROM t ORDER BY id;\n");
    CliHarness.Result result = cli.run("run", file);
    assertEquals(0, result.exitCode(), result.err());
    assertEquals(String.join(NL,
        "OK, 0 rows affected",
        "OK, 3 rows affected",
        "OK, 1 row affected",
        " ID | NAME",
        "----+------",
        "  1 | a;b",
        "  2 | NULL",
        "  3 | z",
        "(3 rows)",
        "",
        ""), result.out());
    assertEquals("", result.err());
  }

  @Test
  void csvKeepsStatusLinesOffStandardOutput() throws Exception {
    String file = script("CREATE TABLE t (x DOUBLE PRECISION);\n"
        + "INSERT INTO t VALUES (CAST(0.1 AS DOUBLE PRECISION) + CAST(0.2 AS DOUBLE PRECISION));\n"
        + "SELECT x FROM t;\nSELECT 'two' AS sec;\n");
    CliHarness.Result result = cli.run("run", file, "--format", "csv");
    assertEquals(0, result.exitCode(), result.err());
    assertEquals("X\r\n0.30000000000000004\r\n\r\nSEC\r\ntwo\r\n", result.out());
    assertEquals("OK, 0 rows affected" + NL + "OK, 1 row affected" + NL, result.err());
  }

  @Test
  void jsonWritesOneArrayPerResultSet() throws Exception {
    String file = script("SELECT 1 AS a, 'x' AS b UNION ALL SELECT 2, NULL;\nSELECT TRUE AS ok;");
    CliHarness.Result result = cli.run("run", file, "--format", "JSON");
    assertEquals(0, result.exitCode(), result.err());
    assertEquals(String.join(NL,
        "[", "  {\"A\":1,\"B\":\"x\"},", "  {\"A\":2,\"B\":null}", "]",
        "[", "  {\"OK\":true}", "]", ""), result.out());
  }

  @Test
  void stopsAtTheFirstErrorNamingItsLine() throws Exception {
    String file = script("CREATE TABLE t (id INT);\n"
        + "-- the next statement fails\n"
        + "INSERT INTO t\n"
        + "  VALUES ('not a number');\n"
        + "INSERT INTO t VALUES (2);\n");
    CliHarness.Result result = cli.run("run", file);
    assertEquals(1, result.exitCode());
    assertEquals("OK, 0 rows affected" + NL, result.out());
    assertTrue(result.err().startsWith("Error at line 3: "), result.err());
    assertTrue(result.err().contains("(SQLState 22018)"), result.err());
    assertFalse(result.err().contains("\tat "), "no stack trace without --verbose");
    try (Connection connection = cli.connect();
         Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM t")) {
      rs.next();
      assertEquals(0, rs.getInt(1), "statements after the failing one did not run");
    }
  }

  @Test
  void verboseAddsTheStackTrace() throws Exception {
    CliHarness.Result result = cli.run("run", script("SELECT * FROM missing_table;"), "--verbose");
    assertEquals(1, result.exitCode());
    assertTrue(result.err().startsWith("Error at line 1: Table \"MISSING_TABLE\" not found"),
        result.err());
    assertTrue(result.err().contains("\tat org.h2."), result.err());
  }

  @Test
  void readsTheScriptFromStandardInput() {
    CliHarness.Result result = cli.runWithInput("SELECT 6 * 7 AS answer;", "run", "-");
    assertEquals(0, result.exitCode(), result.err());
    assertEquals(String.join(NL, " ANSWER", "--------", "     42", "(1 row)", "", ""),
        result.out());
  }

  @Test
  void dbOptionSelectsTheDatabase() throws Exception {
    String create = script("CREATE TABLE only_here (x INT); INSERT INTO only_here VALUES (5);");
    assertEquals(0, cli.run("--db", "run_other_db", "run", create).exitCode());
    Path query = Files.writeString(dir.resolve("query.sql"), "SELECT x FROM only_here;");
    assertEquals(0, cli.run("run", query.toString(), "--db", "run_other_db").exitCode());
    CliHarness.Result elsewhere = cli.run("run", query.toString());
    assertEquals(1, elsewhere.exitCode());
    assertTrue(elsewhere.err().contains("ONLY_HERE"), elsewhere.err());
  }

  @Test
  void missingScriptIsAUsageError() {
    CliHarness.Result result = cli.run("run", dir.resolve("nope.sql").toString());
    assertEquals(2, result.exitCode());
    assertEquals("File not found: " + dir.resolve("nope.sql") + NL
        + "Try 'sibyl run --help' for more information." + NL, result.err());
  }

  @Test
  void unknownFormatIsAUsageError() throws Exception {
    CliHarness.Result result = cli.run("run", script("SELECT 1;"), "--format", "xml");
    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains("Invalid value for option '--format'"), result.err());
    assertEquals("", result.out());
  }

  @Test
  void connectionFailureIsAnError() throws Exception {
    CliHarness noDriver = new CliHarness(
        db -> ConnectionSettings.of("org.example.NoSuchDriver", "jdbc:none:"));
    CliHarness.Result result = noDriver.run("run", script("SELECT 1;"));
    assertEquals(1, result.exitCode());
    assertEquals("Error: JDBC driver org.example.NoSuchDriver is not on the class path"
        + " (SQLState 08001)" + NL, result.err());
  }
}

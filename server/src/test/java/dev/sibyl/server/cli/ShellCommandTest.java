package dev.sibyl.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell without a terminal: driven by sqlline's own options and through standard input. */
class ShellCommandTest {
  private final CliHarness cli = new CliHarness();

  @Test
  void executesACommandGivenWithE() {
    CliHarness.Result result = cli.run("shell", "--outputformat=csv",
        "-e", "CREATE TABLE T (A INT); INSERT INTO T VALUES (7), (8); SELECT A * 2 AS D FROM T");
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().contains("'D'\n'14'\n'16'\n"), result.out());
  }

  @Test
  void runsAScriptFileAndSharesTheDatabaseWithTheOtherCommands(@TempDir Path dir)
      throws Exception {
    Path script = Files.writeString(dir.resolve("setup.sql"),
        "CREATE TABLE SHARED (N INT);\nINSERT INTO SHARED VALUES (1), (2), (3);\n");
    CliHarness.Result result = cli.run("shell", "-f", script.toString());
    assertEquals(0, result.exitCode(), result.err());
    Path query = Files.writeString(dir.resolve("q.sql"), "SELECT SUM(N) AS TOTAL FROM SHARED;");
    assertEquals("TOTAL\r\n6\r\n", cli.run("run", query.toString(), "--format", "csv").out());
  }

  @Test
  void readsCommandsFromStandardInput() {
    CliHarness.Result result = cli.runWithInput(
        "SELECT 'from stdin' AS GREETING;\n!quit\n", "shell", "--outputformat=json");
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().contains("{\"GREETING\":\"from stdin\"}"), result.out());
  }

  @Test
  void failingCommandExitsWithOne() {
    CliHarness.Result result = cli.run("shell", "-e", "SELECT * FROM NO_SUCH_TABLE");
    assertEquals(1, result.exitCode());
    assertTrue(result.err().contains("Table \"NO_SUCH_TABLE\" not found"), result.err());
  }
}

package dev.sibyl.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command tree itself: help, version and usage errors. */
class SibylCliTest {
  private final CliHarness cli = new CliHarness();

  @Test
  void rootHelpListsCommandsOptionsAndExitCodes() {
    CliHarness.Result result = cli.run("--help");
    assertEquals(0, result.exitCode());
    String help = result.out();
    assertTrue(help.startsWith("Usage: sibyl [-hvV] [--db=PATH|URL] [COMMAND]"), help);
    for (String expected : new String[] {
        "--db=PATH|URL", "mem:NAME", "run ", "shell ", "import ", "Exit codes:",
        "2   A usage error"}) {
      assertTrue(help.contains(expected), () -> "missing '" + expected + "' in\n" + help);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"run", "shell", "import"})
  void everyCommandHasHelp(String command) {
    CliHarness.Result result = cli.run(command, "--help");
    assertEquals(0, result.exitCode());
    assertTrue(result.out().startsWith("Usage: sibyl " + command + " "), result.out());
    assertTrue(result.out().contains("--db=PATH|URL"), "inherited option listed: " + result.out());
    assertEquals(result.out(), cli.run("help", command).out(), "'sibyl help " + command + "'");
  }

  @Test
  void commandHelpDescribesItsOptions() {
    String run = cli.run("run", "--help").out();
    assertTrue(run.contains("FILE.sql") && run.contains("--format=FORMAT"), run);
    String load = cli.run("import", "--help").out();
    assertTrue(load.contains("--table=NAME") && load.contains("--delimiter=CHAR")
        && load.contains("--replace") && load.contains("(default: ,)"), load);
    String shell = cli.run("shell", "--help").out();
    assertTrue(shell.contains("-f FILE.sql"), shell);
  }

  @Test
  void versionComesFromTheBuild() {
    CliHarness.Result result = cli.run("--version");
    assertEquals(0, result.exitCode());
    assertTrue(result.out().matches("Sibyl \\d+\\.\\d+\\.\\d+.*\\R"), result.out());
  }

  @Test
  void missingCommandIsAUsageError() {
    CliHarness.Result result = cli.run();
    assertEquals(2, result.exitCode());
    assertEquals("Missing required subcommand" + System.lineSeparator()
        + "Try 'sibyl --help' for more information." + System.lineSeparator(), result.err());
  }

  @Test
  void unknownCommandSuggestsTheNearestOne() {
    CliHarness.Result result = cli.run("imprt");
    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains("Unmatched argument at index 0: 'imprt'"), result.err());
    assertTrue(result.err().contains("Did you mean: sibyl import"), result.err());
  }
}

package dev.sibyl.server.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * Runs the CLI in-process with captured standard output and error. By default it works on
 * in-memory H2 databases: {@code --db NAME} selects {@code jdbc:h2:mem:NAME}, kept open between
 * runs, and without {@code --db} the harness's own fresh database is used.
 */
final class CliHarness {
  /** What one run printed and returned. */
  record Result(int exitCode, String out, String err) {}

  private final String defaultDatabase = "cli_" + UUID.randomUUID().toString().replace('-', '_');
  private final Function<Optional<String>, ConnectionSettings> connections;

  /** A harness on in-memory H2 databases. */
  CliHarness() {
    this.connections = db -> h2(db.orElse(defaultDatabase));
  }

  /** A harness whose commands connect as {@code connections} says. */
  CliHarness(Function<Optional<String>, ConnectionSettings> connections) {
    this.connections = connections;
  }

  static ConnectionSettings h2(String database) {
    return ConnectionSettings.of("org.h2.Driver", "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1");
  }

  /** A connection to the database the commands use without {@code --db}. */
  Connection connect() throws SQLException {
    return connections.apply(Optional.empty()).open();
  }

  Result run(String... args) {
    return runWithInput("", args);
  }

  Result runWithInput(String stdin, String... args) {
    SibylCli root = new SibylCli(
        connections, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    CommandLine commandLine = SibylCli.commandLine(root);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }
}

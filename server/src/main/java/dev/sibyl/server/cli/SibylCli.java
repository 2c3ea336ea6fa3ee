package dev.sibyl.server.cli;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;

/**
 * The {@code sibyl} command line: {@code sibyl [--db PATH|URL] COMMAND}.
 *
 * <p>Exit codes: 0 when all went well, 1 for an SQL or data error, 2 for a usage error. Errors are
 * one line on standard error; {@code --verbose} adds the stack trace.
 */
@Command(
    name = "sibyl",
    mixinStandardHelpOptions = true,
    versionProvider = SibylVersion.class,
    description = "Machine learning inside SQL.",
    subcommands = {
        RunCommand.class, ShellCommand.class, ImportCommand.class, CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:Success.",
        "1:An SQL or data error.",
        "2:A usage error (unknown option, missing file, ...)."
    })
public final class SibylCli {
  /** Exit code for an SQL or data error. */
  public static final int EXIT_ERROR = 1;
  /** Exit code for a usage error. */
  public static final int EXIT_USAGE = 2;

  @Option(
      names = "--db",
      paramLabel = "PATH|URL",
      scope = ScopeType.INHERIT,
      description = "The backing database: an H2 file path, mem:NAME for an in-memory H2"
          + " database, or the JDBC URL of another database. Default: ./sibyl-data/sibyl")
  private String db;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Print the stack trace of an error.")
  private boolean verbose;

  private final Function<Optional<String>, ConnectionSettings> connections;
  private final InputStream stdin;

  /**
   * Creates the root command.
   *
   * @param connections the connection settings for the value of {@code --db}, empty if not given
   * @param stdin what {@code shell} reads commands from and {@code run -} reads a script from
   */
  public SibylCli(Function<Optional<String>, ConnectionSettings> connections, InputStream stdin) {
    this.connections = connections;
    this.stdin = stdin;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(
        new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)));
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    CommandLine commandLine = commandLine(new SibylCli(SibylConnections::forDatabase, System.in));
    commandLine.setOut(out);
    commandLine.setErr(err);
    int exitCode = commandLine.execute(args);
    out.flush();
    err.flush();
    System.exit(exitCode);
  }

  /** The command line for {@code root}, with the CLI's error handling and exit codes. */
  public static CommandLine commandLine(SibylCli root) {
    CommandLine commandLine = new CommandLine(root);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler((e, command, parseResult) -> {
      command.getErr().println(CliMessages.error(e));
      root.printStackTraceIfVerbose(e, command.getErr());
      return EXIT_ERROR;
    });
    commandLine.setParameterExceptionHandler(SibylCli::handleUsageError);
    return commandLine;
  }

  private static int handleUsageError(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println(e.getMessage());
    if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
      err.println(CliMessages.tryHelp(command.getCommandSpec().qualifiedName()));
    }
    return EXIT_USAGE;
  }

  Connection connect() throws SQLException {
    return connectionSettings().open();
  }

  ConnectionSettings connectionSettings() {
    return connections.apply(Optional.ofNullable(db));
  }

  InputStream stdin() {
    return stdin;
  }

  void printStackTraceIfVerbose(Throwable e, PrintWriter err) {
    if (verbose) {
      e.printStackTrace(err);
    }
  }
}

package dev.sibyl.server.cli;

import dev.sibyl.server.output.ResultFormat;
import dev.sibyl.server.output.ResultWriter;
import dev.sibyl.server.script.ScriptSplitter;
import dev.sibyl.server.script.ScriptStatement;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code sibyl run FILE.sql}: executes a script statement by statement, printing each result. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = SibylVersion.class,
    description = {
        "Executes a SQL script statement by statement and prints each result.",
        "Statements end with ';' outside quotes and comments. The script stops at the first"
            + " failing statement, naming its line."
    })
final class RunCommand implements Callable<Integer> {
  /** The script name that means standard input. */
  private static final String STDIN = "-";

  @ParentCommand
  private SibylCli cli;

  @Spec
  private CommandSpec spec;

  @Parameters(paramLabel = "FILE.sql", description = "The script to run ('-' for standard input).")
  private String script;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "How result sets are printed: table (aligned columns, the default), csv"
          + " (RFC 4180 with a header) or json (an array of objects per result set). With csv and"
          + " json, update counts go to standard error so that standard output stays parseable.")
  private ResultFormat format;

  @Option(
      names = "--progress-after",
      paramLabel = "SECONDS",
      defaultValue = "3",
      description = "Print a progress line to standard error every two seconds for a CREATE MODEL"
          + " that has run this long (default: ${DEFAULT-VALUE}; 0 = at once; -1 = never).")
  private double progressAfter;

  @Override
  public Integer call() throws IOException, SQLException {
    List<ScriptStatement> statements = ScriptSplitter.split(readScript());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter status = format.isMachineReadable() ? err : out;
    ResultWriter writer = format.writer(out);
    try (Connection connection = cli.connect()) {
      for (ScriptStatement statement : statements) {
        try {
          try (AutoCloseable progress =
              TrainingProgress.watch(
                  statement.sql(), connection, cli::connect, err, progressAfter)) {
            execute(connection, statement.sql(), writer, status);
          }
        } catch (Exception | ExceptionInInitializerError e) {
          // Unchecked failures come from drivers and the code they generate (Calcite folds
          // constants such as 1/0 in a static initializer); they are still the statement's error.
          out.flush();
          err.println(CliMessages.errorAtLine(statement.line(), e));
          cli.printStackTraceIfVerbose(e, err);
          return SibylCli.EXIT_ERROR;
        }
        out.flush();
      }
    }
    return 0;
  }

  private String readScript() throws IOException {
    if (STDIN.equals(script)) {
      return new String(cli.stdin().readAllBytes(), StandardCharsets.UTF_8);
    }
    Path file = Path.of(script);
    if (!Files.isRegularFile(file)) {
      throw new ParameterException(spec.commandLine(), CliMessages.fileNotFound(file));
    }
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /** Executes one statement and prints every result it produces, in order. */
  private static void execute(
      Connection connection, String sql, ResultWriter writer, PrintWriter status)
      throws SQLException, IOException {
    try (Statement statement = connection.createStatement()) {
      boolean isResultSet = statement.execute(sql);
      while (true) {
        if (isResultSet) {
          try (ResultSet rs = statement.getResultSet()) {
            writer.write(rs);
          }
        } else {
          int count = statement.getUpdateCount();
          if (count == -1) {
            return;
          }
          status.println(CliMessages.rowsAffected(count));
        }
        isResultSet = statement.getMoreResults();
      }
    }
  }
}

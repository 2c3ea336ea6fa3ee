package dev.sibyl.server.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import sqlline.SqlLine;

/** {@code sibyl shell}: an interactive SQL shell (sqlline) on the commands' database. */
@Command(
    name = "shell",
    mixinStandardHelpOptions = true,
    versionProvider = SibylVersion.class,
    description = "Starts an interactive SQL shell (sqlline) on the database. Type !help for its"
        + " commands and !quit to leave.",
    footer = {
        "",
        "Other arguments go to sqlline, for example:",
        "  -e \"SELECT 1\"        run one command and exit",
        "  -f FILE.sql          run a script and exit",
        "  --outputformat=csv   print results as csv, json, tsv, vertical, ..."
    })
final class ShellCommand implements Callable<Integer> {
  @ParentCommand
  private SibylCli cli;

  @Spec
  private CommandSpec spec;

  @Unmatched
  private List<String> sqllineArguments = new ArrayList<>();

  @Override
  public Integer call() throws IOException, SQLException {
    ConnectionSettings settings = cli.connectionSettings();
    settings.loadDriver();
    List<String> arguments = new ArrayList<>(List.of(
        "-d", settings.driverClass(),
        "-u", settings.urlWithProperties(),
        "-n", "",
        "-p", ""));
    arguments.addAll(sqllineArguments);

    SqlLine sqlLine = new SqlLine();
    sqlLine.setOutputStream(printStream(new WriterOutputStream(spec.commandLine().getOut())));
    sqlLine.setErrorStream(printStream(new WriterOutputStream(spec.commandLine().getErr())));
    // History is worth keeping only for a person typing at the terminal.
    boolean saveHistory = cli.stdin() == System.in;
    SqlLine.Status status =
        sqlLine.begin(arguments.toArray(String[]::new), cli.stdin(), saveHistory);
    return switch (status) {
      case OK -> 0;
      case ARGS -> SibylCli.EXIT_USAGE;
      case OTHER -> SibylCli.EXIT_ERROR;
    };
  }

  private static PrintStream printStream(WriterOutputStream out) {
    return new PrintStream(out, true, StandardCharsets.UTF_8);
  }
}

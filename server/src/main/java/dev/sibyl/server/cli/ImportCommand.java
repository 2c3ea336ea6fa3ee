package dev.sibyl.server.cli;

import dev.sibyl.server.csvload.CsvTableLoader;
import dev.sibyl.server.csvload.MalformedCsvException;
import dev.sibyl.server.csvload.TableName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code sibyl import FILE.csv --table NAME}: creates a table from a CSV file and loads it. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    versionProvider = SibylVersion.class,
    description = {
        "Creates a table from a CSV file and loads it in one transaction.",
        "The first line must be a header; its names become upper-case column names. Each column"
            + " gets the narrowest type that holds all its values: BOOLEAN (true/false), BIGINT,"
            + " DOUBLE PRECISION, else VARCHAR. An empty field is NULL. The file is checked whole"
            + " first: a malformed line is reported and nothing is created."
    })
final class ImportCommand implements Callable<Integer> {
  private static final String TAB_ESCAPE = "\\t";

  @ParentCommand
  private SibylCli cli;

  @Spec
  private CommandSpec spec;

  @Parameters(
      paramLabel = "FILE.csv[.gz]",
      description = "The UTF-8 CSV file, optionally gzip-compressed.")
  private Path file;

  @Option(
      names = "--table",
      required = true,
      paramLabel = "NAME",
      description = "The table to create, [SCHEMA.]TABLE; unquoted names are upper-cased.")
  private String table;

  @Option(
      names = "--delimiter",
      paramLabel = "CHAR",
      defaultValue = ",",
      description = "The field delimiter: one character, or \\t for a tab"
          + " (default: ${DEFAULT-VALUE}).")
  private String delimiter;

  @Option(names = "--replace", description = "Replace the table if it exists (otherwise an error).")
  private boolean replace;

  @Override
  public Integer call() throws SQLException {
    if (!Files.isRegularFile(file)) {
      throw new ParameterException(spec.commandLine(), CliMessages.fileNotFound(file));
    }
    char separator = delimiterChar();
    TableName tableName = tableName();
    long rows;
    try (Connection connection = cli.connect();
         Connection backing = SibylConnections.backingConnection(connection)) {
      rows = new CsvTableLoader(backing, separator).load(file, tableName, replace);
    } catch (MalformedCsvException | IOException | SQLException | RuntimeException e) {
      spec.commandLine().getErr().println(CliMessages.importFailed(e));
      cli.printStackTraceIfVerbose(e, spec.commandLine().getErr());
      return SibylCli.EXIT_ERROR;
    }
    spec.commandLine().getOut().println(CliMessages.loaded(rows, tableName));
    return 0;
  }

  private char delimiterChar() {
    if (TAB_ESCAPE.equals(delimiter)) {
      return '\t';
    }
    if (delimiter.length() != 1 || delimiter.charAt(0) == '"' || delimiter.charAt(0) == '\n'
        || delimiter.charAt(0) == '\r') {
      throw new ParameterException(spec.commandLine(), CliMessages.invalidDelimiter(delimiter));
    }
    return delimiter.charAt(0);
  }

  private TableName tableName() {
    try {
      return TableName.parse(table);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}

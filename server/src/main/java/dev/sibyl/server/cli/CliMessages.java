package dev.sibyl.server.cli;

import dev.sibyl.server.csvload.TableName;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;

/** Every message the CLI itself prints, in one place. */
final class CliMessages {
  private CliMessages() {}

  /** A statement of a script failed. */
  static String errorAtLine(int line, Throwable e) {
    return "Error at line " + line + ": " + describe(e);
  }

  /** A command failed as a whole. */
  static String error(Throwable e) {
    return "Error: " + describe(e);
  }

  /** An import failed; the loader guarantees nothing was left behind. */
  static String importFailed(Throwable e) {
    return error(e) + " (nothing was loaded)";
  }

  static String rowsAffected(long count) {
    return "OK, " + count + (count == 1 ? " row" : " rows") + " affected";
  }

  static String loaded(long rows, TableName table) {
    return "Loaded " + rows + (rows == 1 ? " row" : " rows") + " into " + table;
  }

  static String fileNotFound(Path file) {
    return "File not found: " + file;
  }

  static String invalidDelimiter(String delimiter) {
    return "Invalid value for option '--delimiter': '" + delimiter
        + "' is not one character (use \\t for a tab)";
  }

  static String tryHelp(String qualifiedCommandName) {
    return "Try '" + qualifiedCommandName + " --help' for more information.";
  }

  static String driverMissing(String driverClass) {
    return "JDBC driver " + driverClass + " is not on the class path";
  }

  private static String describe(Throwable e) {
    if (e instanceof SQLException sql) {
      String state = sql.getSQLState();
      return sql.getMessage() + (state == null ? "" : " (SQLState " + state + ")");
    }
    if (e instanceof NoSuchFileException missing) {
      return "File not found: " + missing.getFile();
    }
    if (e.getMessage() != null) {
      return e.getMessage();
    }
    return e.getCause() != null ? describe(e.getCause()) : e.getClass().getSimpleName();
  }
}

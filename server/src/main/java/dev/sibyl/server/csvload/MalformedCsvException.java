package dev.sibyl.server.csvload;

/** A CSV file that cannot be loaded as it is, with the 1-based line of the offending record. */
public final class MalformedCsvException extends Exception {
  private static final long serialVersionUID = 1L;

  private final long line;

  MalformedCsvException(String file, long line, String reason) {
    super(file + ", line " + line + ": " + reason);
    this.line = line;
  }

  /** The 1-based line of the file where the offending record starts. */
  public long line() {
    return line;
  }
}

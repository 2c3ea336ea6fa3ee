package dev.sibyl.server.output;

import java.io.PrintWriter;

/** The output formats of {@code sibyl run}. */
public enum ResultFormat {
  /** Aligned columns with a header and a row count, for people. */
  TABLE,
  /** RFC 4180 CSV with a header line; result sets are separated by an empty line. */
  CSV,
  /** One JSON array of objects per result set, one object per line. */
  JSON;

  /** Returns a writer in this format that prints to {@code out}. */
  public ResultWriter writer(PrintWriter out) {
    return switch (this) {
      case TABLE -> new TableResultWriter(out);
      case CSV -> new CsvResultWriter(out);
      case JSON -> new JsonResultWriter(out);
    };
  }

  /**
   * Whether other programs read this format, so that status lines such as update counts belong on
   * standard error rather than among the results.
   */
  public boolean isMachineReadable() {
    return this != TABLE;
  }
}

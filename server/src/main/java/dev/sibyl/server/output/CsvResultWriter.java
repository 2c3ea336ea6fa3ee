package dev.sibyl.server.output;

import java.io.IOException;
import java.io.PrintWriter;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes each result set as RFC 4180 CSV with a header line, values at full precision, NULL as an
 * empty field and binary values in Base64. Consecutive result sets are separated by an empty line.
 */
final class CsvResultWriter implements ResultWriter {
  private final PrintWriter out;
  private boolean first = true;

  CsvResultWriter(PrintWriter out) {
    this.out = out;
  }

  @Override
  public long write(ResultSet rs) throws SQLException, IOException {
    ResultColumns columns = ResultColumns.of(rs.getMetaData());
    if (!first) {
      out.print(CSVFormat.RFC4180.getRecordSeparator());
    }
    first = false;
    CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180);
    printer.printRecord((Object[]) columns.labels());
    long rows = 0;
    while (rs.next()) {
      for (int i = 0; i < columns.count(); i++) {
        printer.print(ValueText.exact(rs, i + 1, columns.kinds()[i]));
      }
      printer.println();
      rows++;
    }
    printer.flush();
    return rows;
  }
}

package dev.sibyl.server.csvload;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams the records of a UTF-8 CSV file, gzip-compressed or not (told by its first bytes).
 * Blank lines are skipped (so in a one-column file an empty field reads as a blank line); a record
 * whose field count differs from the header's, or whose quoting cannot be parsed, is a
 * {@link MalformedCsvException} naming the line where the record starts.
 */
final class CsvRowReader implements Closeable {
  private static final int BUFFER_SIZE = 1 << 16;
  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private final String fileName;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private int width = -1;

  private CsvRowReader(String fileName, CSVParser parser) {
    this.fileName = fileName;
    this.parser = parser;
    this.records = parser.iterator();
  }

  static CsvRowReader open(Path file, char delimiter) throws IOException {
    CSVFormat format = CSVFormat.RFC4180.builder()
        .setDelimiter(delimiter)
        .setIgnoreEmptyLines(false)
        .get();
    InputStream in = decompressed(new BufferedInputStream(Files.newInputStream(file), BUFFER_SIZE));
    try {
      CSVParser parser = CSVParser.builder()
          .setReader(new InputStreamReader(in, StandardCharsets.UTF_8))
          .setFormat(format)
          .get();
      return new CsvRowReader(file.getFileName().toString(), parser);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  private static InputStream decompressed(BufferedInputStream in) throws IOException {
    in.mark(2);
    boolean gzip = in.read() == GZIP_MAGIC_1 && in.read() == GZIP_MAGIC_2;
    in.reset();
    return gzip ? new GZIPInputStream(in, BUFFER_SIZE) : in;
  }

  /**
   * Reads the header record and fixes the number of fields every later record must have.
   *
   * @return the header's fields, without a leading byte order mark
   */
  String[] readHeader() throws MalformedCsvException {
    String[] header = next();
    if (header == null) {
      throw new MalformedCsvException(fileName, 1, "the file is empty; a header line is required");
    }
    if (!header[0].isEmpty() && header[0].charAt(0) == BYTE_ORDER_MARK) {
      header[0] = header[0].substring(1);
    }
    width = header.length;
    return header;
  }

  /** Returns the fields of the next non-blank record, or null at the end of the file. */
  String[] next() throws MalformedCsvException {
    while (true) {
      long linesBefore = parser.getCurrentLineNumber();
      CSVRecord record;
      try {
        if (!records.hasNext()) {
          return null;
        }
        record = records.next();
      } catch (UncheckedIOException e) {
        throw new MalformedCsvException(fileName, linesBefore + 1, e.getCause().getMessage());
      }
      if (record.size() == 1 && record.get(0).isEmpty()) {
        continue;
      }
      String[] fields = record.values();
      if (width >= 0 && fields.length != width) {
        throw new MalformedCsvException(fileName, linesBefore + 1,
            "expected " + width + " fields as in the header but found " + fields.length);
      }
      return fields;
    }
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}

package dev.sibyl.server.csvload;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What the first pass over a CSV file learns: the column names, each column's type inferred from
 * all its values, and the number of data rows. The pass also proves every record well formed, so
 * that the load that follows touches the database only for a file that can be loaded whole.
 */
public record CsvProfile(List<String> columns, List<ColumnType> types, long rows) {

  /** Reads {@code file} once; an empty field is NULL and does not constrain its column's type. */
  public static CsvProfile of(Path file, char delimiter) throws IOException, MalformedCsvException {
    try (CsvRowReader reader = CsvRowReader.open(file, delimiter)) {
      List<String> columns = SqlNames.columnNames(reader.readHeader());
      ColumnType[] types = new ColumnType[columns.size()];
      long rows = 0;
      for (String[] fields = reader.next(); fields != null; fields = reader.next()) {
        for (int i = 0; i < fields.length; i++) {
          if (types[i] != ColumnType.VARCHAR && !fields[i].isEmpty()) {
            ColumnType type = ColumnType.of(fields[i]);
            types[i] = types[i] == null ? type : types[i].widen(type);
          }
        }
        rows++;
      }
      for (int i = 0; i < types.length; i++) {
        if (types[i] == null) {
          types[i] = ColumnType.VARCHAR;
        }
      }
      return new CsvProfile(columns, List.of(types), rows);
    }
  }
}

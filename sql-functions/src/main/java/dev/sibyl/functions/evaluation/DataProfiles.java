package dev.sibyl.functions.evaluation;

import dev.sibyl.functions.calcite.SibylSqlException;
import dev.sibyl.registry.SibylErrors;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;

/**
 * {@code TABLE(PROFILE('query'[, 'label']))}: one row of statistics per column of a query, and a
 * last row ({@code COLUMN_NAME = '*'}) counting the rows that repeat an earlier row exactly.
 * Called from generated code.
 */
public final class DataProfiles {
  private static final int TOP_VALUES = 5;

  private DataProfiles() {}

  public static Enumerable<Object[]> profile(String registryId, String query, DataContext root) {
    return profileOf(query, null, root);
  }

  public static Enumerable<Object[]> profileWithLabel(
      String registryId, String query, String label, DataContext root) {
    return profileOf(query, label, root);
  }

  private static Enumerable<Object[]> profileOf(String query, String label, DataContext root) {
    try {
      Connection connection = (Connection) root.getQueryProvider();
      List<ColumnData> columns = new ArrayList<>();
      long[] rowHashes = new long[1024];
      int rows = 0;
      try (Statement statement = connection.createStatement();
          ResultSet resultSet = statement.executeQuery(query)) {
        ResultSetMetaData meta = resultSet.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          columns.add(new ColumnData(meta.getColumnLabel(i), meta.getColumnTypeName(i),
              isNumeric(meta.getColumnType(i))));
        }
        while (resultSet.next()) {
          long hash = 17;
          for (int i = 0; i < columns.size(); i++) {
            hash = ColumnData.mix(hash * 31 + columns.get(i).add(resultSet.getObject(i + 1)));
          }
          if (rows == rowHashes.length) {
            rowHashes = Arrays.copyOf(rowHashes, rows * 2);
          }
          rowHashes[rows++] = hash;
        }
      }
      ColumnData labelColumn = label == null ? null : find(columns, label);
      List<Object[]> result = new ArrayList<>();
      for (ColumnData column : columns) {
        result.add(row(column, rows, labelColumn));
      }
      result.add(summary(rows, duplicates(rowHashes, rows)));
      return Linq4j.asEnumerable(result);
    } catch (SQLException e) {
      throw new SibylSqlException(e);
    }
  }

  private static ColumnData find(List<ColumnData> columns, String label) throws SQLException {
    for (ColumnData column : columns) {
      if (column.name.equalsIgnoreCase(label)) {
        return column;
      }
    }
    List<String> names = new ArrayList<>();
    columns.forEach(c -> names.add(c.name));
    throw SibylErrors.profileLabelNotInQuery(label, String.join(", ", names));
  }

  private static boolean isNumeric(int jdbcType) {
    switch (jdbcType) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.REAL, Types.FLOAT,
          Types.DOUBLE, Types.DECIMAL, Types.NUMERIC:
        return true;
      default:
        return false;
    }
  }

  private static Object[] row(ColumnData column, int rows, ColumnData label) {
    Double correlation =
        label == null || label == column ? null : Associations.between(column, label);
    if (column.numeric) {
      double[] sorted = column.sortedNumbers();
      long nulls = rows - sorted.length;
      if (sorted.length == 0) {
        return new Object[] {column.name, column.type, (long) rows, nulls, 0L, null, null, null,
            null, null, null, null, null, null, correlation, null};
      }
      double mean = 0;
      for (double v : sorted) {
        mean += v;
      }
      mean /= sorted.length;
      double squares = 0;
      for (double v : sorted) {
        squares += (v - mean) * (v - mean);
      }
      Double stddev = sorted.length > 1 ? Math.sqrt(squares / (sorted.length - 1)) : null;
      double q1 = quantile(sorted, 0.25);
      double median = quantile(sorted, 0.5);
      double q3 = quantile(sorted, 0.75);
      double fence = 1.5 * (q3 - q1);
      long outliers = 0;
      long distinct = 0;
      for (int i = 0; i < sorted.length; i++) {
        if (sorted[i] < q1 - fence || sorted[i] > q3 + fence) {
          outliers++;
        }
        if (i == 0 || sorted[i] != sorted[i - 1]) {
          distinct++;
        }
      }
      return new Object[] {column.name, column.type, (long) rows, nulls, distinct, sorted[0],
          sorted[sorted.length - 1], mean, stddev, q1, median, q3, outliers, null, correlation,
          null};
    }
    long[] counts = new long[column.distinctTexts()];
    long nulls = 0;
    for (int i = 0; i < rows; i++) {
      int code = column.code(i);
      if (code < 0) {
        nulls++;
      } else {
        counts[code]++;
      }
    }
    return new Object[] {column.name, column.type, (long) rows, nulls,
        (long) column.distinctTexts(), null, null, null, null, null, null, null, null,
        topValues(column, counts), correlation, null};
  }

  private static String topValues(ColumnData column, long[] counts) {
    if (counts.length == 0) {
      return null;
    }
    Integer[] order = new Integer[counts.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> counts[a] != counts[b]
        ? Long.compare(counts[b], counts[a]) : column.text(a).compareTo(column.text(b)));
    List<String> top = new ArrayList<>();
    for (int i = 0; i < Math.min(TOP_VALUES, order.length); i++) {
      top.add(column.text(order[i]) + " (" + counts[order[i]] + ")");
    }
    return String.join(", ", top);
  }

  private static Object[] summary(int rows, long duplicates) {
    return new Object[] {"*", "ROW", (long) rows, null, rows - duplicates, null, null, null, null,
        null, null, null, null, null, null, duplicates};
  }

  /** Rows whose full contents repeat an earlier row (by a 64-bit hash of all values). */
  private static long duplicates(long[] hashes, int rows) {
    long[] sorted = Arrays.copyOf(hashes, rows);
    Arrays.sort(sorted);
    long duplicates = 0;
    for (int i = 1; i < rows; i++) {
      if (sorted[i] == sorted[i - 1]) {
        duplicates++;
      }
    }
    return duplicates;
  }

  /** Linear interpolation between closest ranks (the default of numpy and R type 7). */
  static double quantile(double[] sorted, double p) {
    double position = p * (sorted.length - 1);
    int lower = (int) Math.floor(position);
    int upper = Math.min(lower + 1, sorted.length - 1);
    return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
  }
}

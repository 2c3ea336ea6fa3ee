package dev.sibyl.functions.training;

import dev.sibyl.registry.model.Feature;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A categorical feature column: one int code per row into a dictionary of the distinct values
 * ({@code -1} = NULL). BOOLEAN columns read as {@code "true"} / {@code "false"}.
 */
final class CategoricalColumn extends FeatureColumn {
  private final boolean bool;
  private final Map<String, Integer> codes = new HashMap<>();
  private final List<String> dictionary = new ArrayList<>();
  private int[] rowCodes = new int[0];
  private int size;

  CategoricalColumn(String name, String sqlType, int jdbcIndex, boolean bool) {
    super(name, sqlType, jdbcIndex);
    this.bool = bool;
  }

  @Override
  void append(ResultSet rows) throws SQLException {
    String value;
    if (bool) {
      boolean b = rows.getBoolean(jdbcIndex);
      value = rows.wasNull() ? null : Boolean.toString(b);
    } else {
      value = rows.getString(jdbcIndex);
    }
    int code = value == null ? -1 : codes.computeIfAbsent(value, this::newCode);
    if (size == rowCodes.length) {
      rowCodes = Arrays.copyOf(rowCodes, grow(rowCodes.length, size + 1));
    }
    rowCodes[size++] = code;
  }

  private int newCode(String value) {
    dictionary.add(value);
    return dictionary.size() - 1;
  }

  /** The value of a row, null when missing. */
  String value(int row) {
    int code = rowCodes[row];
    return code < 0 ? null : dictionary.get(code);
  }

  /** One-hot over the values seen in the given rows, sorted. */
  @Override
  Feature fit(int[] rows) {
    boolean[] seen = new boolean[dictionary.size()];
    for (int row : rows) {
      int code = rowCodes[row];
      if (code >= 0) {
        seen[code] = true;
      }
    }
    TreeSet<String> categories = new TreeSet<>();
    for (int code = 0; code < seen.length; code++) {
      if (seen[code]) {
        categories.add(dictionary.get(code));
      }
    }
    return Feature.categorical(name, sqlType, List.copyOf(categories));
  }

  @Override
  void encode(Feature feature, int[] rows, double[][] out, int offset) {
    int[] input = new int[dictionary.size()];
    Arrays.fill(input, -1);
    List<String> categories = feature.categories();
    for (int i = 0; i < categories.size(); i++) {
      Integer code = codes.get(categories.get(i));
      if (code != null) {
        input[code] = i;
      }
    }
    for (int i = 0; i < rows.length; i++) {
      int code = rowCodes[rows[i]];
      if (code >= 0 && input[code] >= 0) {
        out[offset + input[code]][i] = 1;
      }
    }
  }
}

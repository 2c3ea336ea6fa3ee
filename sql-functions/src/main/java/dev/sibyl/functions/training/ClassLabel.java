package dev.sibyl.functions.training;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The label of a classifier: one code per kept row into a dictionary of the distinct values as
 * strings. Numbers are formatted without a needless fraction ({@code 1}, not {@code 1.0}) and sort
 * numerically; text sorts lexically; booleans read as {@code "false"} &lt; {@code "true"}.
 */
final class ClassLabel implements LabelColumn {
  /** How the label column is read. */
  enum Kind {
    NUMBER,
    TEXT,
    BOOLEAN
  }

  private final int jdbcIndex;
  private final Kind kind;
  private final Map<String, Integer> codes = new HashMap<>();
  private final List<String> dictionary = new ArrayList<>();
  private final List<Double> numbers = new ArrayList<>();
  private int[] rowCodes = new int[0];
  private int size;

  ClassLabel(int jdbcIndex, Kind kind) {
    this.jdbcIndex = jdbcIndex;
    this.kind = kind;
  }

  /** Appends the label of the current row; false (and nothing kept) if it is NULL or NaN. */
  @Override
  public boolean append(ResultSet rows) throws SQLException {
    String value;
    double number = Double.NaN;
    switch (kind) {
      case NUMBER -> {
        number = rows.getDouble(jdbcIndex);
        value = rows.wasNull() || Double.isNaN(number) ? null : format(number);
      }
      case BOOLEAN -> {
        boolean b = rows.getBoolean(jdbcIndex);
        value = rows.wasNull() ? null : Boolean.toString(b);
      }
      default -> value = rows.getString(jdbcIndex);
    }
    if (value == null) {
      return false;
    }
    Integer code = codes.get(value);
    if (code == null) {
      code = dictionary.size();
      codes.put(value, code);
      dictionary.add(value);
      numbers.add(number);
    }
    if (size == rowCodes.length) {
      rowCodes = Arrays.copyOf(rowCodes, FeatureColumn.grow(rowCodes.length, size + 1));
    }
    rowCodes[size++] = code;
    return true;
  }

  /** A class value as a string: integers without a fraction, other numbers in plain notation. */
  static String format(double number) {
    if (number == Math.rint(number) && Math.abs(number) < 1e15) {
      return Long.toString((long) number);
    }
    if (Double.isInfinite(number)) {
      return Double.toString(number);
    }
    return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
  }

  /** Number of distinct values over all kept rows. */
  int distinctCount() {
    return dictionary.size();
  }

  /** The first value met, for messages. */
  String firstValue() {
    return dictionary.get(0);
  }

  /** The distinct values of the given rows, sorted: these are the model's classes. */
  List<String> classesOf(int[] rows) {
    boolean[] seen = new boolean[dictionary.size()];
    for (int row : rows) {
      seen[rowCodes[row]] = true;
    }
    List<Integer> present = new ArrayList<>();
    for (int code = 0; code < seen.length; code++) {
      if (seen[code]) {
        present.add(code);
      }
    }
    Comparator<Integer> order =
        kind == Kind.NUMBER
            ? Comparator.comparingDouble(numbers::get)
            : Comparator.comparing(dictionary::get);
    present.sort(order);
    List<String> classes = new ArrayList<>(present.size());
    for (int code : present) {
      classes.add(dictionary.get(code));
    }
    return List.copyOf(classes);
  }

  /** For each given row, the index of its value in {@code classes}, or -1 if it is not there. */
  int[] classIndices(int[] rows, List<String> classes) {
    int[] indexOfCode = new int[dictionary.size()];
    for (int code = 0; code < indexOfCode.length; code++) {
      indexOfCode[code] = classes.indexOf(dictionary.get(code));
    }
    int[] y = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      y[i] = indexOfCode[rowCodes[rows[i]]];
    }
    return y;
  }
}

package dev.sibyl.functions.training;

import dev.sibyl.functions.calcite.FeatureValues;
import dev.sibyl.registry.SibylErrors;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code group_by} column: the group of every kept row, as text (the text PREDICT compares
 * when it routes a row, {@link FeatureValues#toCategory}). Never a feature.
 */
final class GroupColumn {
  /** The SQL types a group column may have, for messages. */
  static final String SUPPORTED_TYPES = "a numeric, text or BOOLEAN column";

  final String name;
  final String sqlType;
  final int jdbcIndex;
  private final Map<String, Integer> codes = new HashMap<>();
  private final List<String> keys = new ArrayList<>();
  private final Set<String> beyondLimit = new HashSet<>();
  private int[] rowCodes = new int[0];
  private int size;

  private GroupColumn(String name, String sqlType, int jdbcIndex) {
    this.name = name;
    this.sqlType = sqlType;
    this.jdbcIndex = jdbcIndex;
  }

  /** The group column, or an error naming it when its type cannot name groups. */
  static GroupColumn of(String name, int jdbcIndex, int jdbcType, String sqlType)
      throws SQLException {
    if (!SqlTypes.isBoolean(jdbcType) && !SqlTypes.isNumeric(jdbcType)
        && !SqlTypes.isText(jdbcType)) {
      throw SibylErrors.unsupportedSplitColumnType(
          TrainingOptions.GROUP_BY, name, sqlType, SUPPORTED_TYPES);
    }
    return new GroupColumn(name, sqlType, jdbcIndex);
  }

  /** The group of the current row, null when the column is NULL. */
  String read(ResultSet rows) throws SQLException {
    return FeatureValues.toCategory(rows.getObject(jdbcIndex));
  }

  /** Appends a kept row of group {@code key}. */
  void append(String key) {
    int code = codes.computeIfAbsent(key, k -> {
      keys.add(k);
      return keys.size() - 1;
    });
    if (size == rowCodes.length) {
      rowCodes = Arrays.copyOf(rowCodes, Math.max(16, size * 2));
    }
    rowCodes[size++] = code;
  }

  /**
   * Whether a row of group {@code key} can be kept: false once the groups exceed {@code limit};
   * from then on the groups are only counted, for the message.
   */
  boolean admits(String key, int limit) {
    if (beyondLimit.isEmpty() && (codes.containsKey(key) || keys.size() < limit)) {
      return true;
    }
    if (!codes.containsKey(key)) {
      beyondLimit.add(key);
    }
    return false;
  }

  /** Distinct groups seen so far. */
  long distinct() {
    return keys.size() + beyondLimit.size();
  }

  /** The groups, in the order their first row came. */
  List<String> keys() {
    return List.copyOf(keys);
  }

  /** The kept rows of each group, ascending, in {@link #keys()} order. */
  int[][] rowsByGroup() {
    int[] counts = new int[keys.size()];
    for (int i = 0; i < size; i++) {
      counts[rowCodes[i]]++;
    }
    int[][] rows = new int[keys.size()][];
    for (int g = 0; g < rows.length; g++) {
      rows[g] = new int[counts[g]];
    }
    int[] filled = new int[keys.size()];
    for (int i = 0; i < size; i++) {
      int g = rowCodes[i];
      rows[g][filled[g]++] = i;
    }
    return rows;
  }
}

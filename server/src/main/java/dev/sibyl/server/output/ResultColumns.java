package dev.sibyl.server.output;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/** The labels and value kinds of a result set's columns. */
record ResultColumns(String[] labels, ValueKind[] kinds) {
  static ResultColumns of(ResultSetMetaData metaData) throws SQLException {
    int count = metaData.getColumnCount();
    String[] labels = new String[count];
    ValueKind[] kinds = new ValueKind[count];
    for (int i = 0; i < count; i++) {
      labels[i] = metaData.getColumnLabel(i + 1);
      kinds[i] = ValueKind.of(metaData.getColumnType(i + 1));
    }
    return new ResultColumns(labels, kinds);
  }

  int count() {
    return labels.length;
  }

  /** The labels made distinct by suffixing repeats with {@code _2}, {@code _3}, ... */
  String[] distinctLabels() {
    String[] distinct = new String[labels.length];
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < labels.length; i++) {
      String label = labels[i];
      for (int suffix = 2; !seen.add(label); suffix++) {
        label = labels[i] + "_" + suffix;
      }
      distinct[i] = label;
    }
    return distinct;
  }
}

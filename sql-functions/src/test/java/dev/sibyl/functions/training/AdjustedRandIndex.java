package dev.sibyl.functions.training;

import java.util.HashMap;
import java.util.Map;

/** The adjusted Rand index of two labelings (Hubert and Arabie), as scikit-learn computes it. */
final class AdjustedRandIndex {
  private AdjustedRandIndex() {}

  static double of(Object[] truth, Object[] predicted) {
    Map<Object, Map<Object, Long>> table = new HashMap<>();
    Map<Object, Long> rows = new HashMap<>();
    Map<Object, Long> columns = new HashMap<>();
    for (int i = 0; i < truth.length; i++) {
      table.computeIfAbsent(truth[i], t -> new HashMap<>()).merge(predicted[i], 1L, Long::sum);
      rows.merge(truth[i], 1L, Long::sum);
      columns.merge(predicted[i], 1L, Long::sum);
    }
    double index = 0;
    for (Map<Object, Long> row : table.values()) {
      for (long count : row.values()) {
        index += pairs(count);
      }
    }
    double rowPairs = rows.values().stream().mapToDouble(AdjustedRandIndex::pairs).sum();
    double columnPairs = columns.values().stream().mapToDouble(AdjustedRandIndex::pairs).sum();
    double expected = rowPairs * columnPairs / pairs(truth.length);
    double max = (rowPairs + columnPairs) / 2;
    return (index - expected) / (max - expected);
  }

  private static double pairs(long n) {
    return n * (n - 1) / 2.0;
  }
}

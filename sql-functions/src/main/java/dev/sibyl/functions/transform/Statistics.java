package dev.sibyl.functions.transform;

import dev.sibyl.registry.SibylErrors;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;

/**
 * What one learned call sees of the training rows (its argument's non-NULL numbers, or the count
 * of each non-NULL value), and the frozen SQL it becomes.
 */
final class Statistics {
  private final SqlCall call;
  private final FittedFunction function;
  private final FittedFunction.Statistic statistic;
  private final TransformItem item;
  private double[] numbers = new double[1024];
  private int size;
  private final Map<Object, Long> counts = new HashMap<>();

  Statistics(
      SqlCall call, FittedFunction function, FittedFunction.Statistic statistic,
      TransformItem item) {
    this.call = call;
    this.function = function;
    this.statistic = statistic;
    this.item = item;
  }

  SqlCall call() {
    return call;
  }

  FittedFunction function() {
    return function;
  }

  FittedFunction.Statistic statistic() {
    return statistic;
  }

  TransformItem item() {
    return item;
  }

  /** Takes the value of the current row's {@code column}. */
  void add(ResultSet rows, int column) throws SQLException {
    if (statistic == FittedFunction.Statistic.NUMBERS) {
      double value = rows.getDouble(column);
      if (!rows.wasNull() && !Double.isNaN(value)) {
        if (size == numbers.length) {
          numbers = Arrays.copyOf(numbers, size * 2);
        }
        numbers[size++] = value;
      }
    } else {
      Object value = function == FittedFunction.ONE_HOT
          ? rows.getString(column)
          : rows.getObject(column);
      if (value != null) {
        counts.merge(value, 1L, Long::sum);
      }
    }
  }

  /** The frozen SQL of the call. */
  SqlNode freeze(String model) throws SQLException {
    SqlNode argument = call.operand(0);
    if (statistic == FittedFunction.Statistic.NONE) {
      return FrozenExpressions.impute(argument, call.operand(2));
    }
    if (statistic == FittedFunction.Statistic.NUMBERS ? size == 0 : counts.isEmpty()) {
      throw SibylErrors.transformNothingToFit(
          model, item.position(), item.feature(), function.name());
    }
    return switch (function) {
      case STANDARD_SCALE -> FrozenExpressions.standardScale(argument, mean(), stddev());
      case MIN_MAX_SCALE -> FrozenExpressions.minMaxScale(argument, min(), max());
      case BUCKETIZE -> FrozenExpressions.bucketize(
          argument, boundaries(FittedFunction.integerArgument(call, 0)));
      case ONE_HOT -> FrozenExpressions.oneHot(FrozenExpressions.asText(argument),
          mostFrequent(FittedFunction.integerArgument(call, FittedFunction.DEFAULT_TOP_K)));
      case IMPUTE -> switch (FittedFunction.imputeStrategy(call)) {
        case "mean" -> FrozenExpressions.impute(argument, FrozenExpressions.number(mean()));
        case "median" -> FrozenExpressions.impute(argument, FrozenExpressions.number(median()));
        default -> FrozenExpressions.impute(
            argument, FrozenExpressions.literal(mostFrequentValues(1).get(0)));
      };
    };
  }

  private double mean() {
    double sum = 0;
    for (int i = 0; i < size; i++) {
      sum += numbers[i];
    }
    return sum / size;
  }

  /** Population standard deviation (as scikit-learn's StandardScaler); 1 when it is 0. */
  private double stddev() {
    double mean = mean();
    double squares = 0;
    for (int i = 0; i < size; i++) {
      double d = numbers[i] - mean;
      squares += d * d;
    }
    double stddev = Math.sqrt(squares / size);
    return stddev > 0 ? stddev : 1;
  }

  private double min() {
    return Arrays.stream(numbers, 0, size).min().orElseThrow();
  }

  private double max() {
    return Arrays.stream(numbers, 0, size).max().orElseThrow();
  }

  private double median() {
    double[] sorted = sorted();
    int middle = size / 2;
    return size % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /**
   * The distinct values at the {@code i/buckets} quantiles, {@code i = 1 .. buckets-1}: a value
   * falls in the bucket numbered by how many boundaries are at or below it.
   */
  private double[] boundaries(int buckets) {
    double[] sorted = sorted();
    double[] boundaries = new double[buckets - 1];
    int distinct = 0;
    for (int i = 1; i < buckets; i++) {
      double boundary = sorted[(int) ((long) i * size / buckets)];
      if (boundary > sorted[0] && (distinct == 0 || boundary > boundaries[distinct - 1])) {
        boundaries[distinct++] = boundary;
      }
    }
    return Arrays.copyOf(boundaries, distinct);
  }

  private double[] sorted() {
    double[] sorted = Arrays.copyOf(numbers, size);
    Arrays.sort(sorted);
    return sorted;
  }

  private List<String> mostFrequent(int k) {
    return mostFrequentValues(k).stream().map(String::valueOf).toList();
  }

  /** The k most frequent values, most frequent first, ties in ascending text order. */
  private List<Object> mostFrequentValues(int k) {
    return counts.entrySet().stream()
        .sorted(Comparator.<Map.Entry<Object, Long>>comparingLong(Map.Entry::getValue).reversed()
            .thenComparing(e -> String.valueOf(e.getKey())))
        .limit(k)
        .map(Map.Entry::getKey)
        .toList();
  }
}

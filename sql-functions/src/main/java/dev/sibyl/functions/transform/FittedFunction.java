package dev.sibyl.functions.transform;

import dev.sibyl.registry.SibylErrors;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.util.NlsString;

/**
 * The functions a TRANSFORM may call that learn from the training rows. Each is replaced, once
 * fitted, by plain SQL over its argument with the learned statistics as literals.
 */
enum FittedFunction {
  /** {@code STANDARD_SCALE(x)}: {@code (x - mean) / stddev} (population stddev; 1 if zero). */
  STANDARD_SCALE("STANDARD_SCALE(x)"),
  /** {@code MIN_MAX_SCALE(x)}: {@code (x - min) / (max - min)} (range 1 if zero). */
  MIN_MAX_SCALE("MIN_MAX_SCALE(x)"),
  /** {@code BUCKETIZE(x, n)}: the quantile bucket 0 .. n-1 of x, by n-quantile boundaries. */
  BUCKETIZE("BUCKETIZE(x, n) with n an integer from 2 to " + FittedFunction.MAX_BUCKETS),
  /**
   * {@code IMPUTE(x, 'mean' | 'median' | 'most_frequent')} or {@code IMPUTE(x, 'constant', v)}:
   * x, or the statistic where x is NULL.
   */
  IMPUTE("IMPUTE(x, 'mean' | 'median' | 'most_frequent') or IMPUTE(x, 'constant', value)"),
  /** {@code ONE_HOT(x[, k])}: x as a category, keeping its k most frequent values, others '(other)'. */
  ONE_HOT("ONE_HOT(x) or ONE_HOT(x, k) with k an integer from 1 to " + FittedFunction.MAX_TOP_K);

  /** Most buckets BUCKETIZE makes. */
  static final int MAX_BUCKETS = 100;
  /** Most categories ONE_HOT keeps. */
  static final int MAX_TOP_K = 1000;
  /** Categories ONE_HOT keeps when no k is given. */
  static final int DEFAULT_TOP_K = 20;
  /** The category ONE_HOT gives the values outside its top k. */
  static final String OTHER = "(other)";

  private final String usage;

  FittedFunction(String usage) {
    this.usage = usage;
  }

  /** The fitted function a call invokes, if it is one. */
  static Optional<FittedFunction> of(SqlNode node) {
    if (!(node instanceof SqlCall call) || call.getOperator() == null) {
      return Optional.empty();
    }
    String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
    for (FittedFunction function : values()) {
      if (function.name().equals(name)) {
        return Optional.of(function);
      }
    }
    return Optional.empty();
  }

  /** What the statistics of a call are computed over. */
  enum Statistic {
    /** The non-NULL numbers. */
    NUMBERS,
    /** The counts of each non-NULL value. */
    COUNTS,
    /** Nothing: the call needs no statistic (constant imputation). */
    NONE
  }

  /** Checks a call's arguments (count, literals and their ranges), naming the item if wrong. */
  void checkArguments(SqlCall call, String model, TransformItem item) throws SQLException {
    int count = call.operandCount();
    boolean valid = switch (this) {
      case STANDARD_SCALE, MIN_MAX_SCALE -> count == 1;
      case BUCKETIZE -> count == 2 && integerIn(call.operand(1), 2, MAX_BUCKETS);
      case IMPUTE -> imputeArgumentsValid(call);
      case ONE_HOT -> count == 1 || (count == 2 && integerIn(call.operand(1), 1, MAX_TOP_K));
    };
    if (!valid) {
      throw SibylErrors.transformBadArguments(
          model, item.position(), item.feature(), name(), usage);
    }
  }

  private static boolean imputeArgumentsValid(SqlCall call) {
    if (call.operandCount() < 2) {
      return false;
    }
    String strategy = text(call.operand(1));
    if (strategy == null) {
      return false;
    }
    return switch (strategy.toLowerCase(Locale.ROOT)) {
      case "mean", "median", "most_frequent" -> call.operandCount() == 2;
      case "constant" -> call.operandCount() == 3 && call.operand(2) instanceof SqlLiteral;
      default -> false;
    };
  }

  /** The statistic a (checked) call needs. */
  Statistic statistic(SqlCall call) {
    return switch (this) {
      case STANDARD_SCALE, MIN_MAX_SCALE, BUCKETIZE -> Statistic.NUMBERS;
      case ONE_HOT -> Statistic.COUNTS;
      case IMPUTE -> switch (imputeStrategy(call)) {
        case "mean", "median" -> Statistic.NUMBERS;
        case "most_frequent" -> Statistic.COUNTS;
        default -> Statistic.NONE;
      };
    };
  }

  /** The strategy of a checked IMPUTE call, lower case. */
  static String imputeStrategy(SqlCall call) {
    return text(call.operand(1)).toLowerCase(Locale.ROOT);
  }

  /** The integer literal of a checked call's second argument, or {@code fallback} without one. */
  static int integerArgument(SqlCall call, int fallback) {
    return call.operandCount() < 2
        ? fallback
        : ((SqlLiteral) call.operand(1)).getValueAs(BigDecimal.class).intValueExact();
  }

  private static boolean integerIn(SqlNode node, int min, int max) {
    if (!(node instanceof SqlLiteral literal)
        || !(literal.getValue() instanceof BigDecimal value)) {
      return false;
    }
    try {
      int n = value.intValueExact();
      return n >= min && n <= max;
    } catch (ArithmeticException notAnInt) {
      return false;
    }
  }

  private static String text(SqlNode node) {
    return node instanceof SqlLiteral literal && literal.getValue() instanceof NlsString nls
        ? nls.getValue()
        : null;
  }
}

package dev.sibyl.functions.training;

import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.model.Task;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Hyperparameters of {@code logistic_regression}, each named, bounded and defaulted here.
 *
 * <p>Smile minimises the summed log loss plus {@code l2 / 2 * ||w||^2} (the intercepts are not
 * penalised) with L-BFGS, so {@code l2} is scikit-learn's {@code 1 / C}: the default 1 matches
 * scikit-learn's default {@code C = 1} on the same standardised inputs.
 *
 * @param l2 strength of the L2 penalty on the weights, {@code >= 0}
 * @param maxIterations most L-BFGS iterations, {@code >= 1}
 * @param tolerance convergence tolerance on the gradient, {@code > 0}
 */
public record LogisticRegressionOptions(double l2, int maxIterations, double tolerance)
    implements AlgorithmOptions {
  /** Option name of the L2 penalty. */
  public static final String L2 = "l2";
  /** Option name of the iteration limit. */
  public static final String MAX_ITERATIONS = "max_iterations";
  /** Option name of the convergence tolerance. */
  public static final String TOLERANCE = "tolerance";
  /** Default L2 penalty (scikit-learn's C = 1). */
  public static final double DEFAULT_L2 = 1.0;
  /** Default iteration limit (Smile's). */
  public static final int DEFAULT_MAX_ITERATIONS = 500;
  /** Default tolerance (Smile's). */
  public static final double DEFAULT_TOLERANCE = 1e-5;
  /** The hyperparameter names, in documentation order. */
  public static final List<String> NAMES = List.of(L2, MAX_ITERATIONS, TOLERANCE);

  private static final String MAX_ITERATIONS_RANGE = "an integer >= 1 and <= " + Integer.MAX_VALUE;

  /** The defaults. */
  public static final LogisticRegressionOptions DEFAULTS =
      new LogisticRegressionOptions(DEFAULT_L2, DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE);

  static LogisticRegressionOptions read(OptionValues values) throws SQLException {
    double l2 = values.number(L2, DEFAULT_L2);
    long maxIterations = values.integer(MAX_ITERATIONS, DEFAULT_MAX_ITERATIONS);
    if (maxIterations < 1 || maxIterations > Integer.MAX_VALUE) {
      throw SibylErrors.optionOutOfRange(MAX_ITERATIONS, maxIterations, MAX_ITERATIONS_RANGE);
    }
    double tolerance = values.number(TOLERANCE, DEFAULT_TOLERANCE);
    LogisticRegressionOptions options =
        new LogisticRegressionOptions(l2, (int) maxIterations, tolerance);
    options.validate();
    return options;
  }

  /** Checks every hyperparameter against its bounds. */
  void validate() throws SQLException {
    if (!(l2 >= 0) || Double.isInfinite(l2)) {
      throw SibylErrors.optionOutOfRange(L2, l2, "a finite number >= 0");
    }
    if (maxIterations < 1) {
      throw SibylErrors.optionOutOfRange(MAX_ITERATIONS, maxIterations, MAX_ITERATIONS_RANGE);
    }
    if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
      throw SibylErrors.optionOutOfRange(TOLERANCE, tolerance, "a finite number > 0");
    }
  }

  /** The Smile properties of {@code smile.classification.LogisticRegression.fit}. */
  Properties toProperties() {
    Properties properties = new Properties();
    properties.setProperty("smile.logistic.lambda", Double.toString(l2));
    properties.setProperty("smile.logistic.iterations", Integer.toString(maxIterations));
    properties.setProperty("smile.logistic.tolerance", Double.toString(tolerance));
    return properties;
  }

  @Override
  public Optional<Task> fixedTask() {
    return Optional.of(Task.CLASSIFICATION);
  }

  @Override
  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(L2, l2);
    map.put(MAX_ITERATIONS, maxIterations);
    map.put(TOLERANCE, tolerance);
    return map;
  }
}

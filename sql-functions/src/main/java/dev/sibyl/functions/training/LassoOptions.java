package dev.sibyl.functions.training;

import dev.sibyl.registry.model.Task;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Hyperparameters of {@code lasso}: least squares with an L1 penalty, fitted by Smile's {@code
 * LASSO} (an interior-point method).
 *
 * <p>Smile minimises {@code sum((y - b - w . x)^2) + l1 * sum(|s_j * w_j|)}, where {@code s_j} is
 * the population standard deviation of encoded input {@code j} on the training rows (see {@link
 * RidgeOptions}). The penalty is against the summed, not the mean, squared error: scikit-learn's
 * {@code Lasso(alpha)} is {@code l1 = 2 * rows * alpha}.
 *
 * @param l1 strength of the L1 penalty, {@code > 0}
 * @param maxIterations most interior-point (Newton) iterations, {@code >= 1}
 * @param tolerance stop when the relative duality gap is below this, {@code > 0}
 */
public record LassoOptions(double l1, int maxIterations, double tolerance)
    implements AlgorithmOptions {
  /** Option name of the L1 penalty. */
  public static final String L1 = "l1";
  /** Option name of the iteration limit. */
  public static final String MAX_ITERATIONS = "max_iterations";
  /** Option name of the convergence tolerance. */
  public static final String TOLERANCE = "tolerance";
  /** Default L1 penalty (Smile's). */
  public static final double DEFAULT_L1 = 1.0;
  /** Default iteration limit (Smile's). */
  public static final int DEFAULT_MAX_ITERATIONS = 1000;
  /** Default tolerance (Smile's). */
  public static final double DEFAULT_TOLERANCE = 1e-4;
  /** The hyperparameter names, in documentation order. */
  public static final List<String> NAMES = List.of(L1, MAX_ITERATIONS, TOLERANCE);
  /** The defaults. */
  public static final LassoOptions DEFAULTS =
      new LassoOptions(DEFAULT_L1, DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE);

  static LassoOptions read(OptionValues values) throws SQLException {
    double l1 = values.number(L1, DEFAULT_L1);
    int maxIterations = OptionBounds.intBetween(MAX_ITERATIONS,
        values.integer(MAX_ITERATIONS, DEFAULT_MAX_ITERATIONS), 1, Integer.MAX_VALUE);
    double tolerance = values.number(TOLERANCE, DEFAULT_TOLERANCE);
    LassoOptions options = new LassoOptions(l1, maxIterations, tolerance);
    options.validate();
    return options;
  }

  /** Checks every hyperparameter against its bounds. */
  void validate() throws SQLException {
    OptionBounds.positive(L1, l1);
    OptionBounds.intBetween(MAX_ITERATIONS, maxIterations, 1, Integer.MAX_VALUE);
    OptionBounds.positive(TOLERANCE, tolerance);
  }

  /** The Smile properties of {@code smile.regression.LASSO.fit}. */
  Properties toProperties() {
    Properties properties = new Properties();
    properties.setProperty("smile.lasso.lambda", Double.toString(l1));
    properties.setProperty("smile.lasso.tolerance", Double.toString(tolerance));
    properties.setProperty("smile.lasso.iterations", Integer.toString(maxIterations));
    return properties;
  }

  @Override
  public Optional<Task> fixedTask() {
    return Optional.of(Task.REGRESSION);
  }

  @Override
  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(L1, l1);
    map.put(MAX_ITERATIONS, maxIterations);
    map.put(TOLERANCE, tolerance);
    return map;
  }
}

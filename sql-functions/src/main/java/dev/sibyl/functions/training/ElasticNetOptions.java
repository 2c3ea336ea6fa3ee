package dev.sibyl.functions.training;

import dev.sibyl.registry.model.Task;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Hyperparameters of {@code elastic_net}: least squares with both an L1 and an L2 penalty, fitted
 * by Smile's {@code ElasticNet} (a lasso on rows augmented by the L2 term).
 *
 * <p>Smile minimises {@code sum((y - b - w . x)^2) + l1 * sum(|s_j * w_j|) + l2 * sum((s_j *
 * w_j)^2)}, with {@code s_j} as in {@link RidgeOptions} (the "naive" elastic net, without Zou and
 * Hastie's rescaling). For scikit-learn's {@code ElasticNet(alpha, l1_ratio)}: {@code l1 = 2 * rows
 * * alpha * l1_ratio} and {@code l2 = rows * alpha * (1 - l1_ratio)}.
 *
 * @param l1 strength of the L1 penalty, {@code > 0}
 * @param l2 strength of the L2 penalty, {@code > 0}
 * @param maxIterations most interior-point (Newton) iterations, {@code >= 1}
 * @param tolerance stop when the relative duality gap is below this, {@code > 0}
 */
public record ElasticNetOptions(double l1, double l2, int maxIterations, double tolerance)
    implements AlgorithmOptions {
  /** Option name of the L1 penalty. */
  public static final String L1 = "l1";
  /** Option name of the L2 penalty. */
  public static final String L2 = "l2";
  /** Option name of the iteration limit. */
  public static final String MAX_ITERATIONS = "max_iterations";
  /** Option name of the convergence tolerance. */
  public static final String TOLERANCE = "tolerance";
  /** Default L1 penalty (lasso's). */
  public static final double DEFAULT_L1 = 1.0;
  /** Default L2 penalty (ridge's). */
  public static final double DEFAULT_L2 = 1.0;
  /** Default iteration limit (Smile's). */
  public static final int DEFAULT_MAX_ITERATIONS = 1000;
  /** Default tolerance (Smile's). */
  public static final double DEFAULT_TOLERANCE = 1e-4;
  /** The hyperparameter names, in documentation order. */
  public static final List<String> NAMES = List.of(L1, L2, MAX_ITERATIONS, TOLERANCE);
  /** The defaults. */
  public static final ElasticNetOptions DEFAULTS = new ElasticNetOptions(
      DEFAULT_L1, DEFAULT_L2, DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE);

  static ElasticNetOptions read(OptionValues values) throws SQLException {
    double l1 = values.number(L1, DEFAULT_L1);
    double l2 = values.number(L2, DEFAULT_L2);
    int maxIterations = OptionBounds.intBetween(MAX_ITERATIONS,
        values.integer(MAX_ITERATIONS, DEFAULT_MAX_ITERATIONS), 1, Integer.MAX_VALUE);
    double tolerance = values.number(TOLERANCE, DEFAULT_TOLERANCE);
    ElasticNetOptions options = new ElasticNetOptions(l1, l2, maxIterations, tolerance);
    options.validate();
    return options;
  }

  /** Checks every hyperparameter against its bounds. */
  void validate() throws SQLException {
    OptionBounds.positive(L1, l1);
    OptionBounds.positive(L2, l2);
    OptionBounds.intBetween(MAX_ITERATIONS, maxIterations, 1, Integer.MAX_VALUE);
    OptionBounds.positive(TOLERANCE, tolerance);
  }

  /** The Smile properties of {@code smile.regression.ElasticNet.fit}. */
  Properties toProperties() {
    Properties properties = new Properties();
    properties.setProperty("smile.elastic_net.lambda1", Double.toString(l1));
    properties.setProperty("smile.elastic_net.lambda2", Double.toString(l2));
    properties.setProperty("smile.elastic_net.tolerance", Double.toString(tolerance));
    properties.setProperty("smile.elastic_net.iterations", Integer.toString(maxIterations));
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
    map.put(L2, l2);
    map.put(MAX_ITERATIONS, maxIterations);
    map.put(TOLERANCE, tolerance);
    return map;
  }
}

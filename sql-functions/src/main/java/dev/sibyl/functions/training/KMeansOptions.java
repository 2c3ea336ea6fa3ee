package dev.sibyl.functions.training;

import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.model.Task;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hyperparameters of {@code kmeans}, fitted by Smile's {@code KMeans} (k-means++ seeding, then
 * Lloyd iterations over a BBD tree) on the encoded rows: standardised numbers and one-hot
 * categories. {@code k} is required: no number of clusters suits every table.
 *
 * @param k number of clusters, {@code >= 2} (and at most the training rows)
 * @param maxIterations most Lloyd iterations per run, {@code >= 1}
 * @param tolerance a run stops when an iteration lowers the within-cluster sum of squares by no
 *     more than this, {@code > 0}
 * @param runs k-means++ starts; the run with the lowest within-cluster sum of squares is kept
 */
public record KMeansOptions(int k, int maxIterations, double tolerance, int runs)
    implements AlgorithmOptions {
  /** Option name of the number of clusters. */
  public static final String K = "k";
  /** Option name of the iteration limit. */
  public static final String MAX_ITERATIONS = "max_iterations";
  /** Option name of the convergence tolerance. */
  public static final String TOLERANCE = "tolerance";
  /** Option name of the number of starts. */
  public static final String RUNS = "runs";
  /** Default iteration limit (Smile's). */
  public static final int DEFAULT_MAX_ITERATIONS = 100;
  /** Default tolerance (Smile's). */
  public static final double DEFAULT_TOLERANCE = 1e-4;
  /** Default number of starts (scikit-learn's n_init). */
  public static final int DEFAULT_RUNS = 10;
  /** Most starts. */
  public static final int MAX_RUNS = 1000;
  /** The hyperparameter names, in documentation order. */
  public static final List<String> NAMES = List.of(K, MAX_ITERATIONS, TOLERANCE, RUNS);

  static KMeansOptions read(OptionValues values) throws SQLException {
    if (values.isAbsent(K)) {
      throw SibylErrors.missingOption(K, "the number of clusters, an integer >= 2");
    }
    KMeansOptions options = new KMeansOptions(
        OptionBounds.intBetween(K, values.integer(K, 0), 2, Integer.MAX_VALUE),
        OptionBounds.intBetween(MAX_ITERATIONS,
            values.integer(MAX_ITERATIONS, DEFAULT_MAX_ITERATIONS), 1, Integer.MAX_VALUE),
        values.number(TOLERANCE, DEFAULT_TOLERANCE),
        OptionBounds.intBetween(RUNS, values.integer(RUNS, DEFAULT_RUNS), 1, MAX_RUNS));
    options.validate();
    return options;
  }

  /** Checks every hyperparameter against its bounds. */
  void validate() throws SQLException {
    OptionBounds.intBetween(K, k, 2, Integer.MAX_VALUE);
    OptionBounds.intBetween(MAX_ITERATIONS, maxIterations, 1, Integer.MAX_VALUE);
    OptionBounds.positive(TOLERANCE, tolerance);
    OptionBounds.intBetween(RUNS, runs, 1, MAX_RUNS);
  }

  @Override
  public Optional<Task> fixedTask() {
    return Optional.of(Task.CLUSTERING);
  }

  @Override
  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(K, k);
    map.put(MAX_ITERATIONS, maxIterations);
    map.put(TOLERANCE, tolerance);
    map.put(RUNS, runs);
    return map;
  }
}

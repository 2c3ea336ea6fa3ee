package dev.sibyl.functions.training;

import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.model.Algorithm;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validated CREATE MODEL options.
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>option</th><th>type</th><th>default</th><th>bounds</th><th>meaning</th></tr>
 *   <tr><td>{@code type}</td><td>text</td><td>required</td>
 *       <td>a name of {@link Algorithm} (any case)</td>
 *       <td>the algorithm</td></tr>
 *   <tr><td>{@code label}</td><td>text</td><td>required; refused for {@code kmeans}</td>
 *       <td>a column of the training query (any case)</td>
 *       <td>the column to predict; every other column is a feature (every column, without
 *       a label)</td></tr>
 *   <tr><td>{@code test_fraction}</td><td>number</td><td>0.2 (0 for {@code kmeans})</td>
 *       <td>0 &lt;= x &lt; 1</td>
 *       <td>share of the rows (with a non-NULL label) held out to compute the metrics, chosen at
 *       random from {@code seed}; at least one row is always kept for training. With 0 (or when
 *       the share rounds to no row) the model trains on every row and the metrics are computed on
 *       the training rows, so they are optimistic.</td></tr>
 *   <tr><td>{@code seed}</td><td>integer</td><td>42</td><td>any BIGINT</td>
 *       <td>seed of the held-out split (and of the k-means++ starts): the same rows (in the same
 *       order), options and seed give the same model, bit for bit, on machines with the same core
 *       count (Smile sums the logistic loss in parallel)</td></tr>
 *   <tr><td>{@code l2}</td><td>number</td><td>1.0</td><td>finite, &gt;= 0</td>
 *       <td>logistic_regression only: L2 penalty {@code l2/2 * ||w||^2} added to the summed log
 *       loss (scikit-learn's {@code 1/C}); 0 disables it</td></tr>
 *   <tr><td>{@code max_iterations}</td><td>integer</td><td>500</td><td>1 .. 2147483647</td>
 *       <td>logistic_regression only: most L-BFGS iterations</td></tr>
 *   <tr><td>{@code tolerance}</td><td>number</td><td>1E-5</td><td>finite, &gt; 0</td>
 *       <td>logistic_regression only: L-BFGS stops when the gradient is this small</td></tr>
 * </table>
 *
 * <p>Numeric options accept SQL numbers or numeric text. An option of another algorithm is
 * unknown. {@code linear_regression} has no hyperparameters: it is ordinary least squares solved by
 * SVD (see {@link LinearRegressionOptions}). The other types document theirs on their records:
 * {@link RidgeOptions}, {@link LassoOptions}, {@link ElasticNetOptions}, {@link
 * NaiveBayesOptions}, {@link KMeansOptions}, {@link LinearSvmOptions}, {@link MlpOptions}, {@link
 * DecisionTreeOptions}, {@link RandomForestOptions} and {@link GradientBoostingOptions} ({@code
 * task} among them).
 */
public final class TrainingOptions {
  /** Option name of the algorithm. */
  public static final String TYPE = "type";
  /** Option name of the label column. */
  public static final String LABEL = "label";
  /** Option name of the held-out share. */
  public static final String TEST_FRACTION = "test_fraction";
  /** Option name of the split seed. */
  public static final String SEED = "seed";
  /** Default held-out share. */
  public static final double DEFAULT_TEST_FRACTION = 0.2;
  /** Default split seed. */
  public static final long DEFAULT_SEED = 42;
  /** The options every algorithm takes, in documentation order. */
  public static final List<String> COMMON_NAMES = List.of(TYPE, LABEL, TEST_FRACTION, SEED);

  private final Algorithm algorithm;
  private final String label;
  private final double testFraction;
  private final long seed;
  private final AlgorithmOptions algorithmOptions;

  private TrainingOptions(
      Algorithm algorithm,
      String label,
      double testFraction,
      long seed,
      AlgorithmOptions algorithmOptions) {
    this.algorithm = algorithm;
    this.label = label;
    this.testFraction = testFraction;
    this.seed = seed;
    this.algorithmOptions = algorithmOptions;
  }

  /**
   * Validates raw options.
   *
   * @param raw option names (any case) to SQL literal values: String, Number (BigDecimal, Integer,
   *     Long, Double, ...) or Boolean
   * @throws SQLException naming the first option at fault
   */
  public static TrainingOptions parse(Map<String, Object> raw) throws SQLException {
    OptionValues values = new OptionValues(raw);
    String typeName = values.text(TYPE, "a model type name");
    if (typeName == null) {
      throw SibylErrors.missingOption(TYPE, "one of " + supportedTypes());
    }
    Algorithm algorithm =
        Algorithm.fromSqlName(typeName)
            .orElseThrow(() -> SibylErrors.unknownType(typeName, supportedTypes()));
    boolean unsupervised = isUnsupervised(algorithm);
    String label = values.text(LABEL, "a column name");
    if (unsupervised && label != null) {
      throw SibylErrors.labelOnUnsupervisedType(algorithm.sqlName());
    }
    if (!unsupervised && (label == null || label.isBlank())) {
      throw SibylErrors.missingOption(LABEL, "the column to predict");
    }
    double testFraction =
        values.number(TEST_FRACTION, unsupervised ? 0 : DEFAULT_TEST_FRACTION);
    if (!(testFraction >= 0 && testFraction < 1)) {
      throw SibylErrors.optionOutOfRange(TEST_FRACTION, testFraction, "a number >= 0 and < 1");
    }
    long seed = values.integer(SEED, DEFAULT_SEED);
    AlgorithmOptions algorithmOptions = readAlgorithmOptions(algorithm, values);
    Set<String> unknown = values.unread();
    if (!unknown.isEmpty()) {
      throw SibylErrors.unknownOption(
          unknown.iterator().next(), algorithm.sqlName(), String.join(", ", knownNames(algorithm)));
    }
    return new TrainingOptions(algorithm, label, testFraction, seed, algorithmOptions);
  }

  /** Every option name the algorithm accepts, in documentation order. */
  public static List<String> knownNames(Algorithm algorithm) {
    List<String> names = new ArrayList<>(COMMON_NAMES);
    if (isUnsupervised(algorithm)) {
      names.remove(LABEL);
    }
    names.addAll(
        switch (algorithm) {
          case LINEAR_REGRESSION -> LinearRegressionOptions.NAMES;
          case LOGISTIC_REGRESSION -> LogisticRegressionOptions.NAMES;
          case DECISION_TREE -> DecisionTreeOptions.NAMES;
          case RANDOM_FOREST -> RandomForestOptions.NAMES;
          case GRADIENT_BOOSTING -> GradientBoostingOptions.NAMES;
          case RIDGE -> RidgeOptions.NAMES;
          case LASSO -> LassoOptions.NAMES;
          case ELASTIC_NET -> ElasticNetOptions.NAMES;
          case NAIVE_BAYES -> NaiveBayesOptions.NAMES;
          case KMEANS -> KMeansOptions.NAMES;
          case LINEAR_SVM -> LinearSvmOptions.NAMES;
          case MLP -> MlpOptions.NAMES;
        });
    return List.copyOf(names);
  }

  private static AlgorithmOptions readAlgorithmOptions(Algorithm algorithm, OptionValues values)
      throws SQLException {
    return switch (algorithm) {
      case LINEAR_REGRESSION -> LinearRegressionOptions.read(values);
      case LOGISTIC_REGRESSION -> LogisticRegressionOptions.read(values);
      case DECISION_TREE -> DecisionTreeOptions.read(values);
      case RANDOM_FOREST -> RandomForestOptions.read(values);
      case GRADIENT_BOOSTING -> GradientBoostingOptions.read(values);
      case RIDGE -> RidgeOptions.read(values);
      case LASSO -> LassoOptions.read(values);
      case ELASTIC_NET -> ElasticNetOptions.read(values);
      case NAIVE_BAYES -> NaiveBayesOptions.read(values);
      case KMEANS -> KMeansOptions.read(values);
      case LINEAR_SVM -> LinearSvmOptions.read(values);
      case MLP -> MlpOptions.read(values);
    };
  }

  /** Whether the algorithm learns without a label (clustering): then {@code label} is refused. */
  private static boolean isUnsupervised(Algorithm algorithm) {
    return algorithm == Algorithm.KMEANS;
  }

  private static String supportedTypes() {
    return Arrays.stream(Algorithm.values())
        .map(Algorithm::sqlName)
        .collect(Collectors.joining(", "));
  }

  /** The algorithm to train. */
  public Algorithm algorithm() {
    return algorithm;
  }

  /** The label column, as the user wrote it; null for a type that learns without one. */
  public String label() {
    return label;
  }

  /** Share of rows held out for the metrics, in [0, 1). */
  public double testFraction() {
    return testFraction;
  }

  /** Seed of the held-out split. */
  public long seed() {
    return seed;
  }

  /** The hyperparameters of the algorithm. */
  public AlgorithmOptions algorithmOptions() {
    return algorithmOptions;
  }

  /** Every option, defaults included, in documentation order: what the registry records. */
  public Map<String, Object> effective() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(TYPE, algorithm.sqlName());
    if (label != null) {
      map.put(LABEL, label);
    }
    map.put(TEST_FRACTION, testFraction);
    map.put(SEED, seed);
    map.putAll(algorithmOptions.asMap());
    return Collections.unmodifiableMap(map);
  }

  @Override
  public String toString() {
    return effective().toString();
  }
}

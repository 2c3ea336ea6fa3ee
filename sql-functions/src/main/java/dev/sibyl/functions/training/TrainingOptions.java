package dev.sibyl.functions.training;

import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.model.Algorithm;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
 *   <tr><td>{@code split}</td><td>text</td><td>{@code random}</td>
 *       <td>{@code random}, {@code last}, {@code column}</td>
 *       <td>how the held-out rows are chosen: a seeded shuffle ({@code test_fraction}, {@code
 *       seed}); the last {@code test_fraction} of the rows ordered by {@code order_by}; or as
 *       {@code split_column} marks them</td></tr>
 *   <tr><td>{@code order_by}</td><td>text</td><td>required with {@code split = 'last'}, refused
 *       otherwise</td><td>a column of the query other than the label; numeric, text, DATE, TIME
 *       or TIMESTAMP</td>
 *       <td>the column that orders the rows (oldest first); it is not a feature</td></tr>
 *   <tr><td>{@code split_column}</td><td>text</td><td>required with {@code split = 'column'},
 *       refused otherwise (and {@code test_fraction} with it)</td>
 *       <td>a BOOLEAN, numeric or text column of the query other than the label</td>
 *       <td>marks each row: TRUE, 1 or {@code 'test'} (any case) holds it out, FALSE, 0 or
 *       {@code 'train'} trains on it; any other value, NULL included, is an error. It is not a
 *       feature</td></tr>
 *   <tr><td>{@code folds}</td><td>integer</td><td>none (3 with {@code search})</td>
 *       <td>2 .. {@value #MAX_FOLDS}, at most the training rows</td>
 *       <td>k-fold cross-validation over the training rows: the metrics also get {@code
 *       cv_<metric>_mean} and {@code cv_<metric>_stddev}</td></tr>
 *   <tr><td>{@code search}</td><td>text</td><td>none</td><td>{@code grid}, {@code random}</td>
 *       <td>hyperparameter search: every trial is cross-validated, the best kept (see {@link
 *       HyperparameterSearch})</td></tr>
 *   <tr><td>{@code search_params}</td><td>text</td><td>required with {@code search}, refused
 *       otherwise</td><td>a JSON object; a grid of at most {@value
 *       HyperparameterSearch#MAX_TRIALS} combinations</td>
 *       <td>each searched hyperparameter's list of values or (random) range</td></tr>
 *   <tr><td>{@code trials}</td><td>integer</td><td>{@value
 *       HyperparameterSearch#DEFAULT_RANDOM_TRIALS}; only with {@code search = 'random'}</td>
 *       <td>1 .. {@value HyperparameterSearch#MAX_TRIALS}</td>
 *       <td>trials a random search draws</td></tr>
 *   <tr><td>{@code group_by}</td><td>text</td><td>none</td>
 *       <td>a column of the query other than the label and the split column; at most {@value
 *       #MAX_GROUPS} distinct values</td>
 *       <td>trains one model per value of the column (see {@link GroupedTrainer}); the column is
 *       not a feature. Refused with {@code folds} and {@code search}</td></tr>
 *   <tr><td>{@code group_fallback}</td><td>boolean</td><td>false; only with {@code
 *       group_by}</td><td>TRUE, FALSE</td>
 *       <td>also trains a model on the rows of every group, for the groups no model was
 *       trained for</td></tr>
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
  /** Option name of the way the held-out rows are chosen. */
  public static final String SPLIT = "split";
  /** Option name of the column ordering the rows of {@code split = 'last'}. */
  public static final String ORDER_BY = "order_by";
  /** Option name of the column marking the rows of {@code split = 'column'}. */
  public static final String SPLIT_COLUMN = "split_column";
  /** Option name of the cross-validation fold count. */
  public static final String FOLDS = "folds";
  /** Option name of the hyperparameter search method. */
  public static final String SEARCH = "search";
  /** Option name of the hyperparameter search space (JSON). */
  public static final String SEARCH_PARAMS = "search_params";
  /** Option name of the number of trials of a random search. */
  public static final String TRIALS = "trials";
  /** Option name of the column whose values each get a model of their own. */
  public static final String GROUP_BY = "group_by";
  /** Option name of the switch that trains a model for unseen groups. */
  public static final String GROUP_FALLBACK = "group_fallback";
  /** Most groups a grouped model may have. */
  public static final int MAX_GROUPS = 1000;
  /** Fewest cross-validation folds. */
  public static final int MIN_FOLDS = 2;
  /** Most cross-validation folds. */
  public static final int MAX_FOLDS = 20;
  /** Folds of a search without {@code folds}. */
  public static final int DEFAULT_SEARCH_FOLDS = 3;
  /** Default held-out share. */
  public static final double DEFAULT_TEST_FRACTION = 0.2;
  /** Default split seed. */
  public static final long DEFAULT_SEED = 42;
  /** The options every algorithm takes, in documentation order. */
  public static final List<String> COMMON_NAMES = List.of(TYPE, LABEL, TEST_FRACTION, SEED, SPLIT,
      ORDER_BY, SPLIT_COLUMN, FOLDS, SEARCH, SEARCH_PARAMS, TRIALS, GROUP_BY, GROUP_FALLBACK);
  private static final List<String> SEARCH_NAMES = List.of(SEARCH, SEARCH_PARAMS, TRIALS);

  private final Algorithm algorithm;
  private final String label;
  private final double testFraction;
  private final long seed;
  private final Validation validation;
  private final Search search;
  private final Grouping grouping;
  private final AlgorithmOptions algorithmOptions;

  /**
   * One model per group.
   *
   * @param column the {@code group_by} column as given
   * @param fallback whether a model of every group's rows serves unseen groups
   */
  record Grouping(String column, boolean fallback) {}

  /**
   * How the rows are split and cross-validated.
   *
   * @param split the held-out split
   * @param splitBy the {@code order_by} or {@code split_column} column; null for {@code random}
   * @param folds cross-validation folds, 0 for none
   */
  private record Validation(SplitMethod split, String splitBy, int folds) {}

  /**
   * A hyperparameter search with its validated trials.
   *
   * @param space the {@code search_params} text, as given
   * @param randomTrials the {@code trials} of a random search, 0 for a grid
   * @param trialOptions each trial's hyperparameters, validated, in trial order
   */
  private record Search(HyperparameterSearch trials, String space, int randomTrials,
      List<AlgorithmOptions> trialOptions) {}

  private TrainingOptions(
      Algorithm algorithm,
      String label,
      double testFraction,
      long seed,
      Validation validation,
      Search search,
      Grouping grouping,
      AlgorithmOptions algorithmOptions) {
    this.algorithm = algorithm;
    this.grouping = grouping;
    this.label = label;
    this.testFraction = testFraction;
    this.seed = seed;
    this.validation = validation;
    this.search = search;
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
    boolean fractionGiven = !values.isAbsent(TEST_FRACTION);
    double testFraction =
        values.number(TEST_FRACTION, unsupervised ? 0 : DEFAULT_TEST_FRACTION);
    if (!(testFraction >= 0 && testFraction < 1)) {
      throw SibylErrors.optionOutOfRange(TEST_FRACTION, testFraction, "a number >= 0 and < 1");
    }
    long seed = values.integer(SEED, DEFAULT_SEED);
    Validation validation = readValidation(values, fractionGiven);
    if (validation.split() == SplitMethod.COLUMN) {
      testFraction = 0;
    }
    String searchName = values.text(SEARCH, "'grid' or 'random'");
    Grouping grouping = readGrouping(values, validation, searchName != null);
    if (searchName == null) {
      for (String option : SEARCH_NAMES) {
        if (!values.isAbsent(option)) {
          throw SibylErrors.inapplicableOption(option, "it needs search = 'grid' or 'random'");
        }
      }
      AlgorithmOptions algorithmOptions = readAlgorithmOptions(algorithm, values);
      refuseUnknown(algorithm, values.unread());
      return new TrainingOptions(
          algorithm, label, testFraction, seed, validation, null, grouping, algorithmOptions);
    }
    Search search = readSearch(HyperparameterSearch.method(searchName), values, algorithm, seed);
    if (validation.folds() == 0) {
      validation = new Validation(validation.split(), validation.splitBy(), DEFAULT_SEARCH_FOLDS);
    }
    return new TrainingOptions(algorithm, label, testFraction, seed, validation, search, null,
        search.trialOptions().get(0));
  }

  private static Grouping readGrouping(OptionValues values, Validation validation,
      boolean searches) throws SQLException {
    String column = values.text(GROUP_BY, "a column name");
    boolean fallbackGiven = !values.isAbsent(GROUP_FALLBACK);
    boolean fallback = values.bool(GROUP_FALLBACK, false);
    if (column == null) {
      if (fallbackGiven) {
        throw SibylErrors.inapplicableOption(GROUP_FALLBACK, "it needs group_by");
      }
      return null;
    }
    if (column.isBlank()) {
      throw SibylErrors.missingOption(GROUP_BY, "the column whose values each get a model");
    }
    if (validation.folds() > 0) {
      throw SibylErrors.notWithGroupBy(FOLDS);
    }
    if (searches) {
      throw SibylErrors.notWithGroupBy(SEARCH);
    }
    if (column.equalsIgnoreCase(validation.splitBy())) {
      throw SibylErrors.groupColumnSplitsRows(
          column, validation.split() == SplitMethod.LAST ? ORDER_BY : SPLIT_COLUMN);
    }
    return new Grouping(column, fallback);
  }

  private static void refuseUnknown(Algorithm algorithm, Set<String> unknown)
      throws SQLException {
    if (!unknown.isEmpty()) {
      throw SibylErrors.unknownOption(
          unknown.iterator().next(), algorithm.sqlName(), String.join(", ", knownNames(algorithm)));
    }
  }

  private static Validation readValidation(OptionValues values, boolean fractionGiven)
      throws SQLException {
    String splitName = values.text(SPLIT, "'random', 'last' or 'column'");
    SplitMethod split = splitName == null ? SplitMethod.RANDOM : SplitMethod.of(splitName);
    String orderBy = values.text(ORDER_BY, "a column name");
    String splitColumn = values.text(SPLIT_COLUMN, "a column name");
    if (orderBy != null && split != SplitMethod.LAST) {
      throw SibylErrors.inapplicableOption(ORDER_BY, "it needs split = 'last'");
    }
    if (splitColumn != null && split != SplitMethod.COLUMN) {
      throw SibylErrors.inapplicableOption(SPLIT_COLUMN, "it needs split = 'column'");
    }
    if (split == SplitMethod.LAST && (orderBy == null || orderBy.isBlank())) {
      throw SibylErrors.missingOption(ORDER_BY, "the column that orders the rows of split = 'last'");
    }
    if (split == SplitMethod.COLUMN && (splitColumn == null || splitColumn.isBlank())) {
      throw SibylErrors.missingOption(
          SPLIT_COLUMN, "the column that marks the held-out rows of split = 'column'");
    }
    if (split == SplitMethod.COLUMN && fractionGiven) {
      throw SibylErrors.inapplicableOption(
          TEST_FRACTION, "with split = 'column' the split_column decides the held-out rows");
    }
    int folds = 0;
    if (!values.isAbsent(FOLDS)) {
      folds = OptionBounds.intBetween(FOLDS, values.integer(FOLDS, 0), MIN_FOLDS, MAX_FOLDS);
    }
    return new Validation(split, split == SplitMethod.LAST ? orderBy : splitColumn, folds);
  }

  private static Search readSearch(HyperparameterSearch.Method method, OptionValues values,
      Algorithm algorithm, long seed) throws SQLException {
    String space = values.text(SEARCH_PARAMS, "a JSON object of parameter lists or ranges");
    if (space == null) {
      throw SibylErrors.missingOption(SEARCH_PARAMS,
          "a JSON object of the hyperparameters to search, e.g. '{\"l2\": [0.1, 1, 10]}'");
    }
    int randomTrials = 0;
    if (method == HyperparameterSearch.Method.RANDOM) {
      randomTrials = OptionBounds.intBetween(TRIALS,
          values.integer(TRIALS, HyperparameterSearch.DEFAULT_RANDOM_TRIALS), 1,
          HyperparameterSearch.MAX_TRIALS);
    } else if (!values.isAbsent(TRIALS)) {
      throw SibylErrors.inapplicableOption(TRIALS, "a grid runs every combination;"
          + " use search = 'random' to draw a number of trials");
    }
    HyperparameterSearch trials = HyperparameterSearch.of(method, space, randomTrials, seed,
        algorithm.sqlName(), hyperparameterNames(algorithm));
    for (String searched : trials.parameterNames()) {
      if (!values.isAbsent(searched)) {
        throw SibylErrors.searchedOptionGiven(searched);
      }
    }
    Set<String> unknown = new LinkedHashSet<>(values.unread());
    unknown.removeAll(hyperparameterNames(algorithm));
    refuseUnknown(algorithm, unknown);
    Map<String, Object> base = new LinkedHashMap<>(values.given());
    base.keySet().removeAll(SEARCH_NAMES);
    base.remove(FOLDS);
    List<AlgorithmOptions> trialOptions = new ArrayList<>();
    int number = 1;
    for (Map<String, Object> params : trials.trials()) {
      Map<String, Object> raw = new LinkedHashMap<>(base);
      raw.putAll(params);
      try {
        trialOptions.add(parse(raw).algorithmOptions());
      } catch (SQLException e) {
        throw SibylErrors.badSearchTrial(number, HyperparameterSearch.json(params), e);
      }
      number++;
    }
    return new Search(trials, space, randomTrials, trialOptions);
  }

  /** The option names a search may set for the algorithm: its hyperparameters. */
  public static List<String> hyperparameterNames(Algorithm algorithm) {
    List<String> names = new ArrayList<>(knownNames(algorithm));
    names.removeAll(COMMON_NAMES);
    return List.copyOf(names);
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

  /**
   * The hyperparameters of the algorithm; with a search, those of the trial these options are for
   * (the first, until {@link #forTrial} picks another).
   */
  public AlgorithmOptions algorithmOptions() {
    return algorithmOptions;
  }

  /** How the held-out rows are chosen. */
  SplitMethod split() {
    return validation.split();
  }

  /** The {@code order_by} or {@code split_column} column as given; null for a random split. */
  public String splitBy() {
    return validation.splitBy();
  }

  /** Cross-validation folds over the training rows, 0 for none. */
  int folds() {
    return validation.folds();
  }

  /** Whether these options search hyperparameters. */
  boolean searches() {
    return search != null;
  }

  /** The number of trials of the search, 0 without one. */
  int trialCount() {
    return search == null ? 0 : search.trialOptions().size();
  }

  /** The hyperparameters of a search's trial {@code index} (from 0), by option name. */
  Map<String, Object> trialParams(int index) {
    return search.trials().trials().get(index);
  }

  /** These options with the hyperparameters of a search's trial {@code index} (from 0). */
  TrainingOptions forTrial(int index) {
    return new TrainingOptions(algorithm, label, testFraction, seed, validation, search,
        grouping, search.trialOptions().get(index));
  }

  /** The {@code group_by} column as given; null for a model of all rows. */
  public String groupBy() {
    return grouping == null ? null : grouping.column();
  }

  /** Whether a grouped model also trains a fallback on the rows of every group. */
  boolean groupFallback() {
    return grouping != null && grouping.fallback();
  }

  /** Every option, defaults included, in documentation order: what the registry records. */
  public Map<String, Object> effective() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(TYPE, algorithm.sqlName());
    if (label != null) {
      map.put(LABEL, label);
    }
    if (validation.split() != SplitMethod.COLUMN) {
      map.put(TEST_FRACTION, testFraction);
    }
    map.put(SEED, seed);
    map.put(SPLIT, validation.split().sqlName());
    if (validation.split() == SplitMethod.LAST) {
      map.put(ORDER_BY, validation.splitBy());
    } else if (validation.split() == SplitMethod.COLUMN) {
      map.put(SPLIT_COLUMN, validation.splitBy());
    }
    if (validation.folds() > 0) {
      map.put(FOLDS, validation.folds());
    }
    if (search != null) {
      map.put(SEARCH, search.trials().method().sqlName());
      map.put(SEARCH_PARAMS, search.space());
      if (search.randomTrials() > 0) {
        map.put(TRIALS, search.randomTrials());
      }
    }
    if (grouping != null) {
      map.put(GROUP_BY, grouping.column());
      map.put(GROUP_FALLBACK, grouping.fallback());
    }
    map.putAll(algorithmOptions.asMap());
    return Collections.unmodifiableMap(map);
  }

  @Override
  public String toString() {
    return effective().toString();
  }
}

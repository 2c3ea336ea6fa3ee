package dev.sibyl.functions.training;

import dev.sibyl.functions.scoring.CentroidScorer;
import dev.sibyl.functions.scoring.ClassifierScorer;
import dev.sibyl.functions.scoring.LinearScorer;
import dev.sibyl.functions.scoring.LinearSvmScorer;
import dev.sibyl.functions.scoring.LogisticScorer;
import dev.sibyl.functions.scoring.MlpScorer;
import dev.sibyl.functions.scoring.NaiveBayesScorer;
import dev.sibyl.functions.scoring.Scorer;
import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.TrainingTrial;
import dev.sibyl.registry.model.Algorithm;
import dev.sibyl.registry.model.FeatureSignature;
import dev.sibyl.registry.model.LabelInfo;
import dev.sibyl.registry.model.LinearParameters;
import dev.sibyl.registry.model.LinearSvmParameters;
import dev.sibyl.registry.model.LogisticParameters;
import dev.sibyl.registry.model.NaiveBayesParameters;
import dev.sibyl.registry.model.NeuralNetworkParameters;
import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.Task;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import smile.classification.LogisticRegression;

/**
 * Trains a model from the rows of a training query: reads them column by column, splits off the
 * held-out rows, fits the encoders and the Smile model on the training rows, converts the result
 * to a {@link PortableModel} and measures it with our own scorer. With {@code folds} it first
 * cross-validates on the training rows, and with {@code search} it cross-validates every trial and
 * fits the best one ({@link CrossValidation}, {@link ModelSelection}). With {@code group_by} it
 * fits one model per group ({@link GroupedTrainer}). Stateless.
 */
public final class ModelTrainer {
  private static final String SMILE_FALLBACK_VERSION = "3.1.1";

  /** A stateless trainer. */
  public ModelTrainer() {}

  /** The version of Smile on the class path, recorded with each model. */
  public static String smileVersion() {
    String version = LogisticRegression.class.getPackage().getImplementationVersion();
    return version == null ? SMILE_FALLBACK_VERSION : version;
  }

  /**
   * Reads all rows of {@code rows} (every column except the label is a feature), fits, and
   * evaluates on the held-out rows. Does not close {@code rows}.
   *
   * @throws SQLException naming the model, column or option at fault
   */
  public TrainingResult train(String modelName, TrainingOptions options, ResultSet rows)
      throws SQLException {
    return train(modelName, options, rows, TrainingListener.NONE);
  }

  /**
   * As {@link #train(String, TrainingOptions, ResultSet)}, reporting progress to {@code listener}
   * and stopping with SQLState 57014 when it cancels.
   */
  public TrainingResult train(
      String modelName, TrainingOptions options, ResultSet rows, TrainingListener listener)
      throws SQLException {
    listener.phase("reading");
    TrainingTable table = TrainingTable.read(modelName, options, rows, listener);
    listener.rowsRead(table.rows() + table.skippedRows());
    if (listener.isCanceled()) {
      throw SibylErrors.trainingCanceled(modelName);
    }
    listener.phase("fitting");
    if (table.rows() == 0 && table.nullGroupRows() > 0) {
      throw SibylErrors.allGroupsNull(
          modelName, table.groupColumn().name, table.skippedRows(), table.nullGroupRows());
    }
    if (table.rows() == 0) {
      throw table.skippedRows() == 0
          ? SibylErrors.emptyTrainingSet(modelName)
          : SibylErrors.allLabelsNull(modelName, table.labelName(), table.skippedRows());
    }
    CrossValidation.Fit fit = (candidate, part) -> fit(modelName, candidate, table, part);
    if (table.groupColumn() != null) {
      return GroupedTrainer.train(modelName, options, table, fit, listener);
    }
    HoldoutSplit split = HoldoutSplit.of(modelName, options, table);
    TrainingOptions chosen = options;
    Map<String, Double> crossValidated = Map.of();
    List<TrainingTrial> trials = List.of();
    if (options.folds() > 0) {
      List<HoldoutSplit> folds =
          CrossValidation.folds(modelName, split.training(), options.folds(), options.seed());
      if (options.searches()) {
        ModelSelection.Outcome outcome =
            ModelSelection.search(modelName, options, folds, fit, listener);
        chosen = outcome.chosen();
        crossValidated = outcome.crossValidation().asMetrics();
        trials = outcome.trials();
      } else {
        listener.phase("cross-validating");
        crossValidated =
            CrossValidation.run(modelName, options, folds, fit, listener).asMetrics();
      }
      if (listener.isCanceled()) {
        throw SibylErrors.trainingCanceled(modelName);
      }
      listener.phase("fitting");
    }
    return fit(modelName, chosen, table, split).with(chosen, crossValidated, trials);
  }

  /** Fits the options on the split's training rows and measures it on its evaluation rows. */
  private TrainingResult fit(
      String modelName, TrainingOptions options, TrainingTable table, HoldoutSplit split)
      throws SQLException {
    return switch (options.algorithm()) {
      case LINEAR_REGRESSION, RIDGE, LASSO, ELASTIC_NET ->
          trainLinear(modelName, options, table, split);
      case LOGISTIC_REGRESSION -> trainLogistic(modelName, options, table, split);
      case DECISION_TREE, RANDOM_FOREST, GRADIENT_BOOSTING ->
          TreeModelTrainer.train(modelName, options, table, split);
      case NAIVE_BAYES -> trainNaiveBayes(modelName, options, table, split);
      case KMEANS -> trainKMeans(modelName, options, table, split);
      case LINEAR_SVM -> trainLinearSvm(modelName, options, table, split);
      case MLP -> table.task() == Task.REGRESSION
          ? trainMlpRegression(modelName, options, table, split)
          : trainMlpClassifier(modelName, options, table, split);
    };
  }

  private TrainingResult trainLinear(
      String modelName, TrainingOptions options, TrainingTable table, HoldoutSplit split)
      throws SQLException {
    int[] training = split.training();
    FeatureSignature signature = table.fitSignature(training);
    AlgorithmOptions algorithmOptions = options.algorithmOptions();
    int inputs = signature.encodedWidth() + 1;
    // Penalized fits are well defined with fewer rows than inputs; least squares is not.
    if (algorithmOptions instanceof LinearRegressionOptions && training.length <= inputs) {
      throw split.heldOut().length > 0
          ? SibylErrors.tooFewTrainingRows(modelName, training.length)
          : SibylErrors.tooFewRowsForInputs(modelName, training.length, inputs);
    }
    LinearParameters parameters;
    try {
      double[][] columns = table.encodeColumns(signature, training);
      double[] y = table.numericLabel().values(training);
      parameters = algorithmOptions instanceof LinearRegressionOptions ols
          ? LinearRegressionFitter.toPortable(LinearRegressionFitter.fit(columns, y, ols))
          : PenalizedRegressionFitter.fit(columns, y, algorithmOptions).model();
    } catch (RuntimeException e) {
      throw fitFailed(modelName, e);
    }
    LabelInfo label = new LabelInfo(table.labelName(), table.labelSqlType(), List.of());
    PortableModel model =
        new PortableModel(options.algorithm(), Task.REGRESSION, signature, label, parameters);

    return regressionResult(new LinearScorer(model), table, split);
  }

  /** Scores the evaluation rows with the trained regression and measures it. */
  private static TrainingResult regressionResult(
      Scorer scorer, TrainingTable table, HoldoutSplit split) {
    int[] evaluation = split.evaluation();
    double[] actual = table.numericLabel().values(evaluation);
    double[] predicted = new double[evaluation.length];
    double[] numeric = new double[table.numericCount()];
    String[] categorical = new String[table.categoricalCount()];
    for (int i = 0; i < evaluation.length; i++) {
      table.fill(evaluation[i], numeric, categorical);
      predicted[i] = scorer.regress(numeric, categorical);
    }
    Map<String, Double> metrics = EvaluationMetrics.regression(actual, predicted);
    return result(scorer.model(), table, split, metrics, "rmse");
  }

  private TrainingResult trainLogistic(
      String modelName, TrainingOptions options, TrainingTable table, HoldoutSplit split)
      throws SQLException {
    ClassLabel labels = table.classLabel();
    int[] training = split.training();
    List<String> classes = trainingClasses(modelName, table, training);
    FeatureSignature signature = table.fitSignature(training);
    LogisticParameters parameters;
    try {
      parameters =
          LogisticRegressionFitter.toPortable(
              LogisticRegressionFitter.fit(
                  transpose(table.encodeColumns(signature, training), training.length),
                  labels.classIndices(training, classes),
                  (LogisticRegressionOptions) options.algorithmOptions()));
    } catch (RuntimeException e) {
      throw fitFailed(modelName, e);
    }
    LabelInfo label = new LabelInfo(table.labelName(), table.labelSqlType(), classes);
    PortableModel model =
        new PortableModel(
            Algorithm.LOGISTIC_REGRESSION, Task.CLASSIFICATION, signature, label, parameters);

    return classifierResult(new LogisticScorer(model), table, split, labels);
  }

  private TrainingResult trainNaiveBayes(
      String modelName, TrainingOptions options, TrainingTable table, HoldoutSplit split)
      throws SQLException {
    ClassLabel labels = table.classLabel();
    int[] training = split.training();
    List<String> classes = trainingClasses(modelName, table, training);
    FeatureSignature signature = table.fitSignature(training);
    NaiveBayesParameters parameters;
    try {
      parameters = NaiveBayesFitter.fit(table, signature, training,
          labels.classIndices(training, classes), classes.size(),
          (NaiveBayesOptions) options.algorithmOptions());
    } catch (RuntimeException e) {
      throw fitFailed(modelName, e);
    }
    LabelInfo label = new LabelInfo(table.labelName(), table.labelSqlType(), classes);
    PortableModel model = new PortableModel(
        Algorithm.NAIVE_BAYES, Task.CLASSIFICATION, signature, label, parameters);
    return classifierResult(new NaiveBayesScorer(model), table, split, labels);
  }

  private TrainingResult trainLinearSvm(
      String modelName, TrainingOptions options, TrainingTable table, HoldoutSplit split)
      throws SQLException {
    ClassLabel labels = table.classLabel();
    int[] training = split.training();
    List<String> classes = trainingClasses(modelName, table, training);
    if (classes.size() > 2) {
      throw SibylErrors.notBinary(
          modelName, options.algorithm().sqlName(), table.labelName(), classes.size());
    }
    long maxRows = LinearSvmFitter.maxRows(Runtime.getRuntime().maxMemory());
    if (training.length > maxRows) {
      throw SibylErrors.tooManyRowsForMemory(modelName, options.algorithm().sqlName(),
          training.length, maxRows, LinearSvmFitter.MEMORY_LIMIT_REASON);
    }
    FeatureSignature signature = table.fitSignature(training);
    int[] classOf = labels.classIndices(training, classes);
    boolean[] positive = new boolean[training.length];
    for (int i = 0; i < training.length; i++) {
      positive[i] = classOf[i] == 1;
    }
    LinearSvmParameters parameters;
    try {
      parameters = LinearSvmFitter.fit(
          transpose(table.encodeColumns(signature, training), training.length), positive,
          (LinearSvmOptions) options.algorithmOptions(), options.seed()).model();
    } catch (RuntimeException e) {
      throw fitFailed(modelName, e);
    }
    LabelInfo label = new LabelInfo(table.labelName(), table.labelSqlType(), classes);
    PortableModel model = new PortableModel(
        Algorithm.LINEAR_SVM, Task.CLASSIFICATION, signature, label, parameters);
    return classifierResult(new LinearSvmScorer(model), table, split, labels);
  }

  private TrainingResult trainMlpClassifier(
      String modelName, TrainingOptions options, TrainingTable table, HoldoutSplit split)
      throws SQLException {
    ClassLabel labels = table.classLabel();
    int[] training = split.training();
    List<String> classes = trainingClasses(modelName, table, training);
    FeatureSignature signature = table.fitSignature(training);
    NeuralNetworkParameters parameters;
    try {
      parameters = MlpFitter.fitClassifier(
          transpose(table.encodeColumns(signature, training), training.length),
          labels.classIndices(training, classes), classes.size(),
          (MlpOptions) options.algorithmOptions(), options.seed()).model();
    } catch (RuntimeException e) {
      throw fitFailed(modelName, e);
    }
    LabelInfo label = new LabelInfo(table.labelName(), table.labelSqlType(), classes);
    PortableModel model =
        new PortableModel(Algorithm.MLP, Task.CLASSIFICATION, signature, label, parameters);
    return classifierResult(new MlpScorer(model), table, split, labels);
  }

  private TrainingResult trainMlpRegression(
      String modelName, TrainingOptions options, TrainingTable table, HoldoutSplit split)
      throws SQLException {
    int[] training = split.training();
    FeatureSignature signature = table.fitSignature(training);
    NeuralNetworkParameters parameters;
    try {
      parameters = MlpFitter.fitRegression(
          transpose(table.encodeColumns(signature, training), training.length),
          table.numericLabel().values(training), (MlpOptions) options.algorithmOptions(),
          options.seed()).model();
    } catch (RuntimeException e) {
      throw fitFailed(modelName, e);
    }
    LabelInfo label = new LabelInfo(table.labelName(), table.labelSqlType(), List.of());
    PortableModel model =
        new PortableModel(Algorithm.MLP, Task.REGRESSION, signature, label, parameters);
    return regressionResult(new MlpScorer(model), table, split);
  }

  private TrainingResult trainKMeans(
      String modelName, TrainingOptions options, TrainingTable table, HoldoutSplit split)
      throws SQLException {
    KMeansOptions kmeans = (KMeansOptions) options.algorithmOptions();
    int[] training = split.training();
    if (training.length < kmeans.k()) {
      throw SibylErrors.tooFewRowsForClusters(modelName, kmeans.k(), training.length);
    }
    FeatureSignature signature = table.fitSignature(training);
    double[][] rows = transpose(table.encodeColumns(signature, training), training.length);
    KMeansFitter.Fit fit;
    try {
      fit = KMeansFitter.fit(rows, kmeans, options.seed());
    } catch (RuntimeException e) {
      throw fitFailed(modelName, e);
    }
    if (fit == null) {
      throw SibylErrors.tooFewDistinctRowsForClusters(
          modelName, kmeans.k(), KMeansFitter.distinctRows(rows));
    }
    PortableModel model = new PortableModel(
        Algorithm.KMEANS, Task.CLUSTERING, signature, LabelInfo.none(), fit.toPortable());

    CentroidScorer scorer = new CentroidScorer(model);
    int[] evaluation = split.evaluation();
    double inertia = 0;
    double[] numeric = new double[table.numericCount()];
    String[] categorical = new String[table.categoricalCount()];
    for (int row : evaluation) {
      table.fill(row, numeric, categorical);
      inertia += scorer.squaredDistance(numeric, categorical);
    }
    return result(model, table, split, EvaluationMetrics.clustering(inertia), "inertia");
  }

  /** The classes of the training rows, at least two of them. */
  private static List<String> trainingClasses(
      String modelName, TrainingTable table, int[] training) throws SQLException {
    ClassLabel labels = table.classLabel();
    if (labels.distinctCount() < 2) {
      throw SibylErrors.singleClass(modelName, table.labelName(), labels.firstValue());
    }
    List<String> classes = labels.classesOf(training);
    if (classes.size() < 2) {
      throw SibylErrors.singleClass(modelName, table.labelName(), classes.get(0));
    }
    return classes;
  }

  /** Scores the evaluation rows with the trained classifier and measures it. */
  private static TrainingResult classifierResult(
      ClassifierScorer scorer, TrainingTable table, HoldoutSplit split, ClassLabel labels) {
    List<String> classes = scorer.model().label().classes();
    int[] evaluation = split.evaluation();
    int[] actual = labels.classIndices(evaluation, classes);
    int[] predicted = new int[evaluation.length];
    double[][] probabilities = new double[evaluation.length][classes.size()];
    double[] numeric = new double[table.numericCount()];
    String[] categorical = new String[table.categoricalCount()];
    for (int i = 0; i < evaluation.length; i++) {
      table.fill(evaluation[i], numeric, categorical);
      predicted[i] = scorer.predictClass(numeric, categorical);
      scorer.classProbabilities(numeric, categorical, probabilities[i]);
    }
    Map<String, Double> metrics =
        EvaluationMetrics.classification(actual, predicted, probabilities);
    return result(scorer.model(), table, split, metrics, "accuracy");
  }

  static TrainingResult result(
      PortableModel model,
      TrainingTable table,
      HoldoutSplit split,
      Map<String, Double> metrics,
      String mainMetric) {
    return new TrainingResult(
        model,
        split.training().length,
        split.heldOut().length,
        table.skippedRows(),
        metrics,
        mainMetric,
        metrics.get(mainMetric),
        Map.of(),
        List.of());
  }

  private static double[][] transpose(double[][] columns, int rows) {
    double[][] matrix = new double[rows][columns.length];
    for (int j = 0; j < columns.length; j++) {
      double[] column = columns[j];
      for (int i = 0; i < rows; i++) {
        matrix[i][j] = column[i];
      }
    }
    return matrix;
  }

  static SQLException fitFailed(String modelName, RuntimeException e) {
    SQLException error = SibylErrors.trainingFailed(modelName, String.valueOf(e.getMessage()));
    error.initCause(e);
    return error;
  }
}

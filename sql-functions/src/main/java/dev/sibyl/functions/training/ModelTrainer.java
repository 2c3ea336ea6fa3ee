package dev.sibyl.functions.training;

import dev.sibyl.functions.scoring.LinearScorer;
import dev.sibyl.functions.scoring.LogisticScorer;
import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.model.Algorithm;
import dev.sibyl.registry.model.FeatureSignature;
import dev.sibyl.registry.model.LabelInfo;
import dev.sibyl.registry.model.LinearParameters;
import dev.sibyl.registry.model.LogisticParameters;
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
 * to a {@link PortableModel} and measures it with our own scorer. Stateless.
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
    Task requestedTask =
        options.algorithmOptions() instanceof TreeOptions tree ? tree.task() : null;
    TrainingTable table = TrainingTable.read(
        modelName, options.algorithm(), requestedTask, options.label(), rows);
    if (table.rows() == 0) {
      throw table.skippedRows() == 0
          ? SibylErrors.emptyTrainingSet(modelName)
          : SibylErrors.allLabelsNull(modelName, table.labelName(), table.skippedRows());
    }
    HoldoutSplit split = HoldoutSplit.of(table.rows(), options.testFraction(), options.seed());
    return switch (options.algorithm()) {
      case LINEAR_REGRESSION -> trainLinear(modelName, options, table, split);
      case LOGISTIC_REGRESSION -> trainLogistic(modelName, options, table, split);
      case DECISION_TREE, RANDOM_FOREST, GRADIENT_BOOSTING ->
          TreeModelTrainer.train(modelName, options, table, split);
    };
  }

  private TrainingResult trainLinear(
      String modelName, TrainingOptions options, TrainingTable table, HoldoutSplit split)
      throws SQLException {
    int[] training = split.training();
    FeatureSignature signature = table.fitSignature(training);
    int inputs = signature.encodedWidth() + 1;
    if (training.length <= inputs) {
      throw split.heldOut().length > 0
          ? SibylErrors.tooFewTrainingRows(modelName, training.length)
          : SibylErrors.tooFewRowsForInputs(modelName, training.length, inputs);
    }
    LinearParameters parameters;
    try {
      parameters =
          LinearRegressionFitter.toPortable(
              LinearRegressionFitter.fit(
                  table.encodeColumns(signature, training),
                  table.numericLabel().values(training),
                  (LinearRegressionOptions) options.algorithmOptions()));
    } catch (RuntimeException e) {
      throw fitFailed(modelName, e);
    }
    LabelInfo label = new LabelInfo(table.labelName(), table.labelSqlType(), List.of());
    PortableModel model =
        new PortableModel(
            Algorithm.LINEAR_REGRESSION, Task.REGRESSION, signature, label, parameters);

    LinearScorer scorer = new LinearScorer(model);
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
    return result(model, table, split, metrics, "rmse");
  }

  private TrainingResult trainLogistic(
      String modelName, TrainingOptions options, TrainingTable table, HoldoutSplit split)
      throws SQLException {
    ClassLabel labels = table.classLabel();
    if (labels.distinctCount() < 2) {
      throw SibylErrors.singleClass(modelName, table.labelName(), labels.firstValue());
    }
    int[] training = split.training();
    List<String> classes = labels.classesOf(training);
    if (classes.size() < 2) {
      throw SibylErrors.singleClass(modelName, table.labelName(), classes.get(0));
    }
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

    LogisticScorer scorer = new LogisticScorer(model);
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
    return result(model, table, split, metrics, "accuracy");
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
        metrics.get(mainMetric));
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

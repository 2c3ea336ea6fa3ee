package dev.sibyl.functions.training;

import dev.sibyl.functions.scoring.TreeEnsembleScorer;
import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.FeatureKind;
import dev.sibyl.registry.model.FeatureSignature;
import dev.sibyl.registry.model.LabelInfo;
import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.Task;
import dev.sibyl.registry.model.TreeEnsemble;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Trains {@code decision_tree}, {@code random_forest} and {@code gradient_boosting}: fits Smile's
 * trees on the training rows' raw numbers (missing ones imputed with the training mean, no
 * standardisation) and one-hot categories, converts them to a {@link TreeEnsemble}, and measures
 * the portable model with our own scorer.
 */
final class TreeModelTrainer {
  /** Most classes a tree classifier may have: each leaf of a forest holds one probability each. */
  static final int MAX_CLASSES = 100;

  private TreeModelTrainer() {}

  static TrainingResult train(
      String modelName, TrainingOptions options, TrainingTable table, HoldoutSplit split)
      throws SQLException {
    TreeOptions treeOptions = (TreeOptions) options.algorithmOptions();
    if (table.task() == Task.REGRESSION && treeOptions.requestedSplitRule() != null) {
      throw SibylErrors.optionNeedsClassification(
          modelName, TreeOptionReader.SPLIT_RULE, table.labelName());
    }
    int[] training = split.training();
    FeatureSignature signature = unscaled(table.fitSignature(training));
    if (treeOptions instanceof RandomForestOptions forest
        && forest.mtry() > signature.encodedWidth()) {
      throw SibylErrors.optionOutOfRange(RandomForestOptions.MTRY, forest.mtry(),
          "0 (Smile's rule) or at most the " + signature.encodedWidth()
              + " encoded inputs (one per numeric feature, one per category value)");
    }
    return table.task() == Task.REGRESSION
        ? trainRegression(modelName, options, treeOptions, table, split, signature)
        : trainClassifier(modelName, options, treeOptions, table, split, signature);
  }

  private static TrainingResult trainRegression(String modelName, TrainingOptions options,
      TreeOptions treeOptions, TrainingTable table, HoldoutSplit split,
      FeatureSignature signature) throws SQLException {
    int[] training = split.training();
    TreeEnsemble trees;
    try {
      trees = TreeEnsembleFitter.toPortable(TreeEnsembleFitter.fitRegression(
          options.algorithm(), treeOptions, table.encodeColumns(signature, training),
          table.numericLabel().values(training), options.seed()));
    } catch (RuntimeException e) {
      throw ModelTrainer.fitFailed(modelName, e);
    }
    LabelInfo label = new LabelInfo(table.labelName(), table.labelSqlType(), List.of());
    PortableModel model =
        new PortableModel(options.algorithm(), Task.REGRESSION, signature, label, trees);

    int[] evaluation = split.evaluation();
    double[] actual = table.numericLabel().values(evaluation);
    double[] predicted = new double[evaluation.length];
    new TreeEnsembleScorer(model).regress(
        numericRows(table, evaluation), categoricalRows(table, evaluation), predicted);
    Map<String, Double> metrics = EvaluationMetrics.regression(actual, predicted);
    return ModelTrainer.result(model, table, split, metrics, "rmse");
  }

  private static TrainingResult trainClassifier(String modelName, TrainingOptions options,
      TreeOptions treeOptions, TrainingTable table, HoldoutSplit split,
      FeatureSignature signature) throws SQLException {
    ClassLabel labels = table.classLabel();
    int[] training = split.training();
    List<String> classes = labels.classesOf(training);
    if (classes.size() < 2) {
      throw SibylErrors.singleClass(modelName, table.labelName(), classes.get(0));
    }
    if (classes.size() > MAX_CLASSES) {
      throw SibylErrors.tooManyClasses(
          modelName, table.labelName(), classes.size(), MAX_CLASSES);
    }
    TreeEnsemble trees;
    try {
      trees = TreeEnsembleFitter.toPortable(TreeEnsembleFitter.fitClassification(
          options.algorithm(), treeOptions, table.encodeColumns(signature, training),
          labels.classIndices(training, classes), options.seed()));
    } catch (RuntimeException e) {
      throw ModelTrainer.fitFailed(modelName, e);
    }
    LabelInfo label = new LabelInfo(table.labelName(), table.labelSqlType(), classes);
    PortableModel model =
        new PortableModel(options.algorithm(), Task.CLASSIFICATION, signature, label, trees);

    int[] evaluation = split.evaluation();
    int[] actual = labels.classIndices(evaluation, classes);
    int[] predicted = new int[evaluation.length];
    double[][] probabilities = new double[evaluation.length][classes.size()];
    new TreeEnsembleScorer(model).classify(numericRows(table, evaluation),
        categoricalRows(table, evaluation), predicted, probabilities);
    Map<String, Double> metrics =
        EvaluationMetrics.classification(actual, predicted, probabilities);
    return ModelTrainer.result(model, table, split, metrics, "accuracy");
  }

  /** The numeric feature values of the given rows, NaN where missing. */
  private static double[][] numericRows(TrainingTable table, int[] rows) {
    double[][] values = new double[rows.length][table.numericCount()];
    String[] ignored = new String[table.categoricalCount()];
    for (int i = 0; i < rows.length; i++) {
      table.fill(rows[i], values[i], ignored);
    }
    return values;
  }

  /** The categorical feature values of the given rows, null where missing. */
  private static String[][] categoricalRows(TrainingTable table, int[] rows) {
    String[][] values = new String[rows.length][table.categoricalCount()];
    double[] ignored = new double[table.numericCount()];
    for (int i = 0; i < rows.length; i++) {
      table.fill(rows[i], ignored, values[i]);
    }
    return values;
  }

  /**
   * The fitted signature with numeric features left unscaled (center 0, scale 1): trees split on
   * raw values, and a threshold then reads in the column's own unit.
   */
  static FeatureSignature unscaled(FeatureSignature fitted) {
    List<Feature> features = new ArrayList<>(fitted.size());
    for (Feature f : fitted.features()) {
      features.add(f.kind() == FeatureKind.NUMERIC
          ? Feature.numeric(f.name(), f.sqlType(), f.imputeValue(), 0, 1)
          : f);
    }
    return new FeatureSignature(features);
  }
}

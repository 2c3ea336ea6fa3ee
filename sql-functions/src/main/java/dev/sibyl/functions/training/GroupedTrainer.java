package dev.sibyl.functions.training;

import dev.sibyl.functions.scoring.GroupedScorer;
import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.FeatureSignature;
import dev.sibyl.registry.model.GroupedModels;
import dev.sibyl.registry.model.LabelInfo;
import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.Task;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Trains a grouped model ({@code group_by}): one model per value of the group column, each fitted
 * through the same path as an ungrouped model on its group's rows only, and, with {@code
 * group_fallback}, one more on the rows of every group.
 *
 * <p>Held-out rows: with {@code split = 'random'} each group holds out its own {@code
 * test_fraction} of its rows (at least one row of each group trains); with {@code 'last'} and
 * {@code 'column'} the split of the whole query decides, and a group left with no training row is
 * an error naming it. A group whose model cannot be trained (too few rows, a single class, ...)
 * fails the statement, naming the group. The metrics are those of every held-out row scored by
 * its group's model (the training rows when no row is held out), then {@code fallback_<metric>}
 * and the main metric of each group as {@code <metric>[<group>]}.
 */
final class GroupedTrainer {
  private GroupedTrainer() {}

  static TrainingResult train(String modelName, TrainingOptions options, TrainingTable table,
      CrossValidation.Fit fit, TrainingListener listener) throws SQLException {
    GroupColumn column = table.groupColumn();
    List<String> keys = column.keys();
    int[][] rowsOf = column.rowsByGroup();
    HoldoutSplit whole =
        options.split() == SplitMethod.RANDOM ? null : HoldoutSplit.of(modelName, options, table);
    List<PortableModel> parts = new ArrayList<>();
    List<HoldoutSplit> splits = new ArrayList<>();
    Map<String, Double> perGroup = new LinkedHashMap<>();
    String mainMetric = null;
    for (int g = 0; g < keys.size(); g++) {
      if (listener.isCanceled()) {
        throw SibylErrors.trainingCanceled(modelName);
      }
      HoldoutSplit split = whole == null
          ? within(rowsOf[g], options.testFraction(), options.seed())
          : within(whole, rowsOf[g]);
      if (split.training().length == 0) {
        throw SibylErrors.noTrainingRowsInGroup(
            modelName, column.name, keys.get(g), rowsOf[g].length);
      }
      TrainingResult part;
      try {
        part = fit.fit(options, split);
      } catch (SQLException e) {
        if (SibylErrors.CANCELED.equals(e.getSQLState())) {
          throw e;
        }
        throw SibylErrors.groupFailed(
            modelName, column.name, keys.get(g), rowsOf[g].length, e);
      }
      parts.add(part.model());
      splits.add(split);
      mainMetric = part.mainMetricName();
      perGroup.put(mainMetric + "[" + keys.get(g) + "]", part.mainMetric());
    }
    HoldoutSplit all = union(splits);
    PortableModel fallback = null;
    Map<String, Double> metrics = new LinkedHashMap<>();
    Double fallbackMetric = null;
    if (options.groupFallback()) {
      TrainingResult result = fit.fit(options, all);
      fallback = result.model();
      fallbackMetric = result.mainMetric();
    }
    PortableModel model = grouped(table, column, keys, parts, fallback);
    if (table.task() == Task.CLUSTERING) {
      double inertia = 0;
      for (String name : perGroup.keySet()) {
        inertia += perGroup.get(name);
      }
      metrics.putAll(EvaluationMetrics.clustering(inertia));
    } else {
      metrics.putAll(overallMetrics(model, table, column, splits));
    }
    if (fallbackMetric != null) {
      metrics.put("fallback_" + mainMetric, fallbackMetric);
    }
    metrics.putAll(perGroup);
    return new TrainingResult(model, all.training().length, all.heldOut().length,
        table.skippedRows(), metrics, mainMetric, metrics.get(mainMetric), options.effective(),
        List.of());
  }

  /** The group's own random split: its share of held-out rows, at least one row training. */
  private static HoldoutSplit within(int[] rows, double testFraction, long seed) {
    HoldoutSplit positions = HoldoutSplit.of(rows.length, testFraction, seed);
    return new HoldoutSplit(pick(rows, positions.training()), pick(rows, positions.heldOut()));
  }

  /** The rows of a group as the split of the whole query divides them. */
  private static HoldoutSplit within(HoldoutSplit whole, int[] rows) {
    Set<Integer> heldOut = new HashSet<>();
    for (int row : whole.heldOut()) {
      heldOut.add(row);
    }
    return new HoldoutSplit(
        Arrays.stream(rows).filter(r -> !heldOut.contains(r)).toArray(),
        Arrays.stream(rows).filter(heldOut::contains).toArray());
  }

  private static int[] pick(int[] rows, int[] positions) {
    return Arrays.stream(positions).map(p -> rows[p]).toArray();
  }

  private static HoldoutSplit union(List<HoldoutSplit> splits) {
    int[] training = splits.stream().flatMapToInt(s -> Arrays.stream(s.training()))
        .sorted().toArray();
    int[] heldOut = splits.stream().flatMapToInt(s -> Arrays.stream(s.heldOut()))
        .sorted().toArray();
    return new HoldoutSplit(training, heldOut);
  }

  /**
   * The grouped model: its signature is the group column (the keys as its categories) followed by
   * the features; its label has the classes of every part, in the label's order.
   */
  private static PortableModel grouped(TrainingTable table, GroupColumn column, List<String> keys,
      List<PortableModel> parts, PortableModel fallback) {
    PortableModel first = parts.get(0);
    List<Feature> features = new ArrayList<>();
    features.add(Feature.categorical(column.name, column.sqlType, keys));
    features.addAll((fallback != null ? fallback : first).signature().features());
    LabelInfo label = first.label();
    if (table.task() == Task.CLASSIFICATION) {
      Set<String> used = new HashSet<>();
      for (PortableModel part : parts) {
        used.addAll(part.label().classes());
      }
      List<String> classes = new ArrayList<>(
          table.classLabel().classesOf(IntStream.range(0, table.rows()).toArray()));
      classes.retainAll(used);
      label = new LabelInfo(label.name(), label.sqlType(), classes);
    }
    return new PortableModel(first.algorithm(), first.task(),
        new FeatureSignature(features), label,
        new GroupedModels(keys, parts, fallback));
  }

  /** Every evaluation row scored by its group's model, measured as one. */
  private static Map<String, Double> overallMetrics(PortableModel model, TrainingTable table,
      GroupColumn column, List<HoldoutSplit> splits) {
    boolean anyHeldOut = splits.stream().anyMatch(s -> s.heldOut().length > 0);
    List<String> keys = column.keys();
    GroupedScorer scorer = new GroupedScorer(model);
    double[] numeric = new double[table.numericCount()];
    String[] features = new String[table.categoricalCount()];
    String[] categorical = new String[table.categoricalCount() + 1];
    List<Integer> rows = new ArrayList<>();
    List<Integer> groups = new ArrayList<>();
    for (int g = 0; g < splits.size(); g++) {
      for (int row : anyHeldOut ? splits.get(g).heldOut() : splits.get(g).training()) {
        rows.add(row);
        groups.add(g);
      }
    }
    int n = rows.size();
    int[] evaluation = rows.stream().mapToInt(Integer::intValue).toArray();
    if (table.task() == Task.REGRESSION) {
      double[] actual = table.numericLabel().values(evaluation);
      double[] predicted = new double[n];
      for (int i = 0; i < n; i++) {
        fill(table, evaluation[i], keys.get(groups.get(i)), numeric, features, categorical);
        predicted[i] = scorer.regress(numeric, categorical);
      }
      return EvaluationMetrics.regression(actual, predicted);
    }
    List<String> classes = model.label().classes();
    int[] actual = table.classLabel().classIndices(evaluation, classes);
    int[] predicted = new int[n];
    double[][] probabilities = new double[n][classes.size()];
    for (int i = 0; i < n; i++) {
      fill(table, evaluation[i], keys.get(groups.get(i)), numeric, features, categorical);
      predicted[i] = scorer.predictClass(numeric, categorical);
      scorer.classProbabilities(numeric, categorical, probabilities[i]);
    }
    return EvaluationMetrics.classification(actual, predicted, probabilities);
  }

  private static void fill(TrainingTable table, int row, String group, double[] numeric,
      String[] features, String[] categorical) {
    table.fill(row, numeric, features);
    categorical[0] = group;
    System.arraycopy(features, 0, categorical, 1, features.length);
  }
}

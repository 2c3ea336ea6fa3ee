package dev.sibyl.functions.evaluation;

import dev.sibyl.functions.calcite.ModelLookups;
import dev.sibyl.functions.calcite.SibylSqlException;
import dev.sibyl.functions.scoring.GroupedScorer;
import dev.sibyl.functions.scoring.Scorer;
import dev.sibyl.functions.training.EvaluationMetrics;
import dev.sibyl.registry.ModelRef;
import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.StoredModel;
import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.Task;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;

/**
 * The rows of the model table functions (EVALUATE, CONFUSION_MATRIX, ROC_CURVE, EXPLAIN_MODEL),
 * computed when the statement runs. Called from generated code.
 */
public final class ModelTables {
  private ModelTables() {}

  /** {@code TABLE(EVALUATE('model', 'query'))}: one (METRIC, METRIC_VALUE) row per metric. */
  public static Enumerable<Object[]> evaluate(
      String registryId, String model, String query, DataContext root) {
    try {
      StoredModel stored = load(registryId, model);
      Scored scored = score("EVALUATE", stored, query, root);
      Map<String, Double> metrics =
          stored.model().task() == Task.REGRESSION
              ? EvaluationMetrics.regression(scored.actualValues(), scored.predictedValues())
              : EvaluationMetrics.classification(
                  scored.actualClasses(), scored.predictedClasses(), scored.probabilities());
      List<Object[]> rows = new ArrayList<>();
      rows.add(new Object[] {"rows", (double) scored.size()});
      metrics.forEach((name, value) -> rows.add(new Object[] {name, value}));
      return Linq4j.asEnumerable(rows);
    } catch (SQLException e) {
      throw new SibylSqlException(e);
    }
  }

  /** {@code TABLE(CONFUSION_MATRIX('model', 'query'))}: (ACTUAL, PREDICTED, ROW_COUNT) rows. */
  public static Enumerable<Object[]> confusionMatrix(
      String registryId, String model, String query, DataContext root) {
    try {
      StoredModel stored = load(registryId, model);
      requireClassifier("CONFUSION_MATRIX", stored);
      Scored scored = score("CONFUSION_MATRIX", stored, query, root);
      List<String> classes = stored.model().label().classes();
      List<String> actualValues = new ArrayList<>(classes);
      for (String label : scored.actualLabels()) {
        if (!actualValues.contains(label)) {
          actualValues.add(label);
        }
      }
      long[][] counts = new long[actualValues.size()][classes.size()];
      int[] predicted = scored.predictedClasses();
      List<String> labels = scored.actualLabels();
      for (int i = 0; i < predicted.length; i++) {
        counts[actualValues.indexOf(labels.get(i))][predicted[i]]++;
      }
      List<Object[]> rows = new ArrayList<>();
      for (int a = 0; a < actualValues.size(); a++) {
        for (int p = 0; p < classes.size(); p++) {
          rows.add(new Object[] {actualValues.get(a), classes.get(p), counts[a][p]});
        }
      }
      return Linq4j.asEnumerable(rows);
    } catch (SQLException e) {
      throw new SibylSqlException(e);
    }
  }

  /**
   * {@code TABLE(ROC_CURVE('model', 'query'))}: for a binary classifier, one row per distinct
   * positive-class probability, from the highest: (THRESHOLD, TPR, FPR, PRECISION, RECALL) when
   * rows scoring at least THRESHOLD are called positive.
   */
  public static Enumerable<Object[]> rocCurve(
      String registryId, String model, String query, DataContext root) {
    try {
      StoredModel stored = load(registryId, model);
      requireClassifier("ROC_CURVE", stored);
      if (!stored.model().label().isBinary()) {
        throw SibylErrors.needsBinaryClassifier("ROC_CURVE", stored.version().name());
      }
      Scored scored = score("ROC_CURVE", stored, query, root);
      int n = scored.size();
      double[] scores = new double[n];
      int[] actual = scored.actualClasses();
      long positives = 0;
      for (int i = 0; i < n; i++) {
        scores[i] = scored.probabilities()[i][1];
        positives += actual[i] == 1 ? 1 : 0;
      }
      long negatives = n - positives;
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
      List<Object[]> rows = new ArrayList<>();
      long truePositives = 0;
      long falsePositives = 0;
      for (int k = 0; k < n; k++) {
        int i = order[k];
        if (actual[i] == 1) {
          truePositives++;
        } else {
          falsePositives++;
        }
        boolean lastOfThreshold = k + 1 == n || scores[order[k + 1]] != scores[i];
        if (lastOfThreshold) {
          double tpr = positives == 0 ? Double.NaN : (double) truePositives / positives;
          double fpr = negatives == 0 ? Double.NaN : (double) falsePositives / negatives;
          double precision = (double) truePositives / (truePositives + falsePositives);
          rows.add(new Object[] {scores[i], tpr, fpr, precision, tpr});
        }
      }
      return Linq4j.asEnumerable(rows);
    } catch (SQLException e) {
      throw new SibylSqlException(e);
    }
  }

  /**
   * {@code TABLE(EXPLAIN_MODEL('model'))}: what the model learned, in the units of the raw columns,
   * as (DETAIL, CLASS, CLUSTER, FEATURE, DETAIL_VALUE) rows (see {@link ModelExplanation}).
   */
  public static Enumerable<Object[]> explainModel(
      String registryId, String model, DataContext root) {
    try {
      return Linq4j.asEnumerable(ModelExplanation.of(load(registryId, model)));
    } catch (SQLException e) {
      throw new SibylSqlException(e);
    }
  }

  private static StoredModel load(String registryId, String model) throws SQLException {
    return ModelLookups.get(registryId).load(ModelRef.parse(model));
  }

  private static void requireClassifier(String function, StoredModel stored)
      throws SQLException {
    if (stored.model().task() != Task.CLASSIFICATION) {
      throw SibylErrors.needsClassifier(function, stored.version().name());
    }
  }

  private static Scored score(String function, StoredModel stored, String query, DataContext root)
      throws SQLException {
    PortableModel model = stored.model();
    if (model.task() == Task.CLUSTERING) {
      throw new SQLException(
          function + " needs a model with a label, but model '" + stored.version().name()
              + "' is a clustering model",
          SibylErrors.SYNTAX);
    }
    Scorer scorer = Scorer.of(model);
    Connection connection = (Connection) root.getQueryProvider();
    Scored scored = new Scored(model);
    try (Statement statement = connection.createStatement();
        ResultSet resultSet = statement.executeQuery(
            EvaluationQuery.of(function, stored, connection, query))) {
      LabeledRows rows = new LabeledRows(function, stored.version().name(), model, resultSet);
      GroupedScorer grouped = scorer instanceof GroupedScorer g ? g : null;
      while (rows.next()) {
        if (grouped != null && !grouped.routes(rows.categorical()[0])) {
          continue; // PREDICT gives such rows NULL: they have no prediction to measure
        }
        if (model.task() == Task.REGRESSION) {
          double actual = rows.numericLabel();
          if (!Double.isNaN(actual)) {
            scored.addValue(actual, scorer.regress(rows.numeric(), rows.categorical()));
          }
        } else {
          String actual = rows.classLabel();
          if (actual != null) {
            double[] probabilities = new double[model.label().classes().size()];
            scorer.classProbabilities(rows.numeric(), rows.categorical(), probabilities);
            scored.addClass(actual, scorer.predictClass(rows.numeric(), rows.categorical()),
                probabilities);
          }
        }
      }
    }
    if (scored.size() == 0) {
      throw SibylErrors.noLabeledRows(function, stored.version().name());
    }
    return scored;
  }
}

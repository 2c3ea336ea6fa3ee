package dev.sibyl.functions.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sibyl.registry.ModelVersion;
import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.StoredModel;
import dev.sibyl.registry.model.Algorithm;
import dev.sibyl.registry.model.CentroidParameters;
import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.FeatureSignature;
import dev.sibyl.registry.model.LabelInfo;
import dev.sibyl.registry.model.LinearParameters;
import dev.sibyl.registry.model.LinearSvmParameters;
import dev.sibyl.registry.model.ModelBody;
import dev.sibyl.registry.model.NaiveBayesParameters;
import dev.sibyl.registry.model.NeuralNetworkParameters;
import dev.sibyl.registry.model.NeuralNetworkParameters.Activation;
import dev.sibyl.registry.model.NeuralNetworkParameters.DenseLayer;
import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.Task;
import dev.sibyl.registry.model.TreeEnsemble;
import dev.sibyl.registry.model.TreeEnsemble.Combination;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * EXPLAIN_MODEL's rows for hand-built models over AGE (standardised with center 40 and scale 10)
 * and the category PLAN (basic, pro), so every raw-unit figure can be worked out by hand; then one
 * test per refusal.
 */
class ModelExplanationTest {
  private static final FeatureSignature SIGNATURE = new FeatureSignature(List.of(
      Feature.numeric("AGE", "INTEGER", 40, 40, 10),
      Feature.categorical("PLAN", "VARCHAR", List.of("basic", "pro"))));
  private static final LabelInfo CLASSES = new LabelInfo("C", "VARCHAR", List.of("no", "yes"));

  @Test
  void linearCoefficientsAreInRawUnits() throws SQLException {
    // y = 1 + 2 (age - 40) / 10 + 0.5 basic - 0.5 pro = -7 + 0.2 age + ...
    List<String> rows = explain(Algorithm.LINEAR_REGRESSION, Task.REGRESSION,
        new LabelInfo("Y", "DOUBLE", List.of()),
        new LinearParameters(new double[] {2, 0.5, -0.5}, 1));
    assertEquals(List.of("coefficient null null (intercept) -7.0",
        "coefficient null null AGE 0.2",
        "coefficient null null PLAN=basic 0.5",
        "coefficient null null PLAN=pro -0.5"), rows);
  }

  @Test
  void linearSvmWeightsScoreThePositiveClass() throws SQLException {
    List<String> rows = explain(Algorithm.LINEAR_SVM, Task.CLASSIFICATION, CLASSES,
        new LinearSvmParameters(new double[] {2, 0.5, -0.5}, 1, -1, 0));
    assertEquals(List.of("coefficient yes null (intercept) -7.0",
        "coefficient yes null AGE 0.2",
        "coefficient yes null PLAN=basic 0.5",
        "coefficient yes null PLAN=pro -0.5"), rows);
  }

  @Test
  void treeImportancesAddUpACategorysInputs() throws SQLException {
    List<String> rows = explain(Algorithm.DECISION_TREE, Task.REGRESSION,
        new LabelInfo("Y", "DOUBLE", List.of()), stump(new double[] {0.5, 0.25, 0.25}));
    assertEquals(List.of("importance null null AGE 0.5", "importance null null PLAN 0.5"), rows);
  }

  @Test
  void centroidsAreInRawUnits() throws SQLException {
    List<String> rows = explain(Algorithm.KMEANS, Task.CLUSTERING, LabelInfo.none(),
        new CentroidParameters(new double[][] {{1, 1, 0}, {-0.5, 0.25, 0.75}}));
    assertEquals(List.of("centroid null 0 AGE 50.0",
        "centroid null 0 PLAN=basic 1.0",
        "centroid null 0 PLAN=pro 0.0",
        "centroid null 1 AGE 35.0",
        "centroid null 1 PLAN=basic 0.25",
        "centroid null 1 PLAN=pro 0.75"), rows);
  }

  @Test
  void naiveBayesShowsEachClassDistributionInRawUnits() throws SQLException {
    List<String> rows = explain(Algorithm.NAIVE_BAYES, Task.CLASSIFICATION, CLASSES,
        new NaiveBayesParameters(new double[] {0.25, 0.75}, new double[][] {{1}, {-0.5}},
            new double[][] {{4}, {0.25}},
            new double[][][] {{{0.2, 0.8}}, {{0.625, 0.375}}}));
    assertEquals(List.of("prior no null null 0.25",
        "mean no null AGE 50.0",
        "stddev no null AGE 20.0",
        "probability no null PLAN=basic 0.2",
        "probability no null PLAN=pro 0.8",
        "prior yes null null 0.75",
        "mean yes null AGE 35.0",
        "stddev yes null AGE 5.0",
        "probability yes null PLAN=basic 0.625",
        "probability yes null PLAN=pro 0.375"), rows);
  }

  @Test
  void networkIsRefused() {
    NeuralNetworkParameters network = new NeuralNetworkParameters(
        List.of(new DenseLayer(new double[][] {{1, 1, 1}}, new double[] {0}, Activation.LINEAR)),
        0, 1);
    SQLException e = assertThrows(SQLException.class,
        () -> explain(Algorithm.MLP, Task.REGRESSION, new LabelInfo("Y", "DOUBLE", List.of()),
            network));
    assertEquals(SibylErrors.NOT_SUPPORTED, e.getSQLState());
    assertTrue(e.getMessage().contains("model 'M' (mlp)"), e.getMessage());
  }

  @Test
  void treesStoredWithoutImportancesAreRefused() {
    SQLException e = assertThrows(SQLException.class,
        () -> explain(Algorithm.DECISION_TREE, Task.REGRESSION,
            new LabelInfo("Y", "DOUBLE", List.of()), stump(new double[0])));
    assertEquals(SibylErrors.NOT_SUPPORTED, e.getSQLState());
    assertTrue(e.getMessage().contains("stored before tree models recorded them"), e.getMessage());
  }

  @Test
  void importancesOfAnotherWidthAreACorruptedPayload() {
    SQLException e = assertThrows(SQLException.class,
        () -> explain(Algorithm.DECISION_TREE, Task.REGRESSION,
            new LabelInfo("Y", "DOUBLE", List.of()), stump(new double[] {0.25, 0.25, 0.25, 0.25})));
    assertEquals("22000", e.getSQLState());
    assertTrue(e.getMessage().contains("4 importances for 3 encoded inputs"), e.getMessage());
  }

  /** A regression stump on AGE (input 0). */
  private static TreeEnsemble stump(double[] importance) {
    return new TreeEnsemble(Combination.MEAN, 0, 0, 1, new double[] {1}, new int[] {0},
        new int[] {0, -1, -1}, new double[] {45, 0, 0}, new int[] {1, -1, -1},
        new int[] {2, -1, -1}, new double[] {0, 1, 2}, importance);
  }

  /** The rows as "DETAIL CLASS CLUSTER FEATURE DETAIL_VALUE". */
  private static List<String> explain(Algorithm algorithm, Task task, LabelInfo label,
      ModelBody body) throws SQLException {
    PortableModel model = new PortableModel(algorithm, task, SIGNATURE, label, body);
    List<String> rows = new ArrayList<>();
    for (Object[] row : ModelExplanation.of(
        new StoredModel(new ModelVersion(1, "M", 1, "0"), model))) {
      rows.add(String.join(" ", Arrays.stream(row).map(String::valueOf).toList()));
    }
    return rows;
  }
}

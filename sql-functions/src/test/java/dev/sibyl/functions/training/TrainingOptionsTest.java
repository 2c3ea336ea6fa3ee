package dev.sibyl.functions.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.model.Algorithm;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing and validation of CREATE MODEL options: defaults, then one test per invalid input. */
class TrainingOptionsTest {

  private static Map<String, Object> options(Object... keysAndValues) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static SQLException fails(String sqlState, Map<String, Object> raw) {
    SQLException e = assertThrows(SQLException.class, () -> TrainingOptions.parse(raw));
    assertEquals(sqlState, e.getSQLState(), e.getMessage());
    return e;
  }

  @Test
  void logisticDefaults() throws SQLException {
    TrainingOptions o =
        TrainingOptions.parse(options("type", "Logistic_Regression", "label", "churned"));
    assertEquals(Algorithm.LOGISTIC_REGRESSION, o.algorithm());
    assertEquals("churned", o.label());
    assertEquals(0.2, o.testFraction());
    assertEquals(42L, o.seed());
    assertEquals(LogisticRegressionOptions.DEFAULTS, o.algorithmOptions());
    assertEquals(
        List.of("type", "label", "test_fraction", "seed", "split", "l2", "max_iterations", "tolerance"),
        List.copyOf(o.effective().keySet()));
    assertEquals("logistic_regression", o.effective().get("type"));
  }

  @Test
  void linearWithEveryOption() throws SQLException {
    TrainingOptions o =
        TrainingOptions.parse(
            options(
                "type", "linear_regression",
                "label", "price",
                "test_fraction", new BigDecimal("0"),
                "SEED", new BigDecimal("-7")));
    assertEquals(0.0, o.testFraction());
    assertEquals(-7L, o.seed());
    assertEquals(LinearRegressionOptions.DEFAULTS, o.algorithmOptions());
    assertEquals(
        List.of("type", "label", "test_fraction", "seed", "split"),
        List.copyOf(o.effective().keySet()));
  }

  @Test
  void penalizedRegressionDefaults() throws SQLException {
    TrainingOptions ridge = TrainingOptions.parse(options("type", "RIDGE", "label", "y"));
    assertEquals(Algorithm.RIDGE, ridge.algorithm());
    assertEquals(new RidgeOptions(1.0), ridge.algorithmOptions());
    assertEquals(List.of("type", "label", "test_fraction", "seed", "split", "l2"),
        List.copyOf(ridge.effective().keySet()));
    TrainingOptions lasso = TrainingOptions.parse(options("type", "lasso", "label", "y"));
    assertEquals(new LassoOptions(1.0, 1000, 1e-4), lasso.algorithmOptions());
    assertEquals(List.of("type", "label", "test_fraction", "seed", "split", "l1", "max_iterations",
        "tolerance"), List.copyOf(lasso.effective().keySet()));
    TrainingOptions net = TrainingOptions.parse(options("type", "elastic_net", "label", "y",
        "l1", 2, "l2", "0.5", "max_iterations", 50, "tolerance", 1e-6));
    assertEquals(new ElasticNetOptions(2, 0.5, 50, 1e-6), net.algorithmOptions());
    assertEquals(List.of("type", "label", "test_fraction", "seed", "split", "l1", "l2", "max_iterations",
        "tolerance"), List.copyOf(net.effective().keySet()));
  }

  @Test
  void ridgeNeedsAPositivePenalty() {
    SQLException e = fails(SibylErrors.INVALID_PARAMETER,
        options("type", "ridge", "label", "y", "l2", 0));
    assertEquals("Option 'l2' = 0.0 is out of range: expected a finite number > 0",
        e.getMessage());
  }

  @Test
  void lassoNeedsAPositivePenalty() {
    SQLException e = fails(SibylErrors.INVALID_PARAMETER,
        options("type", "lasso", "label", "y", "l1", -1));
    assertEquals("Option 'l1' = -1.0 is out of range: expected a finite number > 0",
        e.getMessage());
  }

  @Test
  void elasticNetNeedsBothPenaltiesPositive() {
    SQLException e = fails(SibylErrors.INVALID_PARAMETER,
        options("type", "elastic_net", "label", "y", "l2", 0));
    assertTrue(e.getMessage().startsWith("Option 'l2' = 0.0 is out of range"), e.getMessage());
  }

  @Test
  void lassoIterationsBeyondAnIntAreOutOfRange() {
    SQLException e = fails(SibylErrors.INVALID_PARAMETER,
        options("type", "lasso", "label", "y", "max_iterations", 1L << 40));
    assertEquals("Option 'max_iterations' = 1099511627776 is out of range: expected an integer"
        + " >= 1 and <= 2147483647", e.getMessage());
  }

  @Test
  void l1IsUnknownToRidge() {
    SQLException e = fails(SibylErrors.NOT_SUPPORTED,
        options("type", "ridge", "label", "y", "l1", 1));
    assertEquals("Unknown option 'l1' for type 'ridge'; known options: type, label,"
        + " test_fraction, seed, split, order_by, split_column, folds, search, search_params, trials, group_by, group_fallback, l2", e.getMessage());
  }

  @Test
  void naiveBayesDefaults() throws SQLException {
    TrainingOptions o = TrainingOptions.parse(options("type", "naive_bayes", "label", "y"));
    assertEquals(Algorithm.NAIVE_BAYES, o.algorithm());
    assertEquals(new NaiveBayesOptions(1.0, 1e-9), o.algorithmOptions());
    assertEquals(List.of("type", "label", "test_fraction", "seed", "split", "category_smoothing",
        "var_smoothing"), List.copyOf(o.effective().keySet()));
  }

  @Test
  void naiveBayesNeedsPositiveSmoothing() {
    SQLException e = fails(SibylErrors.INVALID_PARAMETER,
        options("type", "naive_bayes", "label", "y", "var_smoothing", 0));
    assertEquals("Option 'var_smoothing' = 0.0 is out of range: expected a finite number > 0",
        e.getMessage());
    e = fails(SibylErrors.INVALID_PARAMETER,
        options("type", "naive_bayes", "label", "y", "category_smoothing", "-0.5"));
    assertEquals("Option 'category_smoothing' = -0.5 is out of range: expected a finite number"
        + " > 0", e.getMessage());
  }

  @Test
  void kmeansDefaultsHaveNoLabelAndHoldNothingOut() throws SQLException {
    TrainingOptions o = TrainingOptions.parse(options("type", "KMeans", "k", 4));
    assertEquals(Algorithm.KMEANS, o.algorithm());
    assertEquals(null, o.label());
    assertEquals(0.0, o.testFraction());
    assertEquals(new KMeansOptions(4, 100, 1e-4, 10), o.algorithmOptions());
    assertEquals(List.of("type", "test_fraction", "seed", "split", "k", "max_iterations", "tolerance",
        "runs"), List.copyOf(o.effective().keySet()));
    assertEquals(0.25, TrainingOptions.parse(
        options("type", "kmeans", "k", 2, "test_fraction", 0.25)).testFraction());
  }

  @Test
  void kmeansWithALabelIsRefused() {
    SQLException e = fails(SibylErrors.NOT_SUPPORTED,
        options("type", "kmeans", "k", 3, "label", "segment"));
    assertEquals("Option 'label' does not apply to type 'kmeans': it learns from every column"
        + " of the query without a label; remove the option", e.getMessage());
  }

  @Test
  void kmeansNeedsK() {
    SQLException e = fails(SibylErrors.SYNTAX, options("type", "kmeans"));
    assertEquals("CREATE MODEL needs option 'k' (the number of clusters, an integer >= 2)",
        e.getMessage());
  }

  @Test
  void kmeansNeedsAtLeastTwoClusters() {
    SQLException e = fails(SibylErrors.INVALID_PARAMETER, options("type", "kmeans", "k", 1));
    assertEquals("Option 'k' = 1 is out of range: expected an integer >= 2 and <= 2147483647",
        e.getMessage());
  }

  @Test
  void kmeansRunsAreBounded() {
    SQLException e = fails(SibylErrors.INVALID_PARAMETER,
        options("type", "kmeans", "k", 2, "runs", 0));
    assertEquals("Option 'runs' = 0 is out of range: expected an integer >= 1 and <= 1000",
        e.getMessage());
  }

  @Test
  void kmeansKnowsNoLabelInItsOptionList() {
    SQLException e = fails(SibylErrors.NOT_SUPPORTED,
        options("type", "kmeans", "k", 2, "l2", 1));
    assertEquals("Unknown option 'l2' for type 'kmeans'; known options: type, test_fraction,"
        + " seed, split, order_by, split_column, folds, search, search_params, trials, group_by, group_fallback, k, max_iterations, tolerance, runs", e.getMessage());
  }

  @Test
  void linearSvmDefaults() throws SQLException {
    TrainingOptions o = TrainingOptions.parse(options("type", "linear_svm", "label", "y"));
    assertEquals(new LinearSvmOptions(1.0, 1e-3, 1), o.algorithmOptions());
    assertEquals(List.of("type", "label", "test_fraction", "seed", "split", "c", "tolerance", "epochs"),
        List.copyOf(o.effective().keySet()));
  }

  @Test
  void linearSvmBounds() {
    SQLException e = fails(SibylErrors.INVALID_PARAMETER,
        options("type", "linear_svm", "label", "y", "c", 0));
    assertEquals("Option 'c' = 0.0 is out of range: expected a finite number > 0",
        e.getMessage());
    e = fails(SibylErrors.INVALID_PARAMETER,
        options("type", "linear_svm", "label", "y", "epochs", 1001));
    assertEquals("Option 'epochs' = 1001 is out of range: expected an integer >= 1 and <= 1000",
        e.getMessage());
  }

  @Test
  void mlpDefaults() throws SQLException {
    TrainingOptions o = TrainingOptions.parse(options("type", "mlp", "label", "y"));
    assertEquals(new MlpOptions("auto", List.of(32), "relu", 200, 32, 0.01, 0.9, 0),
        o.algorithmOptions());
    assertEquals(java.util.Optional.empty(), o.algorithmOptions().fixedTask());
    assertEquals(List.of("type", "label", "test_fraction", "seed", "split", "task", "hidden_layers",
        "activation", "epochs", "batch_size", "learning_rate", "momentum", "weight_decay"),
        List.copyOf(o.effective().keySet()));
    assertEquals("32", o.effective().get("hidden_layers"));
  }

  @Test
  void mlpTaskAndLayersAreParsed() throws SQLException {
    MlpOptions o = (MlpOptions) TrainingOptions.parse(options("type", "mlp", "label", "y",
        "task", "Regression", "hidden_layers", "64, 16", "activation", "sigmoid"))
        .algorithmOptions();
    assertEquals(java.util.Optional.of(dev.sibyl.registry.model.Task.REGRESSION), o.fixedTask());
    assertEquals(List.of(64, 16), o.hiddenLayers());
    assertEquals("sigmoid", o.activation());
  }

  @Test
  void mlpBadLayerList() {
    SQLException e = fails(SibylErrors.INVALID_PARAMETER,
        options("type", "mlp", "label", "y", "hidden_layers", "64,,8"));
    assertEquals("Option 'hidden_layers' = '64,,8' is not valid: expected layer sizes separated"
        + " by commas, e.g. '64,32'", e.getMessage());
    e = fails(SibylErrors.INVALID_PARAMETER,
        options("type", "mlp", "label", "y", "hidden_layers", "64,0"));
    assertEquals("Option 'hidden_layers' = '64,0' is out of range: expected 1 to 16 layer sizes,"
        + " each an integer >= 1 and <= 100000", e.getMessage());
  }

  @Test
  void mlpUnknownActivationOrTask() {
    SQLException e = fails(SibylErrors.INVALID_PARAMETER,
        options("type", "mlp", "label", "y", "activation", "swish"));
    assertEquals("Option 'activation' = swish is not valid: expected one of relu, tanh, sigmoid",
        e.getMessage());
    e = fails(SibylErrors.INVALID_PARAMETER,
        options("type", "mlp", "label", "y", "task", "clustering"));
    assertEquals("Option 'task' = clustering is not valid: expected one of auto,"
        + " classification, regression", e.getMessage());
  }

  @Test
  void mlpWeightDecayIsBoundedByTheLearningRate() {
    SQLException e = fails(SibylErrors.INVALID_PARAMETER,
        options("type", "mlp", "label", "y", "learning_rate", 0.5, "weight_decay", 0.2));
    assertEquals("Option 'weight_decay' = 0.2 is out of range: expected at most 0.05 /"
        + " learning_rate = 0.1 (Smile shrinks the weights by at most 10 % a step)",
        e.getMessage());
    e = fails(SibylErrors.INVALID_PARAMETER,
        options("type", "mlp", "label", "y", "momentum", 1));
    assertEquals("Option 'momentum' = 1.0 is out of range: expected a number >= 0 and < 1",
        e.getMessage());
  }

  @Test
  void numbersMayBeGivenAsTextOrAnyNumberType() throws SQLException {
    TrainingOptions o =
        TrainingOptions.parse(
            options(
                "type", "logistic_regression", "label", "y", "test_fraction", "0.5",
                "l2", 0, "max_iterations", 20L, "tolerance", 1e-3));
    assertEquals(new LogisticRegressionOptions(0, 20, 1e-3), o.algorithmOptions());
    assertEquals(0.5, o.testFraction());
  }

  @Test
  void missingType() {
    SQLException e = fails(SibylErrors.SYNTAX, options("label", "y"));
    assertTrue(e.getMessage().contains("'type'"), e.getMessage());
  }

  @Test
  void missingLabel() {
    SQLException e = fails(SibylErrors.SYNTAX, options("type", "linear_regression"));
    assertTrue(e.getMessage().contains("'label'"), e.getMessage());
  }

  @Test
  void unknownType() {
    SQLException e = fails(SibylErrors.NOT_SUPPORTED, options("type", "svm", "label", "y"));
    assertTrue(e.getMessage().contains("'svm'"), e.getMessage());
    assertTrue(e.getMessage().contains("logistic_regression"), e.getMessage());
  }

  @Test
  void unknownOption() {
    SQLException e =
        fails(SibylErrors.NOT_SUPPORTED, options("type", "linear_regression", "label", "y",
            "trees", 10));
    assertTrue(e.getMessage().contains("'trees'"), e.getMessage());
    assertTrue(e.getMessage().contains("type, label, test_fraction, seed"), e.getMessage());
  }

  @Test
  void optionOfTheOtherAlgorithmIsUnknown() {
    SQLException e =
        fails(SibylErrors.NOT_SUPPORTED, options("type", "linear_regression", "label", "y",
            "l2", 1));
    assertTrue(e.getMessage().contains("'l2'"), e.getMessage());
    assertTrue(e.getMessage().contains("'linear_regression'"), e.getMessage());
  }

  @Test
  void testFractionOfOneIsOutOfRange() {
    SQLException e =
        fails(SibylErrors.INVALID_PARAMETER, options("type", "linear_regression", "label", "y",
            "test_fraction", BigDecimal.ONE));
    assertEquals(
        "Option 'test_fraction' = 1.0 is out of range: expected a number >= 0 and < 1",
        e.getMessage());
  }

  @Test
  void negativeL2IsOutOfRange() {
    SQLException e =
        fails(SibylErrors.INVALID_PARAMETER, options("type", "logistic_regression", "label", "y",
            "l2", -1));
    assertEquals(
        "Option 'l2' = -1.0 is out of range: expected a finite number >= 0", e.getMessage());
  }

  @Test
  void zeroIterationsIsOutOfRange() {
    SQLException e =
        fails(SibylErrors.INVALID_PARAMETER, options("type", "logistic_regression", "label", "y",
            "max_iterations", 0));
    assertTrue(e.getMessage().startsWith("Option 'max_iterations' = 0 is out of range"),
        e.getMessage());
  }

  @Test
  void zeroToleranceIsOutOfRange() {
    SQLException e =
        fails(SibylErrors.INVALID_PARAMETER, options("type", "logistic_regression", "label", "y",
            "tolerance", 0));
    assertTrue(e.getMessage().startsWith("Option 'tolerance' = 0.0 is out of range"),
        e.getMessage());
  }

  @Test
  void textForANumberIsABadValue() {
    SQLException e =
        fails(SibylErrors.INVALID_PARAMETER, options("type", "linear_regression", "label", "y",
            "test_fraction", "a lot"));
    assertEquals(
        "Option 'test_fraction' = a lot is not valid: expected a number", e.getMessage());
  }

  @Test
  void fractionalSeedIsABadValue() {
    SQLException e =
        fails(SibylErrors.INVALID_PARAMETER, options("type", "linear_regression", "label", "y",
            "seed", new BigDecimal("1.5")));
    assertTrue(e.getMessage().contains("'seed'"), e.getMessage());
    assertTrue(e.getMessage().contains("an integer"), e.getMessage());
  }

  @Test
  void booleanForAnIntegerIsABadValue() {
    SQLException e =
        fails(SibylErrors.INVALID_PARAMETER, options("type", "logistic_regression", "label", "y",
            "max_iterations", Boolean.TRUE));
    assertTrue(e.getMessage().contains("'max_iterations'"), e.getMessage());
  }

  @Test
  void numberForALabelIsABadValue() {
    SQLException e =
        fails(SibylErrors.INVALID_PARAMETER, options("type", "linear_regression", "label",
            BigDecimal.TEN));
    assertTrue(e.getMessage().contains("'label'"), e.getMessage());
  }
}

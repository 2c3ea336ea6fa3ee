package dev.sibyl.functions.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.model.Algorithm;
import dev.sibyl.registry.model.Task;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tree algorithms' options: defaults and every option given, then one test per bad value. */
class TreeOptionsTest {

  private static Map<String, Object> options(Object... keysAndValues) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static SQLException fails(String sqlState, String expectedMessage, Object... options) {
    SQLException e =
        assertThrows(SQLException.class, () -> TrainingOptions.parse(options(options)));
    assertEquals(sqlState, e.getSQLState(), e.getMessage());
    assertEquals(expectedMessage, e.getMessage());
    return e;
  }

  @Test
  void decisionTreeDefaults() throws SQLException {
    TrainingOptions o = TrainingOptions.parse(options("type", "Decision_Tree", "label", "y"));
    assertEquals(Algorithm.DECISION_TREE, o.algorithm());
    assertEquals(DecisionTreeOptions.DEFAULTS, o.algorithmOptions());
    assertEquals(Map.of("task", "auto", "max_depth", 20, "max_nodes", 0, "min_node_size", 5,
        "split_rule", "gini"), o.algorithmOptions().asMap());
    assertEquals(List.of("type", "label", "test_fraction", "seed", "split", "task", "max_depth",
        "max_nodes", "min_node_size", "split_rule"), List.copyOf(o.effective().keySet()));
  }

  @Test
  void randomForestDefaults() throws SQLException {
    TrainingOptions o = TrainingOptions.parse(options("type", "random_forest", "label", "y"));
    assertEquals(RandomForestOptions.DEFAULTS, o.algorithmOptions());
    assertEquals(List.of("task", "trees", "max_depth", "max_nodes", "min_node_size", "mtry",
        "subsample", "split_rule"), List.copyOf(o.algorithmOptions().asMap().keySet()));
    assertEquals(100, o.algorithmOptions().asMap().get("trees"));
  }

  @Test
  void gradientBoostingDefaults() throws SQLException {
    TrainingOptions o =
        TrainingOptions.parse(options("type", "gradient_boosting", "label", "y"));
    GradientBoostingOptions boosting = (GradientBoostingOptions) o.algorithmOptions();
    assertEquals(GradientBoostingOptions.DEFAULTS, boosting);
    assertEquals(100, boosting.trees());
    assertEquals(3, boosting.maxDepth());
    assertEquals(4, boosting.smileMaxDepth(), "Smile also counts the leaf level");
    assertEquals(0.1, boosting.shrinkage());
    assertEquals(1.0, boosting.subsample());
    assertEquals(List.of("task", "trees", "max_depth", "max_nodes", "min_node_size", "shrinkage",
        "subsample"), List.copyOf(boosting.asMap().keySet()));
  }

  @Test
  void everyForestOptionAsTextOrNumber() throws SQLException {
    TrainingOptions o = TrainingOptions.parse(options("type", "random_forest", "label", "y",
        "task", "Classification", "trees", "7", "max_depth", 4L, "max_nodes", new BigDecimal(9),
        "min_node_size", 2, "mtry", 3, "subsample", "0.5", "split_rule", "ENTROPY"));
    assertEquals(new RandomForestOptions(Task.CLASSIFICATION, 7, 4, 9, 2, 3, 0.5,
        TreeSplitRule.ENTROPY), o.algorithmOptions());
    assertEquals("classification", o.effective().get("task"));
    assertEquals("entropy", o.effective().get("split_rule"));
  }

  @Test
  void everyBoostingOption() throws SQLException {
    TrainingOptions o = TrainingOptions.parse(options("type", "gradient_boosting", "label", "y",
        "task", "regression", "trees", 10, "max_depth", 6, "max_nodes", 20,
        "min_node_size", 1, "shrinkage", 0.05, "subsample", 0.7));
    assertEquals(new GradientBoostingOptions(Task.REGRESSION, 10, 6, 20, 1, 0.05, 0.7),
        o.algorithmOptions());
  }

  @Test
  void noLeafLimitMeansTheRowCount() {
    assertEquals(1234, DecisionTreeOptions.DEFAULTS.smileMaxNodes(1234));
    assertEquals(2, DecisionTreeOptions.DEFAULTS.smileMaxNodes(1));
    assertEquals(9, new DecisionTreeOptions(null, 3, 9, 5, null).smileMaxNodes(1234));
  }

  @Test
  void unknownTask() {
    fails(SibylErrors.INVALID_PARAMETER,
        "Option 'task' = 'clustering' is not valid: expected 'classification' or 'regression'",
        "type", "decision_tree", "label", "y", "task", "clustering");
  }

  @Test
  void taskIsNotAnOptionOfLinearRegression() {
    SQLException e = assertThrows(SQLException.class, () -> TrainingOptions.parse(
        options("type", "linear_regression", "label", "y", "task", "regression")));
    assertEquals(SibylErrors.NOT_SUPPORTED, e.getSQLState());
    assertTrue(e.getMessage().startsWith("Unknown option 'task'"), e.getMessage());
  }

  @Test
  void zeroDepth() {
    fails(SibylErrors.INVALID_PARAMETER,
        "Option 'max_depth' = 0 is out of range: expected an integer >= 1 and <= 1000",
        "type", "decision_tree", "label", "y", "max_depth", 0);
  }

  @Test
  void depthAboveTheLimit() {
    fails(SibylErrors.INVALID_PARAMETER,
        "Option 'max_depth' = 1001 is out of range: expected an integer >= 1 and <= 1000",
        "type", "gradient_boosting", "label", "y", "max_depth", 1001);
  }

  @Test
  void oneLeaf() {
    fails(SibylErrors.INVALID_PARAMETER, "Option 'max_nodes' = 1 is out of range: expected 0"
        + " (no limit) or an integer >= 2 and <= 2147483647",
        "type", "random_forest", "label", "y", "max_nodes", 1);
  }

  @Test
  void emptyLeaves() {
    fails(SibylErrors.INVALID_PARAMETER,
        "Option 'min_node_size' = 0 is out of range: expected an integer >= 1 and <= 2147483647",
        "type", "decision_tree", "label", "y", "min_node_size", 0);
  }

  @Test
  void noTrees() {
    fails(SibylErrors.INVALID_PARAMETER,
        "Option 'trees' = 0 is out of range: expected an integer >= 1 and <= 10000",
        "type", "random_forest", "label", "y", "trees", 0);
  }

  @Test
  void tooManyTrees() {
    fails(SibylErrors.INVALID_PARAMETER,
        "Option 'trees' = 10001 is out of range: expected an integer >= 1 and <= 10000",
        "type", "gradient_boosting", "label", "y", "trees", 10_001);
  }

  @Test
  void fractionalTrees() {
    fails(SibylErrors.INVALID_PARAMETER,
        "Option 'trees' = 2.5 is not valid: expected an integer",
        "type", "random_forest", "label", "y", "trees", new BigDecimal("2.5"));
  }

  @Test
  void negativeMtry() {
    fails(SibylErrors.INVALID_PARAMETER,
        "Option 'mtry' = -1 is out of range: expected an integer >= 0 and <= 2147483647",
        "type", "random_forest", "label", "y", "mtry", -1);
  }

  @Test
  void zeroSubsample() {
    fails(SibylErrors.INVALID_PARAMETER,
        "Option 'subsample' = 0.0 is out of range: expected a number > 0 and <= 1",
        "type", "random_forest", "label", "y", "subsample", 0);
  }

  @Test
  void subsampleAboveOne() {
    fails(SibylErrors.INVALID_PARAMETER,
        "Option 'subsample' = 1.5 is out of range: expected a number > 0 and <= 1",
        "type", "gradient_boosting", "label", "y", "subsample", 1.5);
  }

  @Test
  void zeroShrinkage() {
    fails(SibylErrors.INVALID_PARAMETER,
        "Option 'shrinkage' = 0.0 is out of range: expected a number > 0 and <= 1",
        "type", "gradient_boosting", "label", "y", "shrinkage", 0);
  }

  @Test
  void shrinkageAboveOne() {
    fails(SibylErrors.INVALID_PARAMETER,
        "Option 'shrinkage' = 2.0 is out of range: expected a number > 0 and <= 1",
        "type", "gradient_boosting", "label", "y", "shrinkage", 2);
  }

  @Test
  void unknownSplitRule() {
    fails(SibylErrors.INVALID_PARAMETER,
        "Option 'split_rule' = 'variance' is not valid: expected 'gini' or 'entropy'",
        "type", "decision_tree", "label", "y", "split_rule", "variance");
  }

  @Test
  void splitRuleIsNotAnOptionOfBoosting() {
    fails(SibylErrors.NOT_SUPPORTED, "Unknown option 'split_rule' for type 'gradient_boosting';"
        + " known options: type, label, test_fraction, seed, split, order_by, split_column, folds, search, search_params, trials, group_by, group_fallback"
        + ", task, trees, max_depth, max_nodes,"
        + " min_node_size, shrinkage, subsample",
        "type", "gradient_boosting", "label", "y", "split_rule", "gini");
  }

  @Test
  void shrinkageIsNotAnOptionOfForests() {
    fails(SibylErrors.NOT_SUPPORTED, "Unknown option 'shrinkage' for type 'random_forest';"
        + " known options: type, label, test_fraction, seed, split, order_by, split_column, folds, search, search_params, trials, group_by, group_fallback"
        + ", task, trees, max_depth, max_nodes,"
        + " min_node_size, mtry, subsample, split_rule",
        "type", "random_forest", "label", "y", "shrinkage", 0.1);
  }

  @Test
  void treesIsNotAnOptionOfASingleTree() {
    fails(SibylErrors.NOT_SUPPORTED, "Unknown option 'trees' for type 'decision_tree';"
        + " known options: type, label, test_fraction, seed, split, order_by, split_column, folds, search, search_params, trials, group_by, group_fallback"
        + ", task, max_depth, max_nodes,"
        + " min_node_size, split_rule",
        "type", "decision_tree", "label", "y", "trees", 10);
  }
}

package dev.sibyl.functions.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sibyl.functions.scoring.Scorer;
import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.format.ModelCodec;
import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.FeatureKind;
import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.Task;
import dev.sibyl.registry.model.TreeEnsemble;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Training the tree algorithms end to end from an H2 result set: how the task is chosen, what the
 * model holds, reproducibility, then one test per error.
 */
class TreeTrainingTest {
  private static final String[] TYPES = {"decision_tree", "random_forest", "gradient_boosting"};

  private Connection connection;

  @BeforeEach
  void createTable() throws SQLException {
    connection = H2Tables.open();
    H2Tables.execute(connection, "CREATE TABLE t(id INTEGER, a DOUBLE, plan VARCHAR,"
        + " amount DOUBLE, tier VARCHAR, churned BOOLEAN, stars INTEGER)");
    Random random = new Random(11);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      double a = random.nextGaussian();
      String plan = random.nextBoolean() ? "basic" : "pro";
      double amount = 10 * a + ("pro".equals(plan) ? 5 : 0) + random.nextGaussian();
      String tier = amount < -5 ? "low" : amount < 5 ? "mid" : "high";
      rows.add(new Object[] {i, random.nextInt(20) == 0 ? null : a, plan, amount, tier,
          amount > 2, i % 150});
    }
    H2Tables.insert(connection, "t", rows);
  }

  @AfterEach
  void closeDatabase() throws SQLException {
    connection.close();
  }

  private TrainingResult train(String sql, Object... options) throws SQLException {
    Map<String, Object> raw = new LinkedHashMap<>();
    for (int i = 0; i < options.length; i += 2) {
      raw.put((String) options[i], options[i + 1]);
    }
    TrainingOptions parsed = TrainingOptions.parse(raw);
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      return new ModelTrainer().train("m", parsed, rows);
    }
  }

  private SQLException trainingFails(String sqlState, String sql, Object... options) {
    SQLException e = assertThrows(SQLException.class, () -> train(sql, options));
    assertEquals(sqlState, e.getSQLState(), e.getMessage());
    return e;
  }

  @Test
  void numericLabelMeansRegression() throws SQLException {
    for (String type : TYPES) {
      TrainingResult result =
          train("SELECT a, plan, amount FROM t", "type", type, "label", "amount");
      assertEquals(Task.REGRESSION, result.model().task(), type);
      assertEquals("rmse", result.mainMetricName());
      assertTrue(result.metrics().get("r2") > 0.6, type + " r2 " + result.metrics().get("r2"));
    }
  }

  @Test
  void textAndBooleanLabelsMeanClassification() throws SQLException {
    for (String type : TYPES) {
      TrainingResult tiers = train("SELECT a, plan, tier FROM t", "type", type, "label", "tier");
      assertEquals(Task.CLASSIFICATION, tiers.model().task(), type);
      assertEquals(List.of("high", "low", "mid"), tiers.model().label().classes());
      assertTrue(tiers.mainMetric() > 0.8, type + " accuracy " + tiers.mainMetric());
      TrainingResult churn =
          train("SELECT a, plan, churned FROM t", "type", type, "label", "churned");
      assertEquals(List.of("false", "true"), churn.model().label().classes());
      assertTrue(churn.metrics().containsKey("auc"), type);
    }
  }

  @Test
  void taskOptionMakesANumericLabelAClassifier() throws SQLException {
    TrainingResult result = train("SELECT a, plan, CASE WHEN amount > 2 THEN 1 ELSE 0 END AS hi"
        + " FROM t", "type", "gradient_boosting", "label", "hi", "task", "classification");
    assertEquals(Task.CLASSIFICATION, result.model().task());
    assertEquals(List.of("0", "1"), result.model().label().classes());
    Scorer scorer = Scorer.of(result.model());
    assertEquals("1", scorer.predict(new Object[] {2.0, "pro"}));
    assertEquals("0", scorer.predict(new Object[] {-2.0, "basic"}));
    assertTrue(scorer.probability(new Object[] {2.0, "pro"}) > 0.9);
  }

  @Test
  void numbersAreNotStandardisedAndMissingOnesTakeTheMean() throws SQLException {
    TrainingResult result =
        train("SELECT a, plan, amount FROM t", "type", "decision_tree", "label", "amount");
    Feature a = result.model().signature().get(0);
    assertEquals(FeatureKind.NUMERIC, a.kind());
    assertEquals(0.0, a.center());
    assertEquals(1.0, a.scale());
    double mean = 0;
    int present = 0;
    try (Statement s = connection.createStatement();
        ResultSet rows = s.executeQuery("SELECT a FROM t WHERE a IS NOT NULL")) {
      while (rows.next()) {
        mean += rows.getDouble(1);
        present++;
      }
    }
    assertTrue(present < 300, "some values are NULL");
    assertTrue(Math.abs(a.imputeValue() - mean / present) < 0.1, "impute " + a.imputeValue());
    Scorer scorer = Scorer.of(result.model());
    assertEquals(scorer.predict(new Object[] {a.imputeValue(), "pro"}),
        scorer.predict(new Object[] {null, "pro"}));
  }

  @Test
  void maxDepthCountsSplitLevels() throws SQLException {
    TrainingResult result = train("SELECT a, plan, amount FROM t",
        "type", "decision_tree", "label", "amount", "max_depth", 2);
    TreeEnsemble tree = (TreeEnsemble) result.model().body();
    assertEquals(7, tree.nodeCount(), "a full tree of two split levels");
    assertEquals(4, Arrays.stream(tree.feature()).filter(f -> f < 0).count(), "leaves");
  }

  @Test
  void maxNodesBoundsTheLeaves() throws SQLException {
    TrainingResult result = train("SELECT a, plan, amount FROM t",
        "type", "random_forest", "label", "amount", "trees", 5, "max_nodes", 3);
    TreeEnsemble forest = (TreeEnsemble) result.model().body();
    assertEquals(5, forest.treeCount());
    assertTrue(Arrays.stream(forest.feature()).filter(f -> f < 0).count() <= 15);
  }

  @Test
  void boostingMakesOneTreePerClassPerRound() throws SQLException {
    TrainingResult result = train("SELECT a, plan, tier FROM t",
        "type", "gradient_boosting", "label", "tier", "trees", 7);
    TreeEnsemble trees = (TreeEnsemble) result.model().body();
    assertEquals(TreeEnsemble.Combination.BOOSTED_SOFTMAX, trees.combination());
    assertEquals(21, trees.treeCount());
  }

  @Test
  void sameSeedSameModelOtherSeedOtherModel() throws SQLException {
    String sql = "SELECT a, plan, tier FROM t";
    for (String type : new String[] {"random_forest", "gradient_boosting"}) {
      byte[] first = ModelCodec.encode(train(sql, "type", type, "label", "tier", "trees", 20,
          "subsample", 0.7, "seed", 5).model());
      byte[] again = ModelCodec.encode(train(sql, "type", type, "label", "tier", "trees", 20,
          "subsample", 0.7, "seed", 5).model());
      byte[] other = ModelCodec.encode(train(sql, "type", type, "label", "tier", "trees", 20,
          "subsample", 0.7, "seed", 6).model());
      assertArrayEquals(first, again, type);
      assertFalse(Arrays.equals(first, other), type);
    }
  }

  @Test
  void tinyTrainingSetsGiveASingleLeaf() throws SQLException {
    for (String type : TYPES) {
      TrainingResult result = train("SELECT a, amount FROM t WHERE id < 3",
          "type", type, "label", "amount", "test_fraction", 0);
      PortableModel model = result.model();
      TreeEnsemble trees = (TreeEnsemble) model.body();
      assertTrue(Arrays.stream(trees.feature()).allMatch(f -> f < 0), type);
      assertTrue(Double.isFinite((Double) Scorer.of(model).predict(new Object[] {1.0})), type);
    }
  }

  @Test
  void regressionOfATextLabel() {
    SQLException e = trainingFails(SibylErrors.DATATYPE_MISMATCH, "SELECT a, plan, tier FROM t",
        "type", "random_forest", "label", "tier", "task", "regression");
    assertEquals("Label 'TIER' has type CHARACTER VARYING, which random_forest with task ="
        + " 'regression' cannot predict", e.getMessage());
  }

  @Test
  void splitRuleOfARegression() {
    SQLException e = trainingFails(SibylErrors.NOT_SUPPORTED, "SELECT a, plan, amount FROM t",
        "type", "decision_tree", "label", "amount", "split_rule", "entropy");
    assertEquals("Option 'split_rule' applies to classifiers only, but model 'm' is a regression"
        + " of the numeric label 'AMOUNT'; remove the option or set task = 'classification'",
        e.getMessage());
  }

  @Test
  void mtryAboveTheInputCount() {
    SQLException e = trainingFails(SibylErrors.INVALID_PARAMETER, "SELECT a, plan, amount FROM t",
        "type", "random_forest", "label", "amount", "mtry", 4);
    assertEquals("Option 'mtry' = 4 is out of range: expected 0 (Smile's rule) or at most the 3"
        + " encoded inputs (one per numeric feature, one per category value)", e.getMessage());
  }

  @Test
  void tooManyClasses() {
    SQLException e = trainingFails(SibylErrors.DATA, "SELECT a, plan, stars FROM t",
        "type", "decision_tree", "label", "stars", "task", "classification",
        "test_fraction", 0);
    assertEquals("Cannot train model 'm': label 'STARS' has 150 classes, more than the 100 a tree"
        + " classifier supports; for a numeric label use task = 'regression'", e.getMessage());
  }

  @Test
  void singleClass() {
    SQLException e = trainingFails(SibylErrors.DATA, "SELECT a, plan, tier FROM t WHERE id < 1",
        "type", "gradient_boosting", "label", "tier");
    assertTrue(e.getMessage().contains("has a single class"), e.getMessage());
  }
}

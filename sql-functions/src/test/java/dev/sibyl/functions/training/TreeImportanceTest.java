package dev.sibyl.functions.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sibyl.registry.model.TreeEnsemble;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The feature importances tree training stores: shares of Smile's impurity decrease per encoded
 * input. The rows' label depends on X alone; NOISE and the category PLAN (inputs 1-4) are
 * independent of it, so nearly all the decrease must come from X. The reference is the Gini
 * importance as scikit-learn's {@code feature_importances_} documents it: on such data the
 * irrelevant inputs only pick up the small decreases of splits on chance patterns deep in the
 * trees, hence the 0.9 bound rather than 1.
 */
class TreeImportanceTest {
  private static final String[] TYPES = {"decision_tree", "random_forest", "gradient_boosting"};

  private Connection connection;

  @BeforeEach
  void createTable() throws SQLException {
    connection = H2Tables.open();
    H2Tables.execute(connection,
        "CREATE TABLE t(x DOUBLE, noise DOUBLE, plan VARCHAR, y DOUBLE, above BOOLEAN)");
    Random random = new Random(5);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      double x = 10 * random.nextDouble();
      rows.add(new Object[] {x, random.nextGaussian(),
          new String[] {"basic", "pro", "team"}[random.nextInt(3)], 3 * x + 2, x > 5});
    }
    H2Tables.insert(connection, "t", rows);
  }

  @AfterEach
  void closeDatabase() throws SQLException {
    connection.close();
  }

  @Test
  void regressionOnOneFeatureGivesItNearlyAllImportance() throws SQLException {
    assertXDominates("y", "SELECT x, noise, plan, y FROM t");
  }

  @Test
  void classificationOnOneFeatureGivesItNearlyAllImportance() throws SQLException {
    assertXDominates("above", "SELECT x, noise, plan, above FROM t");
  }

  /** A constant label: no tree splits, so no input has any share. */
  @Test
  void treesWithoutSplitsHaveNoImportance() throws SQLException {
    double[] shares = importance("decision_tree", "c", "SELECT x, noise, 1.0 AS c FROM t");
    assertArrayEquals(new double[] {0, 0}, shares);
  }

  /** Every tree type: five shares (X, NOISE, three PLAN categories) summing to 1, X above 0.9. */
  private void assertXDominates(String label, String sql) throws SQLException {
    for (String type : TYPES) {
      double[] shares = importance(type, label, sql);
      assertEquals(5, shares.length, type);
      assertEquals(1.0, Arrays.stream(shares).sum(), 1e-9, type);
      assertTrue(shares[0] > 0.9, type + ": X has " + Arrays.toString(shares));
    }
  }

  private double[] importance(String type, String label, String sql) throws SQLException {
    TrainingOptions options = TrainingOptions.parse(
        Map.of("type", type, "label", label, "test_fraction", 0, "seed", 3));
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      TrainingResult result = new ModelTrainer().train("m", options, rows);
      return ((TreeEnsemble) result.model().body()).importance();
    }
  }
}

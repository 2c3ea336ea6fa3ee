package dev.sibyl.functions.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sibyl.functions.scoring.Scorer;
import dev.sibyl.registry.model.Task;
import dev.sibyl.registry.model.TreeEnsemble;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quality of the tree models with their default hyperparameters, against scikit-learn 1.2.1 on the
 * same fixed split (see {@code src/test/resources/data/README.md}; the references are in the
 * project's shared data README): train with {@code test_fraction = 0} on folds 1-4, score fold 0
 * with our scorer. Thresholds, not exact figures.
 *
 * <ul>
 *   <li>iris: scikit-learn's random forest and gradient boosting both reach accuracy 1.0 on the 30
 *       held-out rows; ours must reach at least 0.99, i.e. every row. A random forest's accuracy
 *       on 30 rows moves with its seed by a row or two (3.3 points each), so the forest is judged
 *       by its mean accuracy over the seeds 1-40 (0.9925 when written: 9 of 1,200 rows wrong; at
 *       the default seed 42 it gets 29 of 30).
 *   <li>diamonds: RMSE at most 1.05 times scikit-learn's, RandomForestRegressor 551.11 and
 *       GradientBoostingRegressor 719.36.
 *   <li>a synthetic target that is a tree is learned exactly by a decision tree.
 * </ul>
 */
class TreeQualityTest {
  private static final double IRIS_REFERENCE_ACCURACY = 1.0;
  private static final double FOREST_REFERENCE_RMSE = 551.11;
  private static final double BOOSTING_REFERENCE_RMSE = 719.36;
  private static final String IRIS_FEATURES =
      "sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm";
  private static final String DIAMOND_FEATURES =
      "carat, cut, color, clarity, depth, \"table\", x, y, z";

  private static Connection data;

  @BeforeAll
  static void loadData(@TempDir Path directory) throws Exception {
    data = H2Tables.open();
    H2Tables.execute(data, "CREATE TABLE iris(row_id INTEGER, sepal_length_cm DOUBLE,"
        + " sepal_width_cm DOUBLE, petal_length_cm DOUBLE, petal_width_cm DOUBLE,"
        + " species VARCHAR, holdout_fold INTEGER)");
    H2Tables.execute(data, "INSERT INTO iris SELECT * FROM CSVREAD('"
        + resource("iris.csv") + "')");
    Path csv = directory.resolve("diamonds.csv");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(resource("diamonds.csv.gz")))) {
      Files.copy(in, csv);
    }
    H2Tables.execute(data, "CREATE TABLE diamonds(row_id INTEGER, carat DOUBLE,"
        + " cut VARCHAR, color VARCHAR, clarity VARCHAR, depth DOUBLE, \"table\" DOUBLE,"
        + " price INTEGER, x DOUBLE, y DOUBLE, z DOUBLE, holdout_fold INTEGER)");
    H2Tables.execute(data, "INSERT INTO diamonds SELECT * FROM CSVREAD('" + csv + "')");
  }

  @AfterAll
  static void closeData() throws SQLException {
    data.close();
  }

  private static Path resource(String name) throws Exception {
    return Path.of(TreeQualityTest.class.getResource("/data/" + name).toURI());
  }

  private static TrainingResult train(Connection connection, String sql, Object... options)
      throws SQLException {
    Map<String, Object> raw = new LinkedHashMap<>();
    for (int i = 0; i < options.length; i += 2) {
      raw.put((String) options[i], options[i + 1]);
    }
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      return new ModelTrainer().train("quality", TrainingOptions.parse(raw), rows);
    }
  }

  /** Held-out accuracy on iris fold 0 of a model trained on folds 1-4. */
  private static double irisAccuracy(String type, long seed) throws SQLException {
    TrainingResult result = train(data,
        "SELECT " + IRIS_FEATURES + ", species FROM iris WHERE holdout_fold <> 0",
        "type", type, "label", "species", "test_fraction", 0, "seed", seed);
    Scorer scorer = Scorer.of(result.model());
    int rows = 0;
    int right = 0;
    try (Statement statement = data.createStatement();
        ResultSet test = statement.executeQuery(
            "SELECT " + IRIS_FEATURES + ", species FROM iris WHERE holdout_fold = 0")) {
      while (test.next()) {
        Object[] features = {test.getObject(1), test.getObject(2), test.getObject(3),
            test.getObject(4)};
        rows++;
        right += scorer.predict(features).equals(test.getString(5)) ? 1 : 0;
      }
    }
    assertEquals(30, rows, "rows in fold 0");
    return (double) right / rows;
  }

  /** Held-out RMSE on diamonds fold 0 of a model trained with default options on folds 1-4. */
  private static double diamondsRmse(String type) throws SQLException {
    TrainingResult result = train(data,
        "SELECT " + DIAMOND_FEATURES + ", price FROM diamonds WHERE holdout_fold <> 0",
        "type", type, "label", "price", "test_fraction", 0);
    assertEquals(Task.REGRESSION, result.model().task());
    Scorer scorer = Scorer.of(result.model());
    double squares = 0;
    int rows = 0;
    try (Statement statement = data.createStatement();
        ResultSet test = statement.executeQuery(
            "SELECT " + DIAMOND_FEATURES + ", price FROM diamonds WHERE holdout_fold = 0")) {
      while (test.next()) {
        Object[] features = new Object[9];
        for (int i = 0; i < features.length; i++) {
          features[i] = test.getObject(i + 1);
        }
        double error = (Double) scorer.predict(features) - test.getDouble(10);
        squares += error * error;
        rows++;
      }
    }
    return Math.sqrt(squares / rows);
  }

  @Test
  void irisRandomForest() throws SQLException {
    double[] accuracies = new double[40];
    for (int seed = 1; seed <= accuracies.length; seed++) {
      accuracies[seed - 1] = irisAccuracy("random_forest", seed);
    }
    double mean = Arrays.stream(accuracies).average().orElseThrow();
    assertTrue(mean >= IRIS_REFERENCE_ACCURACY - 0.01,
        "mean held-out accuracy " + mean + " over seeds 1-40: " + Arrays.toString(accuracies));
  }

  @Test
  void irisGradientBoosting() throws SQLException {
    double accuracy = irisAccuracy("gradient_boosting", TrainingOptions.DEFAULT_SEED);
    assertTrue(accuracy >= IRIS_REFERENCE_ACCURACY - 0.01, "held-out accuracy " + accuracy);
  }

  @Test
  void diamondsRandomForest() throws SQLException {
    double rmse = diamondsRmse("random_forest");
    assertTrue(rmse <= 1.05 * FOREST_REFERENCE_RMSE, "held-out RMSE " + rmse);
  }

  @Test
  void diamondsGradientBoosting() throws SQLException {
    double rmse = diamondsRmse("gradient_boosting");
    assertTrue(rmse <= 1.05 * BOOSTING_REFERENCE_RMSE, "held-out RMSE " + rmse);
  }

  /**
   * {@code y} is a tree of three features (one of them a category) with five leaves, and a fourth
   * feature is noise: a decision tree predicts every held-out row exactly, with a few splits (the
   * greedy growth need not find the smallest tree) on the three features only.
   */
  @Test
  void decisionTreeLearnsATreeShapedTarget() throws SQLException {
    try (Connection connection = H2Tables.open()) {
      H2Tables.execute(connection,
          "CREATE TABLE shaped(x1 INTEGER, x2 INTEGER, color VARCHAR, noise DOUBLE, y DOUBLE)");
      Random random = new Random(17);
      List<Object[]> rows = new ArrayList<>();
      String[] colors = {"red", "green", "blue"};
      for (int i = 0; i < 2000; i++) {
        int x1 = random.nextInt(10);
        int x2 = random.nextInt(10);
        String color = colors[random.nextInt(3)];
        double y = "red".equals(color) && x1 <= 3 ? 10 : x2 > 5 ? 20 : 30;
        rows.add(new Object[] {x1, x2, color, random.nextGaussian(), y});
      }
      H2Tables.insert(connection, "shaped", rows);
      TrainingResult result = train(connection, "SELECT x1, x2, color, noise, y FROM shaped",
          "type", "decision_tree", "label", "y", "test_fraction", 0.25);
      assertEquals(500, result.heldOutRows());
      assertEquals(0.0, result.metrics().get("rmse"), 1e-9, "held-out RMSE");
      // Encoded inputs: 0 x1, 1 x2, 2-4 color blue/green/red (one-hot), 5 noise.
      TreeEnsemble tree = (TreeEnsemble) result.model().body();
      int[] splits = Arrays.stream(tree.feature()).filter(f -> f >= 0).toArray();
      assertTrue(splits.length <= 7, splits.length + " splits for a target of 4");
      assertTrue(Arrays.stream(splits).allMatch(f -> f == 0 || f == 1 || f == 4),
          "splits only on x1, x2 and color = 'red': " + Arrays.toString(splits));
    }
  }
}

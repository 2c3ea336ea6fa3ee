package dev.sibyl.functions.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.TrainingTrial;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Held-out splits by order and by marker column, k-fold cross-validation and hyperparameter
 * search, trained end to end from H2 result sets; metrics are checked against values worked out
 * independently of the trainer.
 */
class CrossValidationTest {
  private Connection connection;

  @BeforeEach
  void openDatabase() throws SQLException {
    connection = H2Tables.open();
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

  private SQLException fails(String sqlState, String sql, Object... options) {
    SQLException e = assertThrows(SQLException.class, () -> train(sql, options));
    assertEquals(sqlState, e.getSQLState(), e.getMessage());
    return e;
  }

  private static void assertMentions(SQLException e, String... words) {
    for (String word : words) {
      assertTrue(e.getMessage().contains(word), () -> "'" + word + "' not in: " + e.getMessage());
    }
  }

  /** Rows 1..n with x = id, a constant c, y = id, a date seen_on, and part = 'test' for id > n - 3. */
  private void createRows(int n) throws SQLException {
    H2Tables.execute(connection, "CREATE TABLE t AS SELECT X AS id, CAST(X AS DOUBLE) AS x,"
        + " 1.0 AS c, CAST(X * X AS DOUBLE) AS y, DATEADD(DAY, -X, DATE '2026-01-01') AS seen_on,"
        + " CASE WHEN X > " + (n - 3) + " THEN 'test' ELSE 'train' END AS part,"
        + " MOD(X, 2) = 0 AS even FROM SYSTEM_RANGE(1, " + n + ")");
  }

  @Test
  void foldsPartitionTheTrainingRowsInNearlyEqualParts() throws SQLException {
    int[] training = IntStream.range(0, 23).map(i -> i * 2).toArray();
    List<HoldoutSplit> folds = CrossValidation.folds("m", training, 5, 7);
    assertEquals(5, folds.size());
    int[] all = folds.stream().flatMapToInt(f -> Arrays.stream(f.heldOut())).sorted().toArray();
    assertArrayEquals(training, all, "each training row is held out exactly once");
    for (HoldoutSplit fold : folds) {
      assertTrue(fold.heldOut().length == 4 || fold.heldOut().length == 5);
      assertEquals(23, fold.heldOut().length + fold.training().length);
    }
    assertEquals(folds.get(2).heldOut().length,
        CrossValidation.folds("m", training, 5, 7).get(2).heldOut().length);
    assertArrayEquals(folds.get(2).heldOut(),
        CrossValidation.folds("m", training, 5, 7).get(2).heldOut(), "seeded");
  }

  @Test
  void lastSplitHoldsOutTheLatestRowsAndDropsTheOrderColumn() throws SQLException {
    createRows(10);
    // The day runs backwards from id, so the last 30% by day are ids 1..3, whose y are 1, 4, 9.
    TrainingResult result = train("SELECT c, y, seen_on FROM t", "type", "linear_regression",
        "label", "y", "split", "last", "order_by", "SEEN_ON", "test_fraction", 0.3);
    assertEquals(7, result.trainingRows());
    assertEquals(3, result.heldOutRows());
    assertEquals(List.of("C"), result.model().signature().features().stream()
        .map(f -> f.name()).toList());
    // A constant feature predicts the mean of the training labels: (16+25+...+100) / 7.
    double mean = IntStream.rangeClosed(4, 10).map(i -> i * i).average().orElseThrow();
    double rmse = Math.sqrt(IntStream.of(1, 4, 9).mapToDouble(y -> (y - mean) * (y - mean))
        .sum() / 3);
    assertEquals(rmse, result.metrics().get("rmse"), 1e-9);
  }

  @Test
  void columnSplitHoldsOutTheMarkedRows() throws SQLException {
    createRows(10);
    TrainingResult result = train("SELECT c, y, part FROM t", "type", "linear_regression",
        "label", "y", "split", "column", "split_column", "part");
    assertEquals(7, result.trainingRows());
    assertEquals(3, result.heldOutRows());
    double mean = IntStream.rangeClosed(1, 7).map(i -> i * i).average().orElseThrow();
    double rmse = Math.sqrt(IntStream.of(64, 81, 100)
        .mapToDouble(y -> (y - mean) * (y - mean)).sum() / 3);
    assertEquals(rmse, result.metrics().get("rmse"), 1e-9);
    TrainingResult byBoolean = train("SELECT c, y, even FROM t", "type", "linear_regression",
        "label", "y", "split", "column", "split_column", "even");
    assertEquals(5, byBoolean.heldOutRows());
  }

  @Test
  void crossValidatedMetricsAreTheMeanAndSpreadOfTheFolds() throws SQLException {
    createRows(12);
    TrainingResult result = train("SELECT c, y FROM t", "type", "linear_regression",
        "label", "y", "test_fraction", 0.25, "folds", 3, "seed", 11);
    // Work out each fold's rmse by hand: the constant feature predicts the training mean.
    HoldoutSplit split = HoldoutSplit.of(12, 0.25, 11);
    double[] rmses = new double[3];
    List<HoldoutSplit> folds = CrossValidation.folds("m", split.training(), 3, 11);
    for (int f = 0; f < 3; f++) {
      double mean = Arrays.stream(folds.get(f).training()).map(r -> (r + 1) * (r + 1))
          .average().orElseThrow();
      rmses[f] = Math.sqrt(Arrays.stream(folds.get(f).heldOut())
          .mapToDouble(r -> ((r + 1) * (r + 1) - mean) * ((r + 1) * (r + 1) - mean))
          .average().orElseThrow());
    }
    double mean = Arrays.stream(rmses).average().orElseThrow();
    double stddev = Math.sqrt(Arrays.stream(rmses).map(r -> (r - mean) * (r - mean)).sum() / 3);
    assertEquals(mean, result.metrics().get("cv_rmse_mean"), 1e-9);
    assertEquals(stddev, result.metrics().get("cv_rmse_stddev"), 1e-9);
    assertTrue(stddev > 0, "the folds differ");
    assertEquals(List.of("rmse", "mae", "r2", "cv_rmse_mean", "cv_rmse_stddev", "cv_mae_mean",
        "cv_mae_stddev", "cv_r2_mean", "cv_r2_stddev"), List.copyOf(result.metrics().keySet()));
    assertEquals(9, result.trainingRows(), "the final model fits every training row");
    assertEquals(3, result.options().get("folds"));
  }

  @Test
  void aSeparableClassifierIsPerfectInEveryFold() throws SQLException {
    createRows(40);
    // Classes 1..20 and 101..120: any threshold between the classes' training rows is right.
    TrainingResult result = train(
        "SELECT CASE WHEN x > 20 THEN x + 80 ELSE x END AS x, x > 20 AS big FROM t",
        "type", "decision_tree", "label", "big", "folds", 4);
    assertEquals(1.0, result.metrics().get("cv_accuracy_mean"));
    assertEquals(0.0, result.metrics().get("cv_accuracy_stddev"));
  }

  @Test
  void gridSearchKeepsTheBestTrialAndRecordsEveryOne() throws SQLException {
    createRows(30);
    // y = x exactly: no penalty fits it, a huge one flattens the line.
    TrainingResult result = train("SELECT x, x AS y2 FROM t", "type", "ridge", "label", "y2",
        "search", "grid", "search_params", "{\"l2\": [1000000, 0.000001, 100]}");
    List<TrainingTrial> trials = result.trials();
    assertEquals(3, trials.size());
    assertEquals(List.of(false, true, false), trials.stream().map(TrainingTrial::chosen).toList());
    assertEquals("rmse", trials.get(1).metric());
    assertTrue(trials.get(1).mean() < 0.01, "rmse " + trials.get(1).mean());
    assertTrue(trials.get(0).mean() > trials.get(2).mean(), "more penalty, more error");
    assertEquals(1e-6, result.options().get("l2"));
    assertEquals("grid", result.options().get("search"));
    assertEquals(trials.get(1).mean(), result.metrics().get("cv_rmse_mean"));
    assertEquals(trials.get(1).stddev(), result.metrics().get("cv_rmse_stddev"));
    assertTrue(result.metrics().get("rmse") < 0.01);
  }

  @Test
  void kmeansSearchMinimisesInertia() throws SQLException {
    createRows(30);
    TrainingResult result = train("SELECT x, y FROM t", "type", "kmeans",
        "search", "grid", "search_params", "{\"k\": [2, 4, 3]}", "folds", 2);
    assertEquals(4, result.options().get("k"), "more clusters, less inertia");
    assertEquals("inertia", result.trials().get(0).metric());
    assertTrue(result.trials().get(1).chosen());
  }

  @Test
  void aSearchIsReproducible() throws SQLException {
    createRows(30);
    Object[] options = {"type", "logistic_regression", "label", "big", "search", "random",
        "trials", 4, "seed", 9, "search_params", "{\"l2\": {\"min\": 0.01, \"max\": 10}}"};
    String sql = "SELECT x, x > 12 AS big FROM t";
    TrainingResult first = train(sql, options);
    TrainingResult second = train(sql, options);
    List<Map<String, Object>> params = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      assertEquals(first.trials().get(i).params(), second.trials().get(i).params());
      assertEquals(first.trials().get(i).mean(), second.trials().get(i).mean());
      params.add(first.trials().get(i).params());
    }
    assertEquals(4, params.stream().distinct().count());
  }

  // ---- Errors ---------------------------------------------------------------------------------

  @Test
  void orderByNotInTheQuery() throws SQLException {
    createRows(10);
    SQLException e = fails(SibylErrors.UNDEFINED_COLUMN, "SELECT c, y FROM t",
        "type", "linear_regression", "label", "y", "split", "last", "order_by", "when");
    assertMentions(e, "'when'", "'order_by'", "C, Y");
  }

  @Test
  void splitColumnIsTheLabel() throws SQLException {
    createRows(10);
    SQLException e = fails(SibylErrors.SYNTAX, "SELECT c, y FROM t",
        "type", "linear_regression", "label", "y", "split", "column", "split_column", "Y");
    assertMentions(e, "'split_column'", "label column 'Y'");
  }

  @Test
  void orderByOfAnUnorderableType() throws SQLException {
    createRows(10);
    SQLException e = fails(SibylErrors.DATATYPE_MISMATCH, "SELECT c, y, even FROM t",
        "type", "linear_regression", "label", "y", "split", "last", "order_by", "even");
    assertMentions(e, "'EVEN'", "BOOLEAN");
  }

  @Test
  void nullOrderKeyNamesTheRow() throws SQLException {
    createRows(10);
    SQLException e = fails(SibylErrors.DATA,
        "SELECT c, y, CASE WHEN id = 4 THEN NULL ELSE seen_on END AS seen_on FROM t ORDER BY id",
        "type", "linear_regression", "label", "y", "split", "last", "order_by", "seen_on");
    assertMentions(e, "'m'", "'SEEN_ON'", "NULL in row 4");
  }

  @Test
  void unexpectedSplitMarkerNamesTheRowAndValue() throws SQLException {
    createRows(10);
    SQLException e = fails(SibylErrors.DATA,
        "SELECT c, y, CASE WHEN id = 6 THEN 'validate' ELSE part END AS part FROM t ORDER BY id",
        "type", "linear_regression", "label", "y", "split", "column", "split_column", "part");
    assertMentions(e, "'m'", "'PART'", "'validate' in row 6", "'test'", "'train'");
    e = fails(SibylErrors.DATA, "SELECT c, y, MOD(id, 3) AS part FROM t ORDER BY id",
        "type", "linear_regression", "label", "y", "split", "column", "split_column", "part");
    assertMentions(e, "is 2 in row 2");
    e = fails(SibylErrors.DATA,
        "SELECT c, y, CASE WHEN id = 1 THEN NULL ELSE even END AS part FROM t ORDER BY id",
        "type", "linear_regression", "label", "y", "split", "column", "split_column", "part");
    assertMentions(e, "is NULL in row 1");
  }

  @Test
  void everyRowMarkedForTesting() throws SQLException {
    createRows(10);
    SQLException e = fails(SibylErrors.DATA, "SELECT c, y, TRUE AS part FROM t",
        "type", "linear_regression", "label", "y", "split", "column", "split_column", "part");
    assertMentions(e, "marks all 10 rows as held out");
  }

  @Test
  void moreFoldsThanTrainingRows() throws SQLException {
    createRows(10);
    SQLException e = fails(SibylErrors.DATA, "SELECT c, y FROM t",
        "type", "linear_regression", "label", "y", "folds", 9);
    assertMentions(e, "folds = 9 needs at least 9 training rows, but there are 8");
  }

  @Test
  void aFailingFoldIsNamed() throws SQLException {
    createRows(10);
    // One positive row: the folds that train without it see a single class.
    SQLException e = fails(SibylErrors.DATA, "SELECT x, id = 3 AS pos FROM t",
        "type", "logistic_regression", "label", "pos", "test_fraction", 0, "folds", 2);
    assertMentions(e, "Cross-validation of model 'm' failed in fold", "of 2", "single class");
  }

  @Test
  void aFailingTrialIsNamed() throws SQLException {
    createRows(10);
    SQLException e = fails(SibylErrors.DATA, "SELECT x, y FROM t", "type", "kmeans",
        "search", "grid", "search_params", "{\"k\": [2, 8]}", "folds", 2);
    assertMentions(e, "trial 2 {\"k\":8} failed", "k = 8 clusters need at least 8");
    assertFalse(e.getMessage().contains("trial 1"));
  }
}

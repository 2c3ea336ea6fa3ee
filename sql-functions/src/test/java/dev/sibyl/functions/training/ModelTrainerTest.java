package dev.sibyl.functions.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sibyl.functions.scoring.Scorer;
import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.FeatureKind;
import dev.sibyl.registry.model.LinearParameters;
import dev.sibyl.registry.model.LogisticParameters;
import dev.sibyl.registry.model.PortableModel;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Training end to end from an H2 result set: synthetic checks, data rules, then the errors. */
class ModelTrainerTest {
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

  private SQLException trainingFails(String sqlState, String sql, Object... options) {
    SQLException e = assertThrows(SQLException.class, () -> train(sql, options));
    assertEquals(sqlState, e.getSQLState(), e.getMessage());
    return e;
  }

  private static void assertMentions(SQLException e, String... words) {
    for (String word : words) {
      assertTrue(e.getMessage().contains(word), () -> "'" + word + "' not in: " + e.getMessage());
    }
  }

  /** y = 3 + 2a - 0.5b + 10 [c = 'x'] + noise of at most 0.001. */
  private void createLinearTable() throws SQLException {
    H2Tables.execute(connection, "CREATE TABLE lin(a DOUBLE, b INTEGER, c VARCHAR, y DOUBLE)");
    Random random = new Random(1);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      double a = random.nextGaussian() * 5 + 1;
      int b = random.nextInt(100);
      String c = random.nextBoolean() ? "x" : "z";
      double y = 3 + 2 * a - 0.5 * b + (c.equals("x") ? 10 : 0) + (random.nextDouble() - 0.5) / 500;
      rows.add(new Object[] {a, b, c, y});
    }
    H2Tables.insert(connection, "lin", rows);
  }

  @Test
  void linearRegressionRecoversItsCoefficients() throws SQLException {
    createLinearTable();
    TrainingResult result =
        train("SELECT a, b, c, y FROM lin", "type", "linear_regression", "label", "Y");
    PortableModel model = result.model();
    LinearParameters p = (LinearParameters) model.body();
    Feature a = model.signature().get(0);
    Feature b = model.signature().get(1);
    Feature c = model.signature().get(2);
    assertEquals(List.of("x", "z"), c.categories());
    double[] w = p.weights();
    assertEquals(2, w[0] / a.scale(), 1e-3);
    assertEquals(-0.5, w[1] / b.scale(), 1e-3);
    assertEquals(10, w[2] - w[3], 1e-3);
    double interceptForZ =
        p.intercept() - w[0] * a.center() / a.scale() - w[1] * b.center() / b.scale() + w[3];
    assertEquals(3, interceptForZ, 1e-3);
    assertEquals(240, result.trainingRows());
    assertEquals(60, result.heldOutRows());
    assertEquals("rmse", result.mainMetricName());
    assertTrue(result.mainMetric() < 1e-3, "rmse " + result.mainMetric());
    assertTrue(result.metrics().get("r2") > 0.999999);
  }

  @Test
  void sameDataAndOptionsGiveTheSameModelBitForBit() throws SQLException {
    createLinearTable();
    String sql = "SELECT a, c, CASE WHEN y > 0 THEN 'up' ELSE 'down' END AS dir FROM lin";
    TrainingResult first = train(sql, "type", "logistic_regression", "label", "dir", "seed", 5);
    TrainingResult second = train(sql, "type", "logistic_regression", "label", "dir", "seed", 5);
    LogisticParameters p1 = (LogisticParameters) first.model().body();
    LogisticParameters p2 = (LogisticParameters) second.model().body();
    assertArrayEquals(p1.weightsOf(0), p2.weightsOf(0));
    assertArrayEquals(p1.intercepts(), p2.intercepts());
    assertEquals(first.metrics(), second.metrics());
  }

  @Test
  void separableBinaryProblemIsLearnt() throws SQLException {
    H2Tables.execute(connection, "CREATE TABLE sep(u DOUBLE, v DOUBLE, answer VARCHAR)");
    Random random = new Random(2);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      double u = random.nextDouble() * 2 - 1;
      double v = random.nextDouble() * 2 - 1;
      double margin = u + 2 * v;
      if (Math.abs(margin) < 0.2) {
        continue;
      }
      rows.add(new Object[] {u, v, margin > 0 ? "yes" : "no"});
    }
    H2Tables.insert(connection, "sep", rows);
    TrainingResult result =
        train("SELECT * FROM sep", "type", "logistic_regression", "label", "answer");
    assertEquals(List.of("no", "yes"), result.model().label().classes());
    assertEquals("yes", result.model().label().positiveClass());
    assertEquals(List.of("accuracy", "f1", "log_loss", "auc"),
        List.copyOf(result.metrics().keySet()));
    assertEquals("accuracy", result.mainMetricName());
    assertTrue(result.mainMetric() >= 0.98, "accuracy " + result.mainMetric());
    assertTrue(result.metrics().get("auc") >= 0.99, result.metrics().toString());
    Scorer scorer = Scorer.of(result.model());
    assertEquals("yes", scorer.predict(new Object[] {0.5, 0.5}));
    assertEquals("no", scorer.predict(new Object[] {-0.5, -0.5}));
  }

  @Test
  void zeroTestFractionMeasuresOnTheTrainingRows() throws SQLException {
    createLinearTable();
    TrainingResult result = train("SELECT a, b, c, y FROM lin",
        "type", "linear_regression", "label", "y", "test_fraction", 0);
    assertEquals(300, result.trainingRows());
    assertEquals(0, result.heldOutRows());
    assertTrue(result.metrics().get("rmse") < 1e-3);
  }

  @Test
  void nullsAreImputedSkippedOrEncodedAsNoCategory() throws SQLException {
    H2Tables.execute(connection, "CREATE TABLE n(x DOUBLE, flag BOOLEAN, y DOUBLE)");
    H2Tables.insert(connection, "n", List.of(
        new Object[] {1.0, true, 1.0},
        new Object[] {null, false, 2.0},
        new Object[] {3.0, null, 3.0},
        new Object[] {5.0, true, null},
        new Object[] {Double.NaN, false, 5.0},
        new Object[] {8.0, true, 6.0},
        new Object[] {4.0, false, 4.5}));
    TrainingResult result = train("SELECT * FROM n",
        "type", "linear_regression", "label", "y", "test_fraction", 0);
    assertEquals(1, result.skippedRows());
    assertEquals(6, result.trainingRows());
    Feature x = result.model().signature().get(0);
    assertEquals(FeatureKind.NUMERIC, x.kind());
    assertEquals((1 + 3 + 8 + 4) / 4.0, x.imputeValue(), 1e-12);
    Feature flag = result.model().signature().get(1);
    assertEquals(FeatureKind.CATEGORICAL, flag.kind());
    assertEquals(List.of("false", "true"), flag.categories());
    assertEquals("BOOLEAN", flag.sqlType());
  }

  @Test
  void encodersAreFittedOnTheTrainingRowsOnly() throws SQLException {
    HoldoutSplit split = HoldoutSplit.of(20, 0.25, 42);
    int rare = split.heldOut()[0];
    H2Tables.execute(connection, "CREATE TABLE e(x DOUBLE, c VARCHAR, y DOUBLE)");
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      rows.add(new Object[] {(double) i, i == rare ? "rare" : "common", 2.0 * i});
    }
    H2Tables.insert(connection, "e", rows);
    TrainingResult result = train("SELECT x, c, y FROM e ORDER BY x",
        "type", "linear_regression", "label", "y", "test_fraction", 0.25, "seed", 42);
    assertEquals(5, result.heldOutRows());
    assertEquals(List.of("common"), result.model().signature().get(1).categories());
    double trainingMean = 0;
    for (int row : split.training()) {
      trainingMean += row;
    }
    trainingMean /= split.training().length;
    assertEquals(trainingMean, result.model().signature().get(0).imputeValue(), 1e-12);
  }

  @Test
  void numericClassesSortNumericallyWithoutNeedlessFractions() throws SQLException {
    H2Tables.execute(connection, "CREATE TABLE k(x DOUBLE, grade DECIMAL(5, 2))");
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      rows.add(new Object[] {(double) i, i < 20 ? "10.00" : i < 40 ? "2.50" : "2"});
    }
    H2Tables.insert(connection, "k", rows);
    TrainingResult result = train("SELECT * FROM k",
        "type", "logistic_regression", "label", "grade", "test_fraction", 0);
    assertEquals(List.of("2", "2.5", "10"), result.model().label().classes());
    assertEquals(3, ((LogisticParameters) result.model().body()).rows());
  }

  @Test
  void booleanLabelsAreClasses() throws SQLException {
    TrainingResult result = train(
        "SELECT X AS v, MOD(X, 2) = 0 AS even FROM SYSTEM_RANGE(1, 40)",
        "type", "logistic_regression", "label", "even");
    assertEquals(List.of("false", "true"), result.model().label().classes());
  }

  @Test
  void interruptionCancelsTraining() {
    Thread.currentThread().interrupt();
    try {
      SQLException e = trainingFails(SibylErrors.CANCELED,
          "SELECT X AS v, X * 2 AS y FROM SYSTEM_RANGE(1, 10000)",
          "type", "linear_regression", "label", "y");
      assertMentions(e, "'m'");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void labelNotInQuery() throws SQLException {
    createLinearTable();
    SQLException e = trainingFails(SibylErrors.UNDEFINED_COLUMN, "SELECT a, b FROM lin",
        "type", "linear_regression", "label", "price");
    assertMentions(e, "'price'", "A, B");
  }

  @Test
  void unsupportedFeatureType() {
    SQLException e = trainingFails(SibylErrors.DATATYPE_MISMATCH,
        "SELECT DATE '2026-01-01' AS sold_on, 1.0 AS y",
        "type", "linear_regression", "label", "y");
    assertMentions(e, "'SOLD_ON'", "DATE");
  }

  @Test
  void textLabelCannotBeRegressed() {
    SQLException e = trainingFails(SibylErrors.DATATYPE_MISMATCH,
        "SELECT 1.0 AS x, 'a' AS y", "type", "linear_regression", "label", "y");
    assertMentions(e, "'Y'", "CHARACTER", "linear_regression");
  }

  @Test
  void dateLabelCannotBeClassified() {
    SQLException e = trainingFails(SibylErrors.DATATYPE_MISMATCH,
        "SELECT 1.0 AS x, DATE '2026-01-01' AS y",
        "type", "logistic_regression", "label", "y");
    assertMentions(e, "'Y'", "DATE", "logistic_regression");
  }

  @Test
  void emptyTrainingSet() {
    SQLException e = trainingFails(SibylErrors.DATA,
        "SELECT X AS x, X AS y FROM SYSTEM_RANGE(1, 10) WHERE X > 10",
        "type", "linear_regression", "label", "y");
    assertMentions(e, "'m'", "no rows");
  }

  @Test
  void allLabelsNull() {
    SQLException e = trainingFails(SibylErrors.DATA,
        "SELECT X AS x, CAST(NULL AS DOUBLE) AS y FROM SYSTEM_RANGE(1, 10)",
        "type", "linear_regression", "label", "y");
    assertMentions(e, "'m'", "all 10 rows", "'Y'");
  }

  @Test
  void singleClass() {
    SQLException e = trainingFails(SibylErrors.DATA,
        "SELECT X AS x, 'spam' AS y FROM SYSTEM_RANGE(1, 10)",
        "type", "logistic_regression", "label", "y");
    assertMentions(e, "'m'", "'Y'", "(spam)");
  }

  @Test
  void noFeatures() {
    SQLException e = trainingFails(SibylErrors.SYNTAX,
        "SELECT X AS y FROM SYSTEM_RANGE(1, 10)", "type", "linear_regression", "label", "y");
    assertMentions(e, "'Y'");
  }

  @Test
  void tooFewTrainingRowsAfterTheSplit() {
    SQLException e = trainingFails(SibylErrors.DATA,
        "SELECT X AS a, X * X AS b, X * X * X AS c, X AS y FROM SYSTEM_RANGE(1, 8)",
        "type", "linear_regression", "label", "y", "test_fraction", 0.5);
    assertMentions(e, "'m'", "only 4 rows", "test_fraction");
  }

  @Test
  void tooFewRowsForTheInputs() {
    SQLException e = trainingFails(SibylErrors.DATA,
        "SELECT X AS a, X * X AS b, X * X * X AS c, X AS y FROM SYSTEM_RANGE(1, 4)",
        "type", "linear_regression", "label", "y", "test_fraction", 0);
    assertMentions(e, "'m'", "4 rows for 4 inputs");
  }
}

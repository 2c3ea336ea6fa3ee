package dev.sibyl.functions.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sibyl.functions.scoring.LinearSvmScorer;
import dev.sibyl.functions.scoring.Scorer;
import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.model.Algorithm;
import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.LinearSvmParameters;
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

/**
 * A linear SVM on rows split by a known line, {@code u + 2v = 1}: "yes" above it, "no" below, a
 * gap of 0.1 either side; a category plays no part.
 */
class LinearSvmTest {
  private static final int ROWS = 1500;

  private Connection connection;

  @BeforeEach
  void createTable() throws SQLException {
    connection = H2Tables.open();
    H2Tables.execute(connection, "CREATE TABLE sides(u DOUBLE, v DOUBLE, tag VARCHAR,"
        + " side VARCHAR, kind INT)");
    Random random = new Random(6);
    List<Object[]> rows = new ArrayList<>();
    while (rows.size() < ROWS) {
      double u = random.nextDouble() * 4 - 2;
      double v = random.nextDouble() * 4 - 2;
      double margin = u + 2 * v - 1;
      if (Math.abs(margin) < 0.1) {
        continue;
      }
      rows.add(new Object[] {u, v, random.nextBoolean() ? "x" : "y",
          margin > 0 ? "yes" : "no", rows.size() % 3});
    }
    H2Tables.insert(connection, "sides", rows);
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
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      return new ModelTrainer().train("m", TrainingOptions.parse(raw), result);
    }
  }

  @Test
  void learnsTheSeparatingLine() throws SQLException {
    TrainingResult result = train("SELECT u, v, tag, side FROM sides",
        "type", "linear_svm", "label", "side", "c", 10);
    assertEquals(Algorithm.LINEAR_SVM, result.model().algorithm());
    assertEquals("yes", result.model().label().positiveClass());
    LinearSvmParameters p = (LinearSvmParameters) result.model().body();
    Feature u = result.model().signature().get(0);
    Feature v = result.model().signature().get(1);
    double[] w = p.weights();
    double wu = w[0] / u.scale();
    double wv = w[1] / v.scale();
    assertEquals(0.5, wu / wv, 0.05, "direction of u + 2v");
    double offset = p.intercept() - w[0] * u.center() / u.scale() - w[1] * v.center() / v.scale()
        + (w[2] + w[3]) / 2;
    assertEquals(-1, offset / wu, 0.1, "the line crosses u = 1 at v = 0");
    assertTrue(Math.abs(w[2] - w[3]) < 0.1 * Math.abs(w[1]), "the tag plays no part");
    assertTrue(result.metrics().get("accuracy") >= 0.99, result.metrics().toString());
    assertTrue(result.metrics().get("auc") >= 0.999, result.metrics().toString());
  }

  @Test
  void plattProbabilitiesGrowWithTheMarginAndAreCalibratedFarFromIt() throws SQLException {
    TrainingResult result = train("SELECT u, v, side FROM sides",
        "type", "linear_svm", "label", "side");
    LinearSvmScorer scorer = (LinearSvmScorer) Scorer.of(result.model());
    double previous = 0;
    for (double t = -2; t <= 2; t += 0.25) {
      double p = scorer.probability(new Object[] {1 + t, t});
      assertTrue(p >= previous, "monotone at " + t);
      previous = p;
    }
    assertTrue(scorer.probability(new Object[] {2.0, 2.0}) > 0.99);
    assertTrue(scorer.probability(new Object[] {-2.0, -2.0}) < 0.01);
    assertEquals("yes", scorer.predict(new Object[] {2.0, 2.0}));
    assertTrue(result.metrics().get("log_loss") < 0.1, result.metrics().toString());
  }

  @Test
  void moreThanTwoClassesAreRefused() {
    SQLException e = assertThrows(SQLException.class, () -> train(
        "SELECT u, v, kind FROM sides", "type", "linear_svm", "label", "kind"));
    assertEquals(SibylErrors.DATA, e.getSQLState());
    assertEquals("Cannot train model 'm': linear_svm is a binary classifier, but label 'KIND' has"
        + " 3 classes", e.getMessage());
  }

  @Test
  void theRowLimitKeepsTheKernelCacheWithinTheHeap() {
    assertEquals(1000, LinearSvmFitter.maxRows(8_000_000));
    assertEquals(28_284, LinearSvmFitter.maxRows(6_400_000_000L));
    SQLException e = SibylErrors.tooManyRowsForMemory("m", "linear_svm", 30_000, 28_284,
        LinearSvmFitter.MEMORY_LIMIT_REASON);
    assertEquals(SibylErrors.LIMIT_EXCEEDED, e.getSQLState());
    assertEquals("Cannot train model 'm': linear_svm may hold rows x rows numbers in memory"
        + " (Smile's LASVM caches a kernel row over all rows for each support vector), so this"
        + " server trains it on at most 28284 rows, not 30000; sample the training query or give"
        + " the server more memory", e.getMessage());
  }

  @Test
  void aNumericLabelIsClassified() throws SQLException {
    TrainingResult result = train("SELECT u, v, CASE WHEN side = 'yes' THEN 1 ELSE 0 END AS y"
        + " FROM sides", "type", "linear_svm", "label", "y");
    assertEquals(List.of("0", "1"), result.model().label().classes());
  }
}

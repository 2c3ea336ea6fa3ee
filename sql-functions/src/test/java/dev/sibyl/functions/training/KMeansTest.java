package dev.sibyl.functions.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sibyl.functions.scoring.CentroidScorer;
import dev.sibyl.functions.scoring.Scorer;
import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.model.Algorithm;
import dev.sibyl.registry.model.CentroidParameters;
import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.Task;
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
 * k-means on three well-separated blobs whose centres are known: (0, 0), (10, 0) and (0, 10),
 * with standard deviation 1, plus a category that follows the blob.
 */
class KMeansTest {
  private static final double[][] CENTRES = {{0, 0}, {10, 0}, {0, 10}};
  private static final String[] TAGS = {"a", "b", "c"};
  private static final int ROWS = 600;

  private Connection connection;
  private final List<Object[]> rows = new ArrayList<>();

  @BeforeEach
  void createTable() throws SQLException {
    connection = H2Tables.open();
    H2Tables.execute(connection, "CREATE TABLE blobs(u DOUBLE, v DOUBLE, tag VARCHAR, blob INT)");
    Random random = new Random(4);
    for (int i = 0; i < ROWS; i++) {
      int blob = i % 3;
      rows.add(new Object[] {CENTRES[blob][0] + random.nextGaussian(),
          CENTRES[blob][1] + random.nextGaussian(), TAGS[blob], blob});
    }
    H2Tables.insert(connection, "blobs", rows);
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

  private SQLException trainingFails(String sqlState, String sql, Object... options) {
    SQLException e = assertThrows(SQLException.class, () -> train(sql, options));
    assertEquals(sqlState, e.getSQLState(), e.getMessage());
    return e;
  }

  @Test
  void findsTheBlobs() throws SQLException {
    TrainingResult result = train("SELECT u, v, tag FROM blobs", "type", "kmeans", "k", 3);
    assertEquals(Algorithm.KMEANS, result.model().algorithm());
    assertEquals(Task.CLUSTERING, result.model().task());
    assertFalse(result.model().label().isPresent());
    assertEquals(ROWS, result.trainingRows(), "no rows are held out by default");
    assertEquals(0, result.heldOutRows());
    Feature u = result.model().signature().get(0);
    Feature v = result.model().signature().get(1);
    double[][] centroids = ((CentroidParameters) result.model().body()).centroids();
    Scorer scorer = Scorer.of(result.model());
    Object[] truth = new Object[ROWS];
    Object[] found = new Object[ROWS];
    for (int i = 0; i < ROWS; i++) {
      Object[] row = rows.get(i);
      truth[i] = row[3];
      found[i] = scorer.predict(new Object[] {row[0], row[1], row[2]});
    }
    assertEquals(1.0, AdjustedRandIndex.of(truth, found), 1e-12);
    for (int blob = 0; blob < 3; blob++) {
      int cluster = (Integer) found[blob];
      double[] centre = {centroids[cluster][0] * u.scale() + u.center(),
          centroids[cluster][1] * v.scale() + v.center()};
      assertArrayEquals(CENTRES[blob], centre, 0.2, "blob " + blob);
      assertEquals(1.0, centroids[cluster][2 + blob], 1e-12, "its tag is in every row");
    }
  }

  @Test
  void inertiaIsTheSumOfSquaredDistancesToTheNearestCentroid() throws SQLException {
    TrainingResult result = train("SELECT u, v FROM blobs", "type", "kmeans", "k", 3);
    assertEquals("inertia", result.mainMetricName());
    assertEquals(List.of("inertia"), List.copyOf(result.metrics().keySet()));
    CentroidScorer scorer = (CentroidScorer) Scorer.of(result.model());
    double sum = 0;
    for (Object[] row : rows) {
      double d = scorer.distance(new double[] {(double) row[0], (double) row[1]}, new String[0]);
      sum += d * d;
    }
    assertEquals(sum, result.mainMetric(), 1e-9 * sum);
    // Standardised, each blob has variance about 1 / 22 per axis around its centroid.
    assertEquals(ROWS * 2 / 22.2, result.mainMetric(), 0.15 * ROWS * 2 / 22.2);
  }

  @Test
  void heldOutRowsMeasureTheInertia() throws SQLException {
    TrainingResult result = train("SELECT u, v FROM blobs",
        "type", "kmeans", "k", 3, "test_fraction", 0.5);
    assertEquals(ROWS / 2, result.heldOutRows());
    assertTrue(result.mainMetric() < ROWS / 2 * 2 / 15.0, result.metrics().toString());
  }

  @Test
  void theSeedMakesItRepeatableAndMoreRunsNeverHurt() throws SQLException {
    String sql = "SELECT u, v FROM blobs";
    TrainingResult first = train(sql, "type", "kmeans", "k", 5, "seed", 9);
    TrainingResult second = train(sql, "type", "kmeans", "k", 5, "seed", 9);
    assertArrayEquals(((CentroidParameters) first.model().body()).centroids(),
        ((CentroidParameters) second.model().body()).centroids());
    TrainingResult one = train(sql, "type", "kmeans", "k", 5, "seed", 9, "runs", 1);
    assertTrue(first.mainMetric() <= one.mainMetric(), first.mainMetric() + " vs "
        + one.mainMetric());
  }

  @Test
  void kLargerThanTheRowsIsRefused() {
    SQLException e = trainingFails(SibylErrors.DATA,
        "SELECT u, v FROM blobs FETCH FIRST 3 ROWS ONLY", "type", "kmeans", "k", 5);
    assertEquals("Cannot train model 'm': k = 5 clusters need at least 5 training rows, but"
        + " there are 3", e.getMessage());
  }

  @Test
  void kLargerThanTheHeldOutSplitLeavesIsRefused() {
    SQLException e = trainingFails(SibylErrors.DATA, "SELECT X AS x FROM SYSTEM_RANGE(1, 10)",
        "type", "kmeans", "k", 6, "test_fraction", 0.5);
    assertEquals("Cannot train model 'm': k = 6 clusters need at least 6 training rows, but"
        + " there are 5", e.getMessage());
  }

  @Test
  void fewerDistinctRowsThanClustersAreRefused() {
    SQLException e = trainingFails(SibylErrors.DATA,
        "SELECT MOD(X, 2) AS x FROM SYSTEM_RANGE(1, 10)", "type", "kmeans", "k", 3);
    assertEquals("Cannot train model 'm': k = 3 clusters need at least 3 distinct training rows,"
        + " but there are 2", e.getMessage());
  }

  @Test
  void emptyQueryIsRefused() {
    SQLException e = trainingFails(SibylErrors.DATA, "SELECT u FROM blobs WHERE u > 1000",
        "type", "kmeans", "k", 2);
    assertTrue(e.getMessage().contains("no rows"), e.getMessage());
  }

  @Test
  void missingNumbersAreImputedWithTheMean() throws SQLException {
    TrainingResult result = train("SELECT CASE WHEN blob = 0 THEN NULL ELSE u END AS u, v"
        + " FROM blobs", "type", "kmeans", "k", 2);
    Feature u = result.model().signature().get(0);
    assertEquals(5.0, u.imputeValue(), 0.2, "mean of blobs 1 and 2");
  }
}

package dev.sibyl.functions.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sibyl.functions.scoring.ClassifierScorer;
import dev.sibyl.functions.scoring.Scorer;
import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.model.Algorithm;
import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.NaiveBayesParameters;
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
 * Naive Bayes on rows drawn from a known naive Bayes model: three classes with priors 0.5, 0.3,
 * 0.2; a number U, normal per class; a category COLOR, categorical per class.
 */
class NaiveBayesTest {
  private static final int ROWS = 6000;
  private static final double[] PRIORS = {0.5, 0.3, 0.2};
  private static final double[] MEANS = {-2, 0, 3};
  private static final double[] SDS = {1, 0.5, 2};
  private static final String[] COLORS = {"blue", "green", "red"};
  private static final double[][] COLOR_PROBABILITIES = {
      {0.1, 0.2, 0.7}, {0.1, 0.8, 0.1}, {0.4, 0.3, 0.3}};

  private Connection connection;
  private final List<Object[]> rows = new ArrayList<>();

  @BeforeEach
  void createTable() throws SQLException {
    connection = H2Tables.open();
    H2Tables.execute(connection, "CREATE TABLE nb(u DOUBLE, color VARCHAR, k VARCHAR)");
    Random random = new Random(8);
    for (int i = 0; i < ROWS; i++) {
      int k = draw(random, PRIORS);
      double u = MEANS[k] + SDS[k] * random.nextGaussian();
      rows.add(new Object[] {u, COLORS[draw(random, COLOR_PROBABILITIES[k])], "c" + k});
    }
    H2Tables.insert(connection, "nb", rows);
  }

  @AfterEach
  void closeDatabase() throws SQLException {
    connection.close();
  }

  private static int draw(Random random, double[] probabilities) {
    double u = random.nextDouble();
    int k = 0;
    while (k < probabilities.length - 1 && u >= probabilities[k]) {
      u -= probabilities[k++];
    }
    return k;
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
  void recoversTheParametersOfTheModelThatDrewTheRows() throws SQLException {
    TrainingResult result = train("SELECT u, color, k FROM nb",
        "type", "naive_bayes", "label", "k", "test_fraction", 0);
    assertEquals(Algorithm.NAIVE_BAYES, result.model().algorithm());
    assertEquals(List.of("c0", "c1", "c2"), result.model().label().classes());
    NaiveBayesParameters p = (NaiveBayesParameters) result.model().body();
    Feature u = result.model().signature().get(0);
    assertEquals(List.of(COLORS), result.model().signature().get(1).categories());
    assertArrayEquals(PRIORS, p.priors(), 0.02);
    for (int k = 0; k < 3; k++) {
      assertEquals(MEANS[k], p.means()[k][0] * u.scale() + u.center(), 0.1, "mean " + k);
      assertEquals(SDS[k], Math.sqrt(p.variances()[k][0]) * u.scale(), 0.1, "sd " + k);
      assertArrayEquals(COLOR_PROBABILITIES[k], p.categoryProbabilities()[k][0], 0.03);
    }
  }

  @Test
  void isAsAccurateAsTheModelThatDrewTheRows() throws SQLException {
    TrainingResult result = train("SELECT u, color, k FROM nb",
        "type", "naive_bayes", "label", "k", "test_fraction", 0);
    Scorer scorer = Scorer.of(result.model());
    int ours = 0;
    int truth = 0;
    for (Object[] row : rows) {
      String actual = (String) row[2];
      if (scorer.predict(new Object[] {row[0], row[1]}).equals(actual)) {
        ours++;
      }
      if (("c" + bayesOptimal((double) row[0], (String) row[1])).equals(actual)) {
        truth++;
      }
    }
    assertTrue(ours >= truth - ROWS / 100, ours + " right vs the true model's " + truth);
  }

  private static int bayesOptimal(double u, String color) {
    int c = List.of(COLORS).indexOf(color);
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < 3; k++) {
      double z = (u - MEANS[k]) / SDS[k];
      double score = Math.log(PRIORS[k]) - z * z / 2 - Math.log(SDS[k])
          + Math.log(COLOR_PROBABILITIES[k][c]);
      if (score > bestScore) {
        bestScore = score;
        best = k;
      }
    }
    return best;
  }

  @Test
  void aMissingNumberOrUnseenCategoryIsLeftOutOfTheProduct() throws SQLException {
    TrainingResult result = train("SELECT u, color, k FROM nb",
        "type", "naive_bayes", "label", "k", "test_fraction", 0);
    NaiveBayesParameters p = (NaiveBayesParameters) result.model().body();
    ClassifierScorer scorer = (ClassifierScorer) Scorer.of(result.model());
    double[] priors = p.priors();
    double[] posterior = new double[3];
    scorer.classProbabilities(new double[] {Double.NaN}, new String[] {"purple"}, posterior);
    assertArrayEquals(priors, posterior, 1e-12);
    scorer.classProbabilities(new double[] {Double.NaN}, new String[] {null}, posterior);
    assertArrayEquals(priors, posterior, 1e-12);
    scorer.classProbabilities(new double[] {Double.NaN}, new String[] {"red"}, posterior);
    double[] expected = new double[3];
    double sum = 0;
    for (int k = 0; k < 3; k++) {
      expected[k] = priors[k] * p.categoryProbabilities()[k][0][2];
      sum += expected[k];
    }
    for (int k = 0; k < 3; k++) {
      assertEquals(expected[k] / sum, posterior[k], 1e-12);
    }
  }

  @Test
  void missingValuesAreSkippedInTraining() throws SQLException {
    H2Tables.execute(connection, "CREATE TABLE gaps(u DOUBLE, color VARCHAR, k VARCHAR)");
    H2Tables.insert(connection, "gaps", List.of(
        new Object[] {1.0, "red", "a"}, new Object[] {3.0, null, "a"},
        new Object[] {null, "red", "a"}, new Object[] {10.0, "blue", "b"},
        new Object[] {12.0, "blue", "b"}, new Object[] {null, null, "b"}));
    TrainingResult result = train("SELECT u, color, k FROM gaps",
        "type", "naive_bayes", "label", "k", "test_fraction", 0);
    NaiveBayesParameters p = (NaiveBayesParameters) result.model().body();
    Feature u = result.model().signature().get(0);
    assertEquals(2, p.means()[0][0] * u.scale() + u.center(), 1e-9);
    assertEquals(11, p.means()[1][0] * u.scale() + u.center(), 1e-9);
    // Class a: two reds of two colors seen, smoothed over {blue, red}: (2 + 1) / (2 + 2).
    assertArrayEquals(new double[] {0.25, 0.75}, p.categoryProbabilities()[0][0], 1e-12);
    assertArrayEquals(new double[] {0.75, 0.25}, p.categoryProbabilities()[1][0], 1e-12);
    assertArrayEquals(new double[] {0.5, 0.5}, p.priors(), 1e-12);
  }

  @Test
  void smoothingOptionsAreApplied() throws SQLException {
    TrainingResult result = train("SELECT color, k FROM nb WHERE k <> 'c2'",
        "type", "naive_bayes", "label", "k", "test_fraction", 0, "category_smoothing", 1e6);
    double[] probabilities =
        ((NaiveBayesParameters) result.model().body()).categoryProbabilities()[0][0];
    assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, probabilities, 1e-3);
  }

  @Test
  void aSingleClassIsRefused() {
    SQLException e = assertThrows(SQLException.class,
        () -> train("SELECT u, k FROM nb WHERE k = 'c1'", "type", "naive_bayes", "label", "k"));
    assertEquals(SibylErrors.DATA, e.getSQLState());
    assertTrue(e.getMessage().contains("single class (c1)"), e.getMessage());
  }
}

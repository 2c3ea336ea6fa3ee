package dev.sibyl.functions.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sibyl.registry.model.Algorithm;
import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.LinearParameters;
import dev.sibyl.registry.model.PortableModel;
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
 * Ridge, lasso and elastic net on synthetic data whose true model is known: {@code y = 3 + 2a -
 * 0.5b + 10 [c = 'x'] + noise}, plus inputs that play no part (numbers z1..z3, category d).
 */
class PenalizedRegressionTest {
  private static final int ROWS = 2000;
  private static final String QUERY = "SELECT a, b, c, z1, z2, z3, d, k, y FROM lin";

  private Connection connection;

  @BeforeEach
  void createTable() throws SQLException {
    connection = H2Tables.open();
    H2Tables.execute(connection, "CREATE TABLE lin(a DOUBLE, b INTEGER, c VARCHAR, z1 DOUBLE,"
        + " z2 DOUBLE, z3 DOUBLE, d VARCHAR, k VARCHAR, y DOUBLE)");
    Random random = new Random(11);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      double a = random.nextGaussian() * 5 + 1;
      int b = random.nextInt(100);
      String c = random.nextBoolean() ? "x" : "z";
      double y = 3 + 2 * a - 0.5 * b + (c.equals("x") ? 10 : 0) + random.nextGaussian();
      rows.add(new Object[] {a, b, c, random.nextGaussian(), random.nextGaussian() * 10,
          random.nextDouble(), random.nextBoolean() ? "p" : "q", "always", y});
    }
    H2Tables.insert(connection, "lin", rows);
  }

  @AfterEach
  void closeDatabase() throws SQLException {
    connection.close();
  }

  private TrainingResult train(Object... options) throws SQLException {
    return trainOn(QUERY, options);
  }

  private TrainingResult trainOn(String sql, Object... options) throws SQLException {
    Map<String, Object> raw = new LinkedHashMap<>();
    raw.put("label", "y");
    raw.put("test_fraction", 0);
    for (int i = 0; i < options.length; i += 2) {
      raw.put((String) options[i], options[i + 1]);
    }
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      return new ModelTrainer().train("m", TrainingOptions.parse(raw), rows);
    }
  }

  /** Weights per unit of each raw feature: a, b, then c = 'x' over c = 'z'. */
  private static double[] rawEffects(PortableModel model) {
    double[] w = ((LinearParameters) model.body()).weights();
    Feature a = model.signature().get(0);
    Feature b = model.signature().get(1);
    return new double[] {w[0] / a.scale(), w[1] / b.scale(), w[2] - w[3]};
  }

  /** Encoded positions: a, b, c=x, c=z, z1, z2, z3, d=p, d=q, k=always. */
  private static double[] weights(TrainingResult result) {
    return ((LinearParameters) result.model().body()).weights();
  }

  @Test
  void ridgeRecoversTheCoefficientsOfANoisyLinearModel() throws SQLException {
    TrainingResult result = train("type", "ridge");
    assertEquals(Algorithm.RIDGE, result.model().algorithm());
    assertEquals(Task.REGRESSION, result.model().task());
    assertEffects(rawEffects(result.model()), 1);
    assertTrue(result.metrics().get("rmse") < 1.05, result.metrics().toString());
  }

  @Test
  void aConstantInputGetsWeightZero() throws SQLException {
    for (String type : List.of("ridge", "lasso", "elastic_net")) {
      TrainingResult result = train("type", type);
      assertEquals(List.of("always"), result.model().signature().get(7).categories());
      assertEquals(0.0, weights(result)[9], type);
    }
  }

  @Test
  void strongerRidgePenaltyShrinksTheWeights() throws SQLException {
    double[] weak = weights(train("type", "ridge", "l2", 1));
    double[] strong = weights(train("type", "ridge", "l2", 5000));
    assertTrue(norm(strong) < 0.8 * norm(weak), norm(strong) + " vs " + norm(weak));
  }

  @Test
  void lassoZeroesTheIrrelevantInputsExactly() throws SQLException {
    TrainingResult result = train("type", "lasso", "l1", 200);
    double[] w = weights(result);
    for (int irrelevant : new int[] {4, 5, 6, 7, 8, 9}) {
      assertEquals(0.0, w[irrelevant], "input " + irrelevant + " of " + List.of(w));
    }
    assertEffects(rawEffects(result.model()), 2);
  }

  @Test
  void elasticNetZeroesTheIrrelevantInputsAndShrinksMoreThanLasso() throws SQLException {
    double[] lasso = weights(train("type", "lasso", "l1", 200));
    TrainingResult result = train("type", "elastic_net", "l1", 400, "l2", 100);
    double[] w = weights(result);
    for (int irrelevant : new int[] {4, 5, 6, 7, 8, 9}) {
      assertEquals(0.0, w[irrelevant], "input " + irrelevant + " of " + List.of(w));
    }
    assertNotEquals(0.0, w[0]);
    assertTrue(Math.abs(w[0]) < Math.abs(lasso[0]), w[0] + " vs " + lasso[0]);
    assertTrue(result.metrics().get("r2") > 0.99, result.metrics().toString());
  }

  @Test
  void exactZerosNeverRaiseThePenalizedObjective() {
    Random random = new Random(5);
    int n = 300;
    double[][] inputs = new double[4][n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 4; j++) {
        inputs[j][i] = random.nextGaussian();
      }
      y[i] = 1 + 3 * inputs[0][i] + random.nextGaussian();
    }
    double l1 = 80;
    double l2 = 5;
    PenalizedRegressionFitter.Fit fit =
        PenalizedRegressionFitter.fit(inputs, y, new ElasticNetOptions(l1, l2, 1000, 1e-4));
    double[] smile = fit.smileWeights().weights();
    double[] stored = fit.model().weights();
    for (int j = 1; j < 4; j++) {
      assertNotEquals(0.0, smile[j], "Smile leaves a small weight");
      assertEquals(0.0, stored[j], "which becomes an exact zero");
    }
    assertEquals(smile[0], stored[0]);
    assertTrue(objective(fit.model(), inputs, y, l1, l2)
        <= objective(fit.smileWeights(), inputs, y, l1, l2));
    for (int i = 0; i < n; i++) {
      double[] x = {inputs[0][i], inputs[1][i], inputs[2][i], inputs[3][i]};
      assertEquals(predict(fit.smileWeights(), x), predict(fit.model(), x), 1e-3);
    }
  }

  @Test
  void fewerRowsThanInputsIsFine() throws SQLException {
    TrainingResult result = trainOn(QUERY + " FETCH FIRST 6 ROWS ONLY", "type", "ridge");
    assertEquals(6, result.trainingRows());
    assertTrue(Double.isFinite(result.mainMetric()));
  }

  /**
   * The effects of a, b and c are within {@code slack} times four standard errors of the truth
   * (standard errors of least squares here: 0.0045, 0.0008 and 0.045).
   */
  private static void assertEffects(double[] effects, double slack) {
    assertEquals(2, effects[0], 0.018 * slack, "a");
    assertEquals(-0.5, effects[1], 0.0032 * slack, "b");
    assertEquals(10, effects[2], 0.18 * slack, "c");
  }

  private static double predict(LinearParameters p, double[] x) {
    double[] w = p.weights();
    double sum = p.intercept();
    for (int j = 0; j < x.length; j++) {
      sum += w[j] * x[j];
    }
    return sum;
  }

  private static double objective(
      LinearParameters p, double[][] inputs, double[] y, double l1, double l2) {
    int n = y.length;
    double loss = 0;
    for (int i = 0; i < n; i++) {
      double[] x = new double[inputs.length];
      for (int j = 0; j < x.length; j++) {
        x[j] = inputs[j][i];
      }
      double r = y[i] - predict(p, x);
      loss += r * r;
    }
    double[] w = p.weights();
    for (int j = 0; j < w.length; j++) {
      double mean = 0;
      for (double v : inputs[j]) {
        mean += v / n;
      }
      double squares = 0;
      for (double v : inputs[j]) {
        squares += (v - mean) * (v - mean);
      }
      double standardised = w[j] * Math.sqrt(squares / n);
      loss += l1 * Math.abs(standardised) + l2 * standardised * standardised;
    }
    return loss;
  }

  private static double norm(double[] w) {
    double sum = 0;
    for (double v : w) {
      sum += v * v;
    }
    return Math.sqrt(sum);
  }
}

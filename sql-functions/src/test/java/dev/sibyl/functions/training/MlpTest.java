package dev.sibyl.functions.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.model.Algorithm;
import dev.sibyl.registry.model.NeuralNetworkParameters;
import dev.sibyl.registry.model.NeuralNetworkParameters.Activation;
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
 * The neural network on shapes a linear model cannot learn: a disc ({@code u² + v² < 1.5} is
 * "in") and a surface {@code y = sin(2u) + v² + noise} with noise of standard deviation 0.1.
 */
class MlpTest {
  private Connection connection;

  @BeforeEach
  void createTable() throws SQLException {
    connection = H2Tables.open();
    H2Tables.execute(connection, "CREATE TABLE ring(u DOUBLE, v DOUBLE, inside VARCHAR,"
        + " y DOUBLE, band INT)");
    Random random = new Random(3);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      double u = random.nextDouble() * 4 - 2;
      double v = random.nextDouble() * 4 - 2;
      double r = u * u + v * v;
      rows.add(new Object[] {u, v, r < 1.5 ? "in" : "out",
          Math.sin(2 * u) + v * v + random.nextGaussian() * 0.1, r < 1 ? 0 : r < 3 ? 1 : 2});
    }
    H2Tables.insert(connection, "ring", rows);
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
  void learnsADiscThatLogisticRegressionCannot() throws SQLException {
    TrainingResult mlp =
        train("SELECT u, v, inside FROM ring", "type", "mlp", "label", "inside");
    assertEquals(Algorithm.MLP, mlp.model().algorithm());
    assertEquals(Task.CLASSIFICATION, mlp.model().task());
    NeuralNetworkParameters network = (NeuralNetworkParameters) mlp.model().body();
    assertEquals(2, network.layers().size());
    assertEquals(32, network.layers().get(0).units());
    assertEquals(Activation.RELU, network.layers().get(0).activation());
    assertEquals(Activation.SIGMOID, network.output().activation());
    TrainingResult logistic =
        train("SELECT u, v, inside FROM ring", "type", "logistic_regression", "label", "inside");
    assertTrue(mlp.metrics().get("accuracy") >= 0.95, mlp.metrics().toString());
    assertTrue(logistic.metrics().get("accuracy") < 0.8, logistic.metrics().toString());
  }

  /** Smile 3.1.1's tanh back-propagates the wrong derivative; ours learns. */
  @Test
  void aTanhNetworkLearnsTheDiscToo() throws SQLException {
    TrainingResult result = train("SELECT u, v, inside FROM ring", "type", "mlp",
        "label", "inside", "hidden_layers", "16,8", "activation", "tanh");
    assertTrue(result.metrics().get("accuracy") >= 0.95, result.metrics().toString());
  }

  @Test
  void classifiesMoreThanTwoClassesWithASoftmax() throws SQLException {
    TrainingResult result = train("SELECT u, v, band FROM ring",
        "type", "mlp", "label", "band", "task", "classification");
    assertEquals(List.of("0", "1", "2"), result.model().label().classes());
    NeuralNetworkParameters network = (NeuralNetworkParameters) result.model().body();
    assertEquals(3, network.output().units());
    assertEquals(Activation.SOFTMAX, network.output().activation());
    assertTrue(result.metrics().get("accuracy") >= 0.9, result.metrics().toString());
  }

  @Test
  void regressesANonlinearSurfaceToTheNoise() throws SQLException {
    TrainingResult result = train("SELECT u, v, y FROM ring", "type", "mlp", "label", "y");
    assertEquals(Task.REGRESSION, result.model().task(), "a numeric label is regressed");
    NeuralNetworkParameters network = (NeuralNetworkParameters) result.model().body();
    assertEquals(Activation.LINEAR, network.output().activation());
    assertTrue(network.outputScale() > 1, "the label was standardised");
    assertTrue(result.metrics().get("rmse") < 0.15, result.metrics().toString());
    TrainingResult linear =
        train("SELECT u, v, y FROM ring", "type", "linear_regression", "label", "y");
    assertTrue(linear.metrics().get("rmse") > 0.5, linear.metrics().toString());
  }

  @Test
  void theSeedMakesItRepeatable() throws SQLException {
    String sql = "SELECT u, v, inside FROM ring";
    NeuralNetworkParameters first = (NeuralNetworkParameters) train(sql, "type", "mlp",
        "label", "inside", "epochs", 5, "seed", 4).model().body();
    NeuralNetworkParameters second = (NeuralNetworkParameters) train(sql, "type", "mlp",
        "label", "inside", "epochs", 5, "seed", 4).model().body();
    NeuralNetworkParameters other = (NeuralNetworkParameters) train(sql, "type", "mlp",
        "label", "inside", "epochs", 5, "seed", 5).model().body();
    for (int l = 0; l < 2; l++) {
      assertArrayEquals(first.layers().get(l).weights(), second.layers().get(l).weights());
    }
    assertTrue(first.layers().get(0).weights()[0][0] != other.layers().get(0).weights()[0][0]);
  }

  @Test
  void hiddenLayersAndActivationAreApplied() throws SQLException {
    NeuralNetworkParameters network = (NeuralNetworkParameters) train(
        "SELECT u, v, inside FROM ring", "type", "mlp", "label", "inside",
        "hidden_layers", " 8, 4 ", "activation", "TANH", "epochs", 3).model().body();
    assertEquals(3, network.layers().size());
    assertEquals(8, network.layers().get(0).units());
    assertEquals(4, network.layers().get(1).units());
    assertEquals(Activation.TANH, network.layers().get(1).activation());
  }

  @Test
  void aDivergingNetworkIsAnError() {
    SQLException e = assertThrows(SQLException.class, () -> train("SELECT u, v, y FROM ring",
        "type", "mlp", "label", "y", "learning_rate", 1000, "epochs", 5));
    assertEquals(SibylErrors.DATA, e.getSQLState());
    assertEquals("Training of model 'm' failed: the network diverged (a weight is not finite);"
        + " lower learning_rate or momentum", e.getMessage());
  }

  @Test
  void aTextLabelCannotBeRegressed() {
    SQLException e = assertThrows(SQLException.class, () -> train(
        "SELECT u, v, inside FROM ring", "type", "mlp", "label", "inside", "task", "regression"));
    assertEquals(SibylErrors.DATATYPE_MISMATCH, e.getSQLState());
    assertEquals("Label 'INSIDE' has type CHARACTER VARYING, which mlp cannot predict",
        e.getMessage());
  }
}

package dev.sibyl.functions.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sibyl.functions.scoring.Scorer;
import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.FeatureKind;
import dev.sibyl.registry.model.FeatureSignature;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quality on real data against scikit-learn 1.2.1 on the same fixed split (see {@code
 * src/test/resources/data/README.md}): train with {@code test_fraction = 0} on folds 1-4, score
 * fold 0 with our scorer. Thresholds, not exact figures: iris (sklearn accuracy 1.0 on 30 rows)
 * may misclassify at most one row; diamonds (sklearn RMSE 1135.21, Ridge 1135.20) may be 5 %
 * worse.
 */
class RealDataQualityTest {
  private static final double DIAMONDS_REFERENCE_RMSE = 1135.21;
  private static final double DIAMONDS_REFERENCE_RIDGE_RMSE = 1135.20;
  private static final double IRIS_REFERENCE_INERTIA = 111.06;
  private static final double IRIS_REFERENCE_ARI = 0.6591;

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(RealDataQualityTest.class.getResource("/data/" + name).toURI());
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

  @Test
  void irisLogisticRegression() throws Exception {
    int wrong = irisHeldOutErrors("logistic_regression");
    assertTrue(wrong <= 1, wrong + " of 30 held-out rows misclassified");
  }

  /**
   * No naive Bayes reference in the README; scikit-learn's classifiers there all reach accuracy
   * 1.0, and the same bar holds: at most one of the 30 held-out rows wrong.
   */
  @Test
  void irisNaiveBayes() throws Exception {
    int wrong = irisHeldOutErrors("naive_bayes");
    assertTrue(wrong <= 1, wrong + " of 30 held-out rows misclassified");
  }

  /**
   * scikit-learn's KMeans (k = 3, standardised features, k-means++, 10 starts) has a training
   * inertia of 111.06 and a held-out adjusted Rand index of 0.6591 against the species. Sibyl's
   * defaults (10 runs) must find a clustering at least as tight (1 % slack) and an ARI at most
   * 0.02 lower (on 30 rows, one row moving cluster changes the ARI by about 0.05).
   */
  @Test
  void irisKMeans() throws Exception {
    try (Connection connection = H2Tables.open()) {
      loadIris(connection);
      TrainingResult result = train(connection,
          "SELECT sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm"
              + " FROM iris WHERE holdout_fold <> 0",
          "type", "kmeans", "k", 3);
      assertTrue(result.mainMetric() <= 1.01 * IRIS_REFERENCE_INERTIA,
          "training inertia " + result.mainMetric());
      Scorer scorer = Scorer.of(result.model());
      List<Object> species = new ArrayList<>();
      List<Object> clusters = new ArrayList<>();
      try (Statement statement = connection.createStatement();
          ResultSet test = statement.executeQuery("SELECT * FROM iris WHERE holdout_fold = 0")) {
        while (test.next()) {
          species.add(test.getString("species"));
          clusters.add(scorer.predict(new Object[] {test.getDouble("sepal_length_cm"),
              test.getDouble("sepal_width_cm"), test.getDouble("petal_length_cm"),
              test.getDouble("petal_width_cm")}));
        }
      }
      double ari = AdjustedRandIndex.of(species.toArray(), clusters.toArray());
      assertTrue(ari >= IRIS_REFERENCE_ARI - 0.02, "held-out ARI " + ari);
    }
  }

  /** No MLP reference in the README: the classifiers' bar, at most one of 30 rows wrong. */
  @Test
  void irisMlp() throws Exception {
    int wrong = irisHeldOutErrors("mlp");
    assertTrue(wrong <= 1, wrong + " of 30 held-out rows misclassified");
  }

  private static int irisHeldOutErrors(String type) throws Exception {
    try (Connection connection = H2Tables.open()) {
      loadIris(connection);
      TrainingResult result = train(connection,
          "SELECT sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm, species"
              + " FROM iris WHERE holdout_fold <> 0",
          "type", type, "label", "species", "test_fraction", 0);
      Scorer scorer = Scorer.of(result.model());
      FeatureSignature signature = result.model().signature();
      int rows = 0;
      int wrong = 0;
      try (Statement statement = connection.createStatement();
          ResultSet test = statement.executeQuery("SELECT * FROM iris WHERE holdout_fold = 0")) {
        while (test.next()) {
          Object[] features = new Object[signature.size()];
          for (int i = 0; i < features.length; i++) {
            features[i] = test.getObject(signature.get(i).name());
          }
          rows++;
          if (!scorer.predict(features).equals(test.getString("species"))) {
            wrong++;
          }
        }
      }
      assertEquals(30, rows, "rows in fold 0");
      return wrong;
    }
  }

  private static void loadIris(Connection connection) throws Exception {
    H2Tables.execute(connection, "CREATE TABLE iris(row_id INTEGER, sepal_length_cm DOUBLE,"
        + " sepal_width_cm DOUBLE, petal_length_cm DOUBLE, petal_width_cm DOUBLE,"
        + " species VARCHAR, holdout_fold INTEGER)");
    H2Tables.execute(connection, "INSERT INTO iris SELECT * FROM CSVREAD('"
        + resource("iris.csv") + "')");
  }

  @Test
  void diamondsLinearRegression(@TempDir Path directory) throws Exception {
    double rmse = diamondsHeldOutRmse(directory, "linear_regression");
    assertTrue(rmse <= 1.05 * DIAMONDS_REFERENCE_RMSE, "held-out RMSE " + rmse);
  }

  /** scikit-learn's Ridge(alpha=1) penalises the raw one-hot columns, Smile standardised ones. */
  @Test
  void diamondsRidge(@TempDir Path directory) throws Exception {
    double rmse = diamondsHeldOutRmse(directory, "ridge");
    assertTrue(rmse <= 1.05 * DIAMONDS_REFERENCE_RIDGE_RMSE, "held-out RMSE " + rmse);
  }

  /** No scikit-learn reference: the default penalties are light, so least squares' is the bar. */
  @Test
  void diamondsLassoAndElasticNet(@TempDir Path directory) throws Exception {
    for (String type : new String[] {"lasso", "elastic_net"}) {
      double rmse = diamondsHeldOutRmse(directory, type);
      assertTrue(rmse <= 1.05 * DIAMONDS_REFERENCE_RMSE, type + " held-out RMSE " + rmse);
    }
  }

  private static double diamondsHeldOutRmse(Path directory, String type) throws Exception {
    Path csv = directory.resolve("diamonds.csv");
    if (!Files.exists(csv)) {
      try (InputStream in =
          new GZIPInputStream(Files.newInputStream(resource("diamonds.csv.gz")))) {
        Files.copy(in, csv);
      }
    }
    try (Connection connection = H2Tables.open()) {
      H2Tables.execute(connection, "CREATE TABLE diamonds(row_id INTEGER, carat DOUBLE,"
          + " cut VARCHAR, color VARCHAR, clarity VARCHAR, depth DOUBLE, \"table\" DOUBLE,"
          + " price INTEGER, x DOUBLE, y DOUBLE, z DOUBLE, holdout_fold INTEGER)");
      H2Tables.execute(connection, "INSERT INTO diamonds SELECT * FROM CSVREAD('" + csv + "')");
      String features = "carat, cut, color, clarity, depth, \"table\", x, y, z";
      TrainingResult result = train(connection,
          "SELECT " + features + ", price FROM diamonds WHERE holdout_fold <> 0",
          "type", type, "label", "price", "test_fraction", 0);
      Scorer scorer = Scorer.of(result.model());
      FeatureSignature signature = result.model().signature();
      double[] numeric = new double[9];
      String[] categorical = new String[9];
      double squares = 0;
      int rows = 0;
      try (Statement statement = connection.createStatement();
          ResultSet test = statement.executeQuery(
              "SELECT " + features + ", price FROM diamonds WHERE holdout_fold = 0")) {
        while (test.next()) {
          fill(signature, test, numeric, categorical);
          double error = scorer.regress(numeric, categorical) - test.getDouble("price");
          squares += error * error;
          rows++;
        }
      }
      return Math.sqrt(squares / rows);
    }
  }

  /** Reads one row into the scorer's slots by the signature's column names. */
  private static void fill(FeatureSignature signature, ResultSet row, double[] numeric,
      String[] categorical) throws SQLException {
    int n = 0;
    int c = 0;
    for (Feature feature : signature.features()) {
      if (feature.kind() == FeatureKind.NUMERIC) {
        double value = row.getDouble(feature.name());
        numeric[n++] = row.wasNull() ? Double.NaN : value;
      } else {
        categorical[c++] = row.getString(feature.name());
      }
    }
  }
}

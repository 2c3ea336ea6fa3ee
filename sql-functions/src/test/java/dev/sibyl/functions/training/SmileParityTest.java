package dev.sibyl.functions.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sibyl.functions.scoring.CentroidScorer;
import dev.sibyl.functions.scoring.LinearScorer;
import dev.sibyl.functions.scoring.LinearSvmScorer;
import dev.sibyl.functions.scoring.MlpScorer;
import dev.sibyl.functions.scoring.LogisticScorer;
import dev.sibyl.functions.scoring.NaiveBayesScorer;
import dev.sibyl.registry.model.Algorithm;
import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.FeatureKind;
import dev.sibyl.registry.model.FeatureSignature;
import dev.sibyl.registry.model.LabelInfo;
import dev.sibyl.registry.model.NaiveBayesParameters;
import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.Task;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import smile.classification.Classifier;
import smile.classification.LogisticRegression;
import smile.classification.NaiveBayes;
import smile.classification.SVM;
import smile.math.MathEx;
import smile.regression.LinearModel;
import smile.stat.distribution.Distribution;
import smile.stat.distribution.EmpiricalDistribution;
import smile.stat.distribution.GaussianDistribution;

/**
 * The portable models, scored by our own scorers from raw row values, predict what Smile's fitted
 * models predict from the encoded rows, within 1e-9.
 */
class SmileParityTest {
  private static final double TOLERANCE = 1e-9;
  private static final String[] COLORS = {"red", "green", "blue"};

  private Connection connection;

  @BeforeEach
  void createTable() throws SQLException {
    connection = H2Tables.open();
    H2Tables.execute(connection,
        "CREATE TABLE t(a DOUBLE, color VARCHAR, b INTEGER, shiny BOOLEAN, y DOUBLE, kind INTEGER)");
    Random random = new Random(3);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      Double a = random.nextInt(10) == 0 ? null : random.nextGaussian() * 3;
      String color = random.nextInt(10) == 0 ? null : COLORS[random.nextInt(3)];
      int b = random.nextInt(50);
      Boolean shiny = random.nextInt(10) == 0 ? null : random.nextBoolean();
      double score = (a == null ? 0 : a) + b / 10.0 + ("red".equals(color) ? 2 : 0)
          + random.nextGaussian();
      int kind = score < 1.5 ? 0 : score < 4 ? 1 : score < 6 ? 2 : 3;
      rows.add(new Object[] {a, color, b, shiny, score * 100, kind});
    }
    H2Tables.insert(connection, "t", rows);
  }

  @AfterEach
  void closeDatabase() throws SQLException {
    connection.close();
  }

  /** Reads the rows; {@code label} null for a clustering. */
  private TrainingTable read(Algorithm algorithm, String sql, String label) throws SQLException {
    TrainingOptions options = TrainingOptions.parse(label == null
        ? Map.of("type", algorithm.sqlName(), "k", 2)
        : Map.of("type", algorithm.sqlName(), "label", label));
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      return TrainingTable.read("parity", options, rows, TrainingListener.NONE);
    }
  }

  private static double[] row(double[][] columns, int i) {
    double[] x = new double[columns.length];
    for (int j = 0; j < columns.length; j++) {
      x[j] = columns[j][i];
    }
    return x;
  }

  @Test
  void linearRegression() throws SQLException {
    TrainingTable table =
        read(Algorithm.LINEAR_REGRESSION, "SELECT a, color, b, shiny, y FROM t", "y");
    int[] all = IntStream.range(0, table.rows()).toArray();
    int[] training = IntStream.range(0, 400).toArray();
    FeatureSignature signature = table.fitSignature(training);
    LinearModel smile = LinearRegressionFitter.fit(table.encodeColumns(signature, training),
        table.numericLabel().values(training), LinearRegressionOptions.DEFAULTS);
    PortableModel model = new PortableModel(Algorithm.LINEAR_REGRESSION, Task.REGRESSION,
        signature, new LabelInfo("Y", "DOUBLE", List.of()),
        LinearRegressionFitter.toPortable(smile));
    LinearScorer scorer = new LinearScorer(model);

    double[][] encoded = table.encodeColumns(signature, all);
    double[] numeric = new double[table.numericCount()];
    String[] categorical = new String[table.categoricalCount()];
    for (int i : all) {
      table.fill(i, numeric, categorical);
      assertEquals(smile.predict(row(encoded, i)), scorer.regress(numeric, categorical), TOLERANCE);
    }
  }

  @Test
  void ridge() throws SQLException {
    assertPenalizedParity(Algorithm.RIDGE, new RidgeOptions(3));
  }

  @Test
  void lasso() throws SQLException {
    assertPenalizedParity(Algorithm.LASSO, new LassoOptions(50, 1000, 1e-4));
  }

  @Test
  void elasticNet() throws SQLException {
    assertPenalizedParity(Algorithm.ELASTIC_NET, new ElasticNetOptions(50, 20, 1000, 1e-4));
  }

  /**
   * Smile's weights, scored by our scorer, predict what Smile predicts; a constant category
   * (K) is left out of Smile's fit. The stored lasso zeros are checked in PenalizedRegressionTest.
   */
  private void assertPenalizedParity(Algorithm algorithm, AlgorithmOptions options)
      throws SQLException {
    TrainingTable table = read(algorithm, "SELECT a, color, b, shiny, 'same' AS k, y FROM t", "y");
    int[] all = IntStream.range(0, table.rows()).toArray();
    int[] training = IntStream.range(0, 400).toArray();
    FeatureSignature signature = table.fitSignature(training);
    PenalizedRegressionFitter.Fit fit = PenalizedRegressionFitter.fit(
        table.encodeColumns(signature, training), table.numericLabel().values(training), options);
    assertEquals(signature.encodedWidth() - 1, fit.kept().length);
    PortableModel model = new PortableModel(algorithm, Task.REGRESSION, signature,
        new LabelInfo("Y", "DOUBLE", List.of()), fit.smileWeights());
    LinearScorer scorer = new LinearScorer(model);

    double[][] encoded = table.encodeColumns(signature, all);
    double[] numeric = new double[table.numericCount()];
    String[] categorical = new String[table.categoricalCount()];
    for (int i : all) {
      table.fill(i, numeric, categorical);
      assertEquals(fit.smile().predict(fit.smileRow(row(encoded, i))),
          scorer.regress(numeric, categorical), TOLERANCE);
    }
  }

  @Test
  void binaryLogisticRegression() throws SQLException {
    assertLogisticParity("SELECT a, color, b, shiny, kind >= 2 AS high FROM t", "high", 2);
  }

  @Test
  void multinomialLogisticRegression() throws SQLException {
    assertLogisticParity("SELECT a, color, b, shiny, kind FROM t", "kind", 4);
  }

  /**
   * Every row, NULLs included (imputed, or no category): our nearest centroid is Smile's and our
   * squared distance to it equals Smile's.
   */
  @Test
  void kmeans() throws SQLException {
    TrainingTable table = read(Algorithm.KMEANS, "SELECT a, color, b, shiny FROM t", null);
    int[] all = IntStream.range(0, table.rows()).toArray();
    int[] training = IntStream.range(0, 400).toArray();
    FeatureSignature signature = table.fitSignature(training);
    double[][] trainingColumns = table.encodeColumns(signature, training);
    double[][] trainingRows = new double[training.length][];
    for (int i = 0; i < training.length; i++) {
      trainingRows[i] = row(trainingColumns, i);
    }
    KMeansFitter.Fit fit =
        KMeansFitter.fit(trainingRows, new KMeansOptions(6, 100, 1e-4, 3), 17);
    PortableModel model = new PortableModel(Algorithm.KMEANS, Task.CLUSTERING, signature,
        LabelInfo.none(), fit.toPortable());
    CentroidScorer scorer = new CentroidScorer(model);

    double[][] encoded = table.encodeColumns(signature, all);
    double[] numeric = new double[table.numericCount()];
    String[] categorical = new String[table.categoricalCount()];
    for (int i : all) {
      table.fill(i, numeric, categorical);
      double[] x = row(encoded, i);
      int smileCluster = fit.smile().predict(x);
      assertEquals(smileCluster, scorer.predictClass(numeric, categorical));
      assertEquals(MathEx.squaredDistance(x, fit.smile().centroids[smileCluster]),
          scorer.squaredDistance(numeric, categorical), TOLERANCE);
    }
  }

  /**
   * The margin, class and Platt probability of our scorer are those of Smile's linear machine
   * and PlattScaling; and Smile's own SVM classifier, fitted the same way from the same seed,
   * predicts the same classes.
   */
  @Test
  void linearSvm() throws SQLException {
    TrainingTable table =
        read(Algorithm.LINEAR_SVM, "SELECT a, color, b, shiny, kind >= 2 AS high FROM t", "high");
    int[] all = IntStream.range(0, table.rows()).toArray();
    int[] training = IntStream.range(0, 400).toArray();
    List<String> classes = table.classLabel().classesOf(training);
    FeatureSignature signature = table.fitSignature(training);
    double[][] trainingColumns = table.encodeColumns(signature, training);
    double[][] trainingRows = new double[training.length][];
    int[] classOf = table.classLabel().classIndices(training, classes);
    boolean[] positive = new boolean[training.length];
    int[] y = new int[training.length];
    for (int i = 0; i < training.length; i++) {
      trainingRows[i] = row(trainingColumns, i);
      positive[i] = classOf[i] == 1;
      y[i] = positive[i] ? 1 : -1;
    }
    LinearSvmOptions options = new LinearSvmOptions(2, 1e-3, 2);
    LinearSvmFitter.Fit fit = LinearSvmFitter.fit(trainingRows, positive, options, 23);
    MathEx.setSeed(23);
    Classifier<double[]> smileSvm =
        SVM.fit(trainingRows, y, options.c(), options.tolerance(), options.epochs());
    PortableModel model = new PortableModel(Algorithm.LINEAR_SVM, Task.CLASSIFICATION,
        signature, new LabelInfo("HIGH", "BOOLEAN", classes), fit.model());
    LinearSvmScorer scorer = new LinearSvmScorer(model);

    double[][] encoded = table.encodeColumns(signature, all);
    double[] numeric = new double[table.numericCount()];
    String[] categorical = new String[table.categoricalCount()];
    for (int i : all) {
      table.fill(i, numeric, categorical);
      double[] x = row(encoded, i);
      double margin = fit.smile().f(x);
      assertEquals(margin, scorer.margin(numeric, categorical), TOLERANCE);
      assertEquals(margin > 0 ? 1 : 0, scorer.predictClass(numeric, categorical));
      assertEquals(smileSvm.predict(x) > 0 ? 1 : 0, scorer.predictClass(numeric, categorical));
      assertEquals(fit.platt().scale(margin), scorer.probability(numeric, categorical),
          TOLERANCE);
    }
  }

  @Test
  void binaryMlp() throws SQLException {
    assertMlpClassifierParity("SELECT a, color, b, shiny, kind >= 2 AS high FROM t", "high", 2);
  }

  @Test
  void multiclassMlp() throws SQLException {
    assertMlpClassifierParity(
        "SELECT a, color, b, shiny, CAST(kind AS VARCHAR) AS kind FROM t", "kind", 4);
  }

  private static final MlpOptions SMALL_MLP =
      new MlpOptions("auto", List.of(6, 5), "tanh", 20, 16, 0.01, 0.9, 0.001);

  /** Smile's MLP.predict(x, posteriori) on the encoded rows gives our scorer's probabilities. */
  private void assertMlpClassifierParity(String sql, String label, int classCount)
      throws SQLException {
    TrainingTable table = read(Algorithm.MLP, sql, label);
    int[] all = IntStream.range(0, table.rows()).toArray();
    int[] training = IntStream.range(0, 400).toArray();
    List<String> classes = table.classLabel().classesOf(training);
    FeatureSignature signature = table.fitSignature(training);
    double[][] trainingColumns = table.encodeColumns(signature, training);
    double[][] trainingRows = new double[training.length][];
    for (int i = 0; i < training.length; i++) {
      trainingRows[i] = row(trainingColumns, i);
    }
    MlpFitter.Fit fit = MlpFitter.fitClassifier(trainingRows,
        table.classLabel().classIndices(training, classes), classCount, SMALL_MLP, 31);
    smile.classification.MLP smile = (smile.classification.MLP) fit.smile();
    PortableModel model = new PortableModel(Algorithm.MLP, Task.CLASSIFICATION, signature,
        new LabelInfo(label, "INTEGER", classes), fit.model());
    MlpScorer scorer = new MlpScorer(model);

    double[][] encoded = table.encodeColumns(signature, all);
    double[] numeric = new double[table.numericCount()];
    String[] categorical = new String[table.categoricalCount()];
    double[] smilePosterior = new double[classCount];
    double[] ourPosterior = new double[classCount];
    for (int i : all) {
      table.fill(i, numeric, categorical);
      int smileClass = smile.predict(row(encoded, i), smilePosterior);
      scorer.classProbabilities(numeric, categorical, ourPosterior);
      for (int k = 0; k < classCount; k++) {
        assertEquals(smilePosterior[k], ourPosterior[k], TOLERANCE);
      }
      assertEquals(smileClass, scorer.predictClass(numeric, categorical));
      assertEquals(smile.predict(row(encoded, i)), scorer.predictClass(numeric, categorical));
    }
  }

  /** Smile's regression MLP predicts the standardised label; scaled back, it is ours. */
  @Test
  void mlpRegression() throws SQLException {
    TrainingTable table = read(Algorithm.MLP, "SELECT a, color, b, shiny, y FROM t", "y");
    int[] all = IntStream.range(0, table.rows()).toArray();
    int[] training = IntStream.range(0, 400).toArray();
    FeatureSignature signature = table.fitSignature(training);
    double[][] trainingColumns = table.encodeColumns(signature, training);
    double[][] trainingRows = new double[training.length][];
    for (int i = 0; i < training.length; i++) {
      trainingRows[i] = row(trainingColumns, i);
    }
    MlpFitter.Fit fit = MlpFitter.fitRegression(trainingRows,
        table.numericLabel().values(training), SMALL_MLP, 37);
    smile.regression.MLP smile = (smile.regression.MLP) fit.smile();
    PortableModel model = new PortableModel(Algorithm.MLP, Task.REGRESSION, signature,
        new LabelInfo("Y", "DOUBLE", List.of()), fit.model());
    MlpScorer scorer = new MlpScorer(model);
    double mean = fit.model().outputMean();
    double scale = fit.model().outputScale();

    double[][] encoded = table.encodeColumns(signature, all);
    double[] numeric = new double[table.numericCount()];
    String[] categorical = new String[table.categoricalCount()];
    for (int i : all) {
      table.fill(i, numeric, categorical);
      assertEquals(mean + scale * smile.predict(row(encoded, i)),
          scorer.regress(numeric, categorical), TOLERANCE * scale);
    }
  }

  @Test
  void binaryNaiveBayes() throws SQLException {
    assertNaiveBayesParity("SELECT a, color, b, shiny, kind >= 2 AS high FROM t", "high", 2);
  }

  @Test
  void multiclassNaiveBayes() throws SQLException {
    assertNaiveBayesParity("SELECT a, color, b, shiny, kind FROM t", "kind", 4);
  }

  /**
   * Smile's {@code NaiveBayes}, given a Gaussian per class and numeric feature and an empirical
   * distribution per class and category feature with our fitted numbers, reads a row as the
   * standardised numbers and the category positions; on rows with every value present it gives
   * the posteriors our scorer gives.
   */
  private void assertNaiveBayesParity(String sql, String label, int classCount)
      throws SQLException {
    TrainingTable table = read(Algorithm.NAIVE_BAYES, sql, label);
    int[] all = IntStream.range(0, table.rows()).toArray();
    int[] training = IntStream.range(0, 400).toArray();
    List<String> classes = table.classLabel().classesOf(training);
    assertEquals(classCount, classes.size());
    FeatureSignature signature = table.fitSignature(training);
    NaiveBayesParameters parameters = NaiveBayesFitter.fit(table, signature, training,
        table.classLabel().classIndices(training, classes), classCount,
        NaiveBayesOptions.DEFAULTS);
    PortableModel model = new PortableModel(Algorithm.NAIVE_BAYES, Task.CLASSIFICATION,
        signature, new LabelInfo(label, "INTEGER", classes), parameters);
    NaiveBayesScorer scorer = new NaiveBayesScorer(model);
    NaiveBayes smile = smileNaiveBayes(signature, parameters);

    double[] numeric = new double[table.numericCount()];
    String[] categorical = new String[table.categoricalCount()];
    double[] smilePosterior = new double[classCount];
    double[] ourPosterior = new double[classCount];
    int compared = 0;
    for (int i : all) {
      table.fill(i, numeric, categorical);
      double[] x = smileRow(signature, numeric, categorical);
      if (x == null) {
        continue;
      }
      compared++;
      int smileClass = smile.predict(x, smilePosterior);
      scorer.classProbabilities(numeric, categorical, ourPosterior);
      for (int k = 0; k < classCount; k++) {
        assertEquals(smilePosterior[k], ourPosterior[k], TOLERANCE);
      }
      assertEquals(smileClass, scorer.predictClass(numeric, categorical));
      double expected = classCount == 2 ? smilePosterior[1] : smilePosterior[smileClass];
      assertEquals(expected, scorer.probability(numeric, categorical), TOLERANCE);
    }
    assertTrue(compared > 300, compared + " rows compared");
  }

  private static NaiveBayes smileNaiveBayes(
      FeatureSignature signature, NaiveBayesParameters parameters) {
    int classes = parameters.classCount();
    Distribution[][] distributions = new Distribution[classes][signature.size()];
    for (int k = 0; k < classes; k++) {
      int n = 0;
      int c = 0;
      for (int j = 0; j < signature.size(); j++) {
        if (signature.get(j).kind() == FeatureKind.NUMERIC) {
          distributions[k][j] = new GaussianDistribution(
              parameters.means()[k][n], Math.sqrt(parameters.variances()[k][n]));
          n++;
        } else {
          distributions[k][j] =
              new EmpiricalDistribution(parameters.categoryProbabilities()[k][c]);
          c++;
        }
      }
    }
    return new NaiveBayes(parameters.priors(), distributions);
  }

  /** Standardised numbers and category positions in signature order; null if one is missing. */
  private static double[] smileRow(
      FeatureSignature signature, double[] numeric, String[] categorical) {
    double[] x = new double[signature.size()];
    int n = 0;
    int c = 0;
    for (int j = 0; j < signature.size(); j++) {
      Feature feature = signature.get(j);
      if (feature.kind() == FeatureKind.NUMERIC) {
        double value = numeric[n++];
        if (Double.isNaN(value)) {
          return null;
        }
        x[j] = (value - feature.center()) / feature.scale();
      } else {
        String value = categorical[c++];
        int index = value == null ? -1 : feature.categories().indexOf(value);
        if (index < 0) {
          return null;
        }
        x[j] = index;
      }
    }
    return x;
  }

  private void assertLogisticParity(String sql, String label, int classCount)
      throws SQLException {
    TrainingTable table = read(Algorithm.LOGISTIC_REGRESSION, sql, label);
    int[] all = IntStream.range(0, table.rows()).toArray();
    int[] training = IntStream.range(0, 400).toArray();
    List<String> classes = table.classLabel().classesOf(training);
    assertEquals(classCount, classes.size());
    FeatureSignature signature = table.fitSignature(training);
    double[][] trainingColumns = table.encodeColumns(signature, training);
    double[][] trainingRows = new double[training.length][];
    for (int i = 0; i < training.length; i++) {
      trainingRows[i] = row(trainingColumns, i);
    }
    LogisticRegression smile = LogisticRegressionFitter.fit(trainingRows,
        table.classLabel().classIndices(training, classes), LogisticRegressionOptions.DEFAULTS);
    PortableModel model = new PortableModel(Algorithm.LOGISTIC_REGRESSION, Task.CLASSIFICATION,
        signature, new LabelInfo(label, "INTEGER", classes),
        LogisticRegressionFitter.toPortable(smile));
    LogisticScorer scorer = new LogisticScorer(model);

    double[][] encoded = table.encodeColumns(signature, all);
    double[] numeric = new double[table.numericCount()];
    String[] categorical = new String[table.categoricalCount()];
    double[] smilePosterior = new double[classCount];
    double[] ourPosterior = new double[classCount];
    for (int i : all) {
      table.fill(i, numeric, categorical);
      int smileClass = smile.predict(row(encoded, i), smilePosterior);
      scorer.classProbabilities(numeric, categorical, ourPosterior);
      for (int k = 0; k < classCount; k++) {
        assertEquals(smilePosterior[k], ourPosterior[k], TOLERANCE);
      }
      assertEquals(smileClass, scorer.predictClass(numeric, categorical));
      double expected = classCount == 2 ? smilePosterior[1] : smilePosterior[smileClass];
      assertEquals(expected, scorer.probability(numeric, categorical), TOLERANCE);
    }
  }
}

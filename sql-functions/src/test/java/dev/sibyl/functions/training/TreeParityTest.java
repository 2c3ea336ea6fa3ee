package dev.sibyl.functions.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sibyl.functions.scoring.TreeEnsembleScorer;
import dev.sibyl.registry.format.ModelCodec;
import dev.sibyl.registry.model.Algorithm;
import dev.sibyl.registry.model.FeatureSignature;
import dev.sibyl.registry.model.LabelInfo;
import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.Task;
import dev.sibyl.registry.model.TreeEnsemble;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import smile.classification.DataFrameClassifier;
import smile.data.DataFrame;
import smile.data.vector.DoubleVector;
import smile.regression.DataFrameRegression;

/**
 * Every tree type and task: the portable model, written to payload bytes and read back, scored by
 * our scorer from raw row values (row by row and in a batch), predicts what Smile's fitted model
 * predicts from the encoded rows (within 1e-9; identical classes). Rows 0-399 train; all 520 are
 * scored, among them rows with NULL numbers, NULL categories and a category the training rows
 * never had ('purple').
 */
class TreeParityTest {
  private static final double TOLERANCE = 1e-9;
  private static final String[] COLORS = {"red", "green", "blue"};
  private static final int TRAINING_ROWS = 400;
  private static final String FEATURES = "a, color, b, shiny";

  private Connection connection;

  @BeforeEach
  void createTable() throws SQLException {
    connection = H2Tables.open();
    H2Tables.execute(connection, "CREATE TABLE t(a DOUBLE, color VARCHAR, b INTEGER,"
        + " shiny BOOLEAN, y DOUBLE, kind INTEGER)");
    Random random = new Random(5);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 520; i++) {
      Double a = random.nextInt(10) == 0 ? null : random.nextGaussian() * 3;
      String color = random.nextInt(10) == 0 ? null : COLORS[random.nextInt(3)];
      if (i >= TRAINING_ROWS && random.nextInt(4) == 0) {
        color = "purple";
      }
      int b = random.nextInt(50);
      Boolean shiny = random.nextInt(10) == 0 ? null : random.nextBoolean();
      double score = (a == null ? 0 : a) + b / 10.0 + ("red".equals(color) ? 2 : 0)
          + (Boolean.TRUE.equals(shiny) ? 1 : 0) + random.nextGaussian();
      int kind = score < 1.5 ? 0 : score < 4 ? 1 : score < 6 ? 2 : 3;
      rows.add(new Object[] {a, color, b, shiny, score * 100, kind});
    }
    H2Tables.insert(connection, "t", rows);
  }

  @AfterEach
  void closeDatabase() throws SQLException {
    connection.close();
  }

  @Test
  void decisionTreeRegression() throws Exception {
    assertRegressionParity(Algorithm.DECISION_TREE, DecisionTreeOptions.DEFAULTS);
  }

  @Test
  void randomForestRegression() throws Exception {
    assertRegressionParity(Algorithm.RANDOM_FOREST, RandomForestOptions.DEFAULTS);
  }

  @Test
  void randomForestRegressionWithSubsampleAndMtry() throws Exception {
    assertRegressionParity(Algorithm.RANDOM_FOREST,
        new RandomForestOptions(null, 30, 6, 20, 2, 4, 0.7, null));
  }

  @Test
  void gradientBoostingRegression() throws Exception {
    assertRegressionParity(Algorithm.GRADIENT_BOOSTING, GradientBoostingOptions.DEFAULTS);
  }

  @Test
  void gradientBoostingRegressionWithSubsample() throws Exception {
    assertRegressionParity(Algorithm.GRADIENT_BOOSTING,
        new GradientBoostingOptions(null, 50, 4, 10, 3, 0.2, 0.6));
  }

  @Test
  void decisionTreeBinary() throws Exception {
    assertClassifierParity(Algorithm.DECISION_TREE, DecisionTreeOptions.DEFAULTS, "kind >= 2", 2);
  }

  @Test
  void decisionTreeMulticlassWithEntropy() throws Exception {
    assertClassifierParity(Algorithm.DECISION_TREE,
        new DecisionTreeOptions(Task.CLASSIFICATION, 8, 0, 3, TreeSplitRule.ENTROPY), "kind", 4);
  }

  @Test
  void randomForestBinary() throws Exception {
    assertClassifierParity(Algorithm.RANDOM_FOREST, RandomForestOptions.DEFAULTS, "kind >= 2", 2);
  }

  @Test
  void randomForestMulticlass() throws Exception {
    assertClassifierParity(Algorithm.RANDOM_FOREST,
        new RandomForestOptions(Task.CLASSIFICATION, 50, 20, 0, 1, 0, 0.8, null), "kind", 4);
  }

  @Test
  void gradientBoostingBinary() throws Exception {
    assertClassifierParity(
        Algorithm.GRADIENT_BOOSTING, GradientBoostingOptions.DEFAULTS, "kind >= 2", 2);
  }

  @Test
  void gradientBoostingMulticlass() throws Exception {
    assertClassifierParity(Algorithm.GRADIENT_BOOSTING,
        new GradientBoostingOptions(Task.CLASSIFICATION, 40, 3, 0, 5, 0.1, 0.7), "kind", 4);
  }

  private TrainingTable read(Algorithm algorithm, Task task, String label) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT " + FEATURES + ", " + label + " AS label FROM t")) {
      Map<String, Object> raw = new HashMap<>(Map.of("type", algorithm.sqlName(), "label", "label"));
      if (task != null) {
        raw.put("task", task.name().toLowerCase(Locale.ROOT));
      }
      TrainingOptions options = TrainingOptions.parse(raw);
      TrainingTable table = TrainingTable.read("parity", options, rows, TrainingListener.NONE);
      assertEquals(520, table.rows());
      return table;
    }
  }

  private void assertRegressionParity(Algorithm algorithm, TreeOptions options)
      throws Exception {
    TrainingTable table = read(algorithm, null, "y");
    assertEquals(Task.REGRESSION, table.task());
    int[] training = IntStream.range(0, TRAINING_ROWS).toArray();
    FeatureSignature signature = TreeModelTrainer.unscaled(table.fitSignature(training));
    DataFrameRegression smile = TreeEnsembleFitter.fitRegression(algorithm, options,
        table.encodeColumns(signature, training), table.numericLabel().values(training), 9);
    PortableModel model = roundTrip(new PortableModel(algorithm, Task.REGRESSION, signature,
        new LabelInfo("Y", "DOUBLE", List.of()), TreeEnsembleFitter.toPortable(smile)));
    TreeEnsembleScorer scorer = new TreeEnsembleScorer(model);

    DataFrame all = scoredRows(table, signature);
    double[][] numeric = new double[table.rows()][table.numericCount()];
    String[][] categorical = new String[table.rows()][table.categoricalCount()];
    double[] batch = new double[table.rows()];
    for (int i = 0; i < table.rows(); i++) {
      table.fill(i, numeric[i], categorical[i]);
    }
    scorer.regress(numeric, categorical, batch);
    for (int i = 0; i < table.rows(); i++) {
      double expected = smile.predict(all.get(i));
      assertEquals(expected, scorer.regress(numeric[i], categorical[i]), TOLERANCE, "row " + i);
      assertEquals(expected, batch[i], TOLERANCE, "row " + i + " in a batch");
    }
  }

  private void assertClassifierParity(
      Algorithm algorithm, TreeOptions options, String label, int classCount) throws Exception {
    TrainingTable table = read(algorithm, Task.CLASSIFICATION, label);
    int[] training = IntStream.range(0, TRAINING_ROWS).toArray();
    List<String> classes = table.classLabel().classesOf(training);
    assertEquals(classCount, classes.size());
    FeatureSignature signature = TreeModelTrainer.unscaled(table.fitSignature(training));
    DataFrameClassifier smile = TreeEnsembleFitter.fitClassification(algorithm, options,
        table.encodeColumns(signature, training),
        table.classLabel().classIndices(training, classes), 9);
    TreeEnsemble trees = TreeEnsembleFitter.toPortable(smile);
    PortableModel model = roundTrip(new PortableModel(algorithm, Task.CLASSIFICATION, signature,
        new LabelInfo("LABEL", "INTEGER", classes), trees));
    TreeEnsembleScorer scorer = new TreeEnsembleScorer(model);

    DataFrame all = scoredRows(table, signature);
    int rows = table.rows();
    double[][] numeric = new double[rows][table.numericCount()];
    String[][] categorical = new String[rows][table.categoricalCount()];
    for (int i = 0; i < rows; i++) {
      table.fill(i, numeric[i], categorical[i]);
    }
    int[] batchClasses = new int[rows];
    double[][] batchPosteriors = new double[rows][classCount];
    scorer.classify(numeric, categorical, batchClasses, batchPosteriors);
    double[] smilePosterior = new double[classCount];
    double[] ourPosterior = new double[classCount];
    int unseen = 0;
    for (int i = 0; i < rows; i++) {
      unseen += "purple".equals(categorical[i][0]) ? 1 : 0;
      int smileClass = smile.predict(all.get(i), smilePosterior);
      scorer.classProbabilities(numeric[i], categorical[i], ourPosterior);
      for (int k = 0; k < classCount; k++) {
        assertEquals(smilePosterior[k], ourPosterior[k], TOLERANCE, "row " + i + " class " + k);
        assertEquals(smilePosterior[k], batchPosteriors[i][k], TOLERANCE, "batch row " + i);
      }
      assertEquals(smileClass, scorer.predictClass(numeric[i], categorical[i]), "row " + i);
      assertEquals(smileClass, batchClasses[i], "batch row " + i);
      double expected = classCount == 2 ? smilePosterior[1] : smilePosterior[smileClass];
      assertEquals(expected, scorer.probability(numeric[i], categorical[i]), TOLERANCE,
          "row " + i);
    }
    assertTrue(unseen > 10, unseen + " rows with an unseen category");
  }

  /** Every row encoded as in training, as a frame of Smile's column names. */
  private static DataFrame scoredRows(TrainingTable table, FeatureSignature signature) {
    int[] all = IntStream.range(0, table.rows()).toArray();
    return TreeEnsembleFitter.frame(table.encodeColumns(signature, all),
        DoubleVector.of("y", new double[all.length]));
  }

  private static PortableModel roundTrip(PortableModel model) throws Exception {
    return ModelCodec.decode(ModelCodec.encode(model));
  }
}

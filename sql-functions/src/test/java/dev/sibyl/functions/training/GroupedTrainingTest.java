package dev.sibyl.functions.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sibyl.functions.scoring.GroupedScorer;
import dev.sibyl.functions.scoring.Scorer;
import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.model.FeatureKind;
import dev.sibyl.registry.model.GroupedModels;
import dev.sibyl.registry.model.PortableModel;
import java.math.BigDecimal;
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
 * {@code group_by}: one model per group, routed by the group value, with an optional fallback;
 * then one test per invalid option or data.
 */
class GroupedTrainingTest {
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
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      return new ModelTrainer().train("m", TrainingOptions.parse(options(options)), rows);
    }
  }

  private static Map<String, Object> options(Object... keysAndValues) {
    Map<String, Object> raw = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      raw.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return raw;
  }

  private SQLException trainingFails(String sqlState, String sql, Object... options) {
    SQLException e = assertThrows(SQLException.class, () -> train(sql, options));
    assertEquals(sqlState, e.getSQLState(), e.getMessage());
    return e;
  }

  private static SQLException optionsFail(String sqlState, Object... options) {
    SQLException e =
        assertThrows(SQLException.class, () -> TrainingOptions.parse(options(options)));
    assertEquals(sqlState, e.getSQLState(), e.getMessage());
    return e;
  }

  private static void assertMentions(SQLException e, String... words) {
    for (String word : words) {
      assertTrue(e.getMessage().contains(word), () -> "'" + word + "' not in: " + e.getMessage());
    }
  }

  /**
   * 20 rows per region, noise of at most 0.01: NORTH units = 2 price + 1, SOUTH units = 50 - 3
   * price, EAST units = price / 2 + 10; plus {@code nullRegions} rows of a NULL region.
   */
  private void createSales(int nullRegions) throws SQLException {
    H2Tables.execute(connection,
        "CREATE TABLE sales(region VARCHAR, price DOUBLE, units DOUBLE)");
    Random random = new Random(7);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      double price = i;
      rows.add(new Object[] {"NORTH", price, 2 * price + 1 + noise(random)});
      rows.add(new Object[] {"SOUTH", price, 50 - 3 * price + noise(random)});
      rows.add(new Object[] {"EAST", price, price / 2 + 10 + noise(random)});
    }
    for (int i = 0; i < nullRegions; i++) {
      rows.add(new Object[] {null, 1.0, 1.0});
    }
    H2Tables.insert(connection, "sales", rows);
  }

  private static double noise(Random random) {
    return (random.nextDouble() - 0.5) / 50;
  }

  private static final String SALES = "SELECT region, price, units FROM sales";

  /** The reference: one least-squares line over all regions, fitted on the same rows. */
  @Test
  void perGroupModelsBeatOneGlobalModel() throws SQLException {
    createSales(0);
    TrainingResult global = train(SALES, "type", "linear_regression", "label", "units");
    TrainingResult grouped = train(SALES, "type", "linear_regression", "label", "units",
        "group_by", "region");
    assertTrue(global.mainMetric() > 5, "global rmse " + global.mainMetric());
    assertTrue(grouped.mainMetric() < 0.02, "grouped rmse " + grouped.mainMetric());
    assertEquals(48, grouped.trainingRows());
    assertEquals(12, grouped.heldOutRows(), "each region holds out 4 of its 20 rows");
    for (String region : List.of("NORTH", "SOUTH", "EAST")) {
      assertTrue(grouped.metrics().get("rmse[" + region + "]") < 0.02, region);
    }
    assertEquals("region", grouped.options().get("group_by"));
    assertEquals(false, grouped.options().get("group_fallback"));
  }

  @Test
  void rowsAreRoutedByTheirGroupAndUnseenGroupsHaveNoPrediction() throws SQLException {
    createSales(0);
    PortableModel model = train(SALES, "type", "linear_regression", "label", "units",
        "group_by", "region").model();
    assertEquals("REGION", model.signature().get(0).name());
    assertEquals(FeatureKind.CATEGORICAL, model.signature().get(0).kind());
    assertEquals(List.of("NORTH", "SOUTH", "EAST"), model.groups().orElseThrow().keys());
    Scorer scorer = Scorer.of(model);
    assertEquals(21, (Double) scorer.predict(new Object[] {"NORTH", 10.0}), 0.05);
    assertEquals(20, (Double) scorer.predict(new Object[] {"SOUTH", 10.0}), 0.05);
    assertEquals(15, (Double) scorer.predict(new Object[] {"EAST", 10.0}), 0.05);
    assertNull(scorer.predict(new Object[] {"WEST", 10.0}));
    assertNull(scorer.predict(new Object[] {null, 10.0}));
    assertTrue(Double.isNaN(scorer.regress(new double[] {10}, new String[] {"WEST"})));
    assertFalse(((GroupedScorer) scorer).routes("WEST"));
  }

  @Test
  void numericGroupsCompareAsText() throws SQLException {
    H2Tables.execute(connection, "CREATE TABLE t(store INTEGER, x DOUBLE, y DOUBLE)");
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add(new Object[] {1, (double) i, 1.0 * i});
      rows.add(new Object[] {2, (double) i, -1.0 * i});
    }
    H2Tables.insert(connection, "t", rows);
    Scorer scorer = Scorer.of(train("SELECT store, x, y FROM t", "type", "linear_regression",
        "label", "y", "group_by", "store", "test_fraction", 0).model());
    assertEquals(-5, (Double) scorer.predict(new Object[] {2L, 5.0}), 1e-9);
    assertEquals(-5, (Double) scorer.predict(new Object[] {new BigDecimal("2.00"), 5.0}), 1e-9);
    assertEquals(5, (Double) scorer.predict(new Object[] {1.0, 5.0}), 1e-9);
  }

  @Test
  void fallbackScoresUnseenAndNullGroups() throws SQLException {
    createSales(0);
    TrainingResult result = train(SALES, "type", "linear_regression", "label", "units",
        "group_by", "region", "group_fallback", true);
    GroupedModels groups = result.model().groups().orElseThrow();
    assertEquals(1, groups.fallback().signature().size(), "the fallback's features only");
    Scorer scorer = Scorer.of(result.model());
    double west = (Double) scorer.predict(new Object[] {"WEST", 10.0});
    double fallback = (Double) Scorer.of(groups.fallback()).predict(new Object[] {10.0});
    assertEquals(fallback, west);
    assertEquals(fallback, (Double) scorer.predict(new Object[] {null, 10.0}));
    assertTrue(result.metrics().containsKey("fallback_rmse"), result.metrics().toString());
    assertEquals(true, result.options().get("group_fallback"));
  }

  @Test
  void rowsOfANullGroupAreSkippedAndCounted() throws SQLException {
    createSales(5);
    TrainingResult result = train(SALES, "type", "linear_regression", "label", "units",
        "group_by", "region");
    assertEquals(5, result.skippedRows());
    assertEquals(60, result.trainingRows() + result.heldOutRows());
  }

  /** Group A has classes x and y, group B y and z: the grouped label has all three. */
  @Test
  void classesOfEveryGroupMapToTheGroupedLabel() throws SQLException {
    H2Tables.execute(connection, "CREATE TABLE c(g VARCHAR, v DOUBLE, k VARCHAR)");
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      rows.add(new Object[] {"A", (double) i, i < 10 ? "x" : "y"});
      rows.add(new Object[] {"B", (double) i, i < 10 ? "z" : "y"});
    }
    H2Tables.insert(connection, "c", rows);
    TrainingResult result = train("SELECT g, v, k FROM c", "type", "logistic_regression",
        "label", "k", "group_by", "g", "test_fraction", 0);
    PortableModel model = result.model();
    assertEquals(List.of("x", "y", "z"), model.label().classes());
    assertEquals(1.0, result.metrics().get("accuracy"));
    Scorer scorer = Scorer.of(model);
    assertEquals("x", scorer.predict(new Object[] {"A", 1.0}));
    assertEquals("z", scorer.predict(new Object[] {"B", 1.0}));
    assertEquals(2, scorer.predictClass(new double[] {1}, new String[] {"B"}));
    double[] probabilities = new double[3];
    scorer.classProbabilities(new double[] {1}, new String[] {"B"}, probabilities);
    assertEquals(0, probabilities[0]);
    assertTrue(probabilities[2] > 0.5);
  }

  @Test
  void columnSplitIsDividedByGroup() throws SQLException {
    H2Tables.execute(connection, "CREATE TABLE s(g VARCHAR, x DOUBLE, y DOUBLE, part BOOLEAN)");
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add(new Object[] {"A", (double) i, 2.0 * i, i >= 8});
      rows.add(new Object[] {"B", (double) i, 3.0 * i, i >= 9});
    }
    H2Tables.insert(connection, "s", rows);
    TrainingResult result = train("SELECT g, x, y, part FROM s", "type", "linear_regression",
        "label", "y", "group_by", "g", "split", "column", "split_column", "part");
    assertEquals(3, result.heldOutRows());
    assertTrue(result.mainMetric() < 1e-9);
  }

  // ---- errors ------------------------------------------------------------------------------------

  @Test
  void groupHeldOutEntirely() throws SQLException {
    H2Tables.execute(connection, "CREATE TABLE s(g VARCHAR, x DOUBLE, y DOUBLE, part BOOLEAN)");
    H2Tables.insert(connection, "s", List.of(
        new Object[] {"A", 1.0, 1.0, false}, new Object[] {"A", 2.0, 2.0, false},
        new Object[] {"A", 3.0, 3.0, false}, new Object[] {"B", 1.0, 1.0, true}));
    SQLException e = trainingFails(SibylErrors.DATA, "SELECT g, x, y, part FROM s",
        "type", "linear_regression", "label", "y", "group_by", "g", "split", "column",
        "split_column", "part");
    assertMentions(e, "G = 'B'", "none to train");
  }

  @Test
  void everyGroupNull() throws SQLException {
    H2Tables.execute(connection, "CREATE TABLE n(g VARCHAR, x DOUBLE, y DOUBLE)");
    H2Tables.insert(connection, "n", List.of(
        new Object[] {null, 1.0, 1.0}, new Object[] {"A", 2.0, null}));
    SQLException e = trainingFails(SibylErrors.DATA, "SELECT g, x, y FROM n",
        "type", "linear_regression", "label", "y", "group_by", "g");
    assertMentions(e, "all 2 rows were skipped", "1 of them for a NULL group_by column 'G'",
        "others for a NULL label");
  }

  @Test
  void groupColumnNotInQuery() throws SQLException {
    createSales(0);
    SQLException e = trainingFails(SibylErrors.UNDEFINED_COLUMN, SALES,
        "type", "linear_regression", "label", "units", "group_by", "store");
    assertMentions(e, "'store'", "group_by", "REGION, PRICE, UNITS");
  }

  @Test
  void groupColumnIsTheLabel() throws SQLException {
    createSales(0);
    SQLException e = trainingFails(SibylErrors.SYNTAX, SALES,
        "type", "linear_regression", "label", "units", "group_by", "UNITS");
    assertMentions(e, "group_by", "label");
  }

  @Test
  void tooManyGroups() {
    SQLException e = trainingFails(SibylErrors.LIMIT_EXCEEDED,
        "SELECT x AS id, x AS price, 2 * x AS units FROM SYSTEM_RANGE(1, 1005)",
        "type", "linear_regression", "label", "units", "group_by", "id");
    assertMentions(e, "1005 distinct values", "limit of 1000");
  }

  @Test
  void unsupportedGroupColumnType() {
    SQLException e = trainingFails(SibylErrors.DATATYPE_MISMATCH,
        "SELECT DATE '2026-01-01' AS d, x, x AS y FROM SYSTEM_RANGE(1, 5)",
        "type", "linear_regression", "label", "y", "group_by", "d");
    assertMentions(e, "'D'", "DATE");
  }

  @Test
  void groupThatCannotBeTrainedIsNamed() throws SQLException {
    H2Tables.execute(connection, "CREATE TABLE c(g VARCHAR, v DOUBLE, k BOOLEAN)");
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add(new Object[] {"A", (double) i, i < 5});
      rows.add(new Object[] {"B", (double) i, true});
    }
    H2Tables.insert(connection, "c", rows);
    SQLException e = trainingFails(SibylErrors.DATA, "SELECT g, v, k FROM c",
        "type", "logistic_regression", "label", "k", "group_by", "g");
    assertMentions(e, "group G = 'B' (10 rows)", "single class");
  }

  @Test
  void fallbackWithoutGroupBy() {
    assertMentions(optionsFail(SibylErrors.SYNTAX, "type", "linear_regression", "label", "y",
        "group_fallback", true), "group_fallback", "needs group_by");
  }

  @Test
  void fallbackMustBeBoolean() {
    assertMentions(optionsFail(SibylErrors.INVALID_PARAMETER, "type", "linear_regression",
        "label", "y", "group_by", "g", "group_fallback", 1), "TRUE or FALSE");
  }

  @Test
  void foldsWithGroupBy() {
    assertMentions(optionsFail(SibylErrors.NOT_SUPPORTED, "type", "linear_regression",
        "label", "y", "group_by", "g", "folds", 3), "'folds'", "group_by");
  }

  @Test
  void searchWithGroupBy() {
    assertMentions(optionsFail(SibylErrors.NOT_SUPPORTED, "type", "ridge", "label", "y",
        "group_by", "g", "search", "grid", "search_params", "{\"lambda\": [1, 2]}"),
        "'search'", "group_by");
  }

  @Test
  void groupByTheSplitColumn() {
    assertMentions(optionsFail(SibylErrors.SYNTAX, "type", "linear_regression", "label", "y",
        "group_by", "Day", "split", "last", "order_by", "day"), "'order_by'");
  }

  @Test
  void blankGroupBy() {
    optionsFail(SibylErrors.SYNTAX, "type", "linear_regression", "label", "y", "group_by", " ");
  }
}

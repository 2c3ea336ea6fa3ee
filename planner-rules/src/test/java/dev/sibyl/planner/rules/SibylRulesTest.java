package dev.sibyl.planner.rules;

import static dev.sibyl.planner.rules.PlannedQueries.plan;
import static dev.sibyl.planner.rules.PlannedQueries.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.calcite.runtime.Hook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The planner rules through the driver: each query is planned with the rules on and off; the plan
 * shows what moved into the source, and the rows are identical (NULL features and categories
 * unseen in training included).
 */
class SibylRulesTest {
  private String database;
  private Connection on;
  private Connection off;

  @BeforeEach
  void open() throws SQLException {
    database = "mem:rules" + UUID.randomUUID().toString().replace("-", "");
    on = connect("on");
    off = connect("off");
    try (Statement s = on.createStatement()) {
      s.execute("CREATE TABLE people (id INT PRIMARY KEY, x1 DOUBLE, x2 DOUBLE, plan VARCHAR(10),"
          + " region VARCHAR(5), spend DOUBLE, churned BOOLEAN)");
      try (PreparedStatement insert =
          on.prepareStatement("INSERT INTO people VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        Random random = new Random(3);
        for (int i = 0; i < 600; i++) {
          double x1 = random.nextGaussian();
          double x2 = random.nextGaussian();
          String plan = i % 3 == 0 ? "pro" : i % 3 == 1 ? "basic" : "team";
          insert.setInt(1, i);
          if (i % 50 == 7) {
            insert.setNull(2, java.sql.Types.DOUBLE);
          } else {
            insert.setDouble(2, x1);
          }
          insert.setDouble(3, x2);
          insert.setString(4, i % 97 == 5 ? null : i >= 500 ? "unseen" : plan);
          insert.setString(5, i % 2 == 0 ? "north" : "south");
          insert.setDouble(6, 3 * x1 - 2 * x2 + (plan.equals("pro") ? 4 : 0)
              + random.nextGaussian());
          insert.setBoolean(7, x1 + x2 + random.nextGaussian() * 0.5 > 0.4);
          insert.addBatch();
        }
        insert.executeBatch();
      }
      s.executeQuery("CREATE MODEL spend WITH (type = 'linear_regression', label = 'spend')"
          + " AS SELECT x1, x2, plan, spend FROM people WHERE id < 500").close();
      s.executeQuery("CREATE MODEL churn WITH (type = 'logistic_regression', label = 'churned')"
          + " AS SELECT x1, x2, plan, churned FROM people WHERE id < 500").close();
      s.executeQuery("CREATE MODEL tree WITH (type = 'decision_tree', label = 'spend',"
          + " max_depth = 4) AS SELECT x1, x2, spend FROM people WHERE id < 500").close();
      s.executeQuery("CREATE MODEL churn_tree WITH (type = 'decision_tree', label = 'churned',"
          + " max_depth = 3) AS SELECT x1, x2, plan, churned FROM people WHERE id < 500").close();
      s.executeQuery("CREATE MODEL forest WITH (type = 'random_forest', label = 'spend',"
          + " trees = 4, max_depth = 3) AS SELECT x1, x2, plan, spend FROM people WHERE id < 500")
          .close();
      s.executeQuery("CREATE MODEL bayes WITH (type = 'naive_bayes', label = 'churned')"
          + " AS SELECT x1, x2, plan, churned FROM people WHERE id < 500").close();
    }
  }

  private Connection connect(String rules) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("db", database);
    properties.setProperty("rules", rules);
    return DriverManager.getConnection("jdbc:sibyl:", properties);
  }

  @AfterEach
  void close() throws SQLException {
    on.close();
    off.close();
  }

  @Test
  void thresholdOnALogisticProbabilityBecomesALinearInequalityInTheSource() throws SQLException {
    String query = "SELECT COUNT(*) FROM people WHERE PREDICT_PROBA('churn', x1, x2, plan) > 0.9";
    String plan = plan(on, query);
    assertTrue(plan.contains("JdbcFilter"), plan);
    assertFalse(plan.contains("EXP("), "a linear inequality, no exponential: " + plan);
    assertFalse(plan.contains("PREDICT"), plan);
    assertTrue(plan(off, query).contains("PREDICT_PROBA"), "the rules are off");
    assertSameRows(query);
    assertTrue(rows(on, query).get(0).get(0) instanceof Number);
  }

  @Test
  void predictInAFilterIsInlinedAndPushedIntoTheSource() throws SQLException {
    String query = "SELECT id FROM people WHERE PREDICT('spend', x1, x2, plan) > 2 ORDER BY id";
    String plan = plan(on, query);
    assertTrue(plan.contains("JdbcFilter"), plan);
    assertFalse(plan.contains("PREDICT"), plan);
    assertSameRows(query);
    String probability = "SELECT id FROM people WHERE PREDICT('churn') ORDER BY id";
    assertFalse(plan(on, probability).contains("PREDICT"), plan(on, probability));
    assertSameRows(probability);
  }

  @Test
  void predictUnderAnAggregateIsInlinedAndTheAggregateRunsInTheSource() throws SQLException {
    String query = "SELECT region, AVG(PREDICT('spend')) AS avg_spend,"
        + " SUM(PREDICT_PROBA('churn')) AS expected_churn FROM people GROUP BY region"
        + " ORDER BY region";
    String plan = plan(on, query);
    assertTrue(plan.contains("JdbcAggregate"), plan);
    assertFalse(plan.contains("PREDICT"), plan);
    // each row's prediction is the same double; the source sums them in its own order
    List<List<Object>> expected = rows(off, query);
    List<List<Object>> actual = rows(on, query);
    assertEquals(expected.size(), actual.size());
    for (int r = 0; r < expected.size(); r++) {
      assertEquals(expected.get(r).get(0), actual.get(r).get(0));
      for (int c = 1; c < expected.get(r).size(); c++) {
        double e = ((Number) expected.get(r).get(c)).doubleValue();
        assertEquals(e, ((Number) actual.get(r).get(c)).doubleValue(), Math.abs(e) * 1e-12);
      }
    }
  }

  @Test
  void inlinedConstantsReachTheSourceAsDoubles() throws SQLException {
    List<String> sql = new ArrayList<>();
    Consumer<Object> collect = s -> sql.add(String.valueOf(s));
    try (Hook.Closeable ignored = Hook.QUERY_PLAN.addThread(collect)) {
      rows(on, "SELECT COUNT(*) FROM people WHERE PREDICT('spend', x1, x2, plan) > 2");
    }
    String generated = String.join("\n", sql);
    assertTrue(generated.contains("AS DOUBLE PRECISION)"), generated);
    assertFalse(generated.contains("PREDICT"), generated);
  }

  @Test
  void byDefaultTheCostModelKeepsTheScorerNextToH2ButStillPrunes() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("db", database);
    try (Connection defaults = DriverManager.getConnection("jdbc:sibyl:", properties)) {
      String query =
          "SELECT COUNT(*) FROM people WHERE PREDICT_PROBA('churn', x1, x2, plan) > 0.9";
      assertTrue(plan(defaults, query).contains("PREDICT_PROBA"), plan(defaults, query));
      assertEquals(rows(off, query), rows(defaults, query));
      String select = "SELECT id, PREDICT('spend') FROM people";
      assertTrue(plan(defaults, select).contains("JdbcProject(ID=[$0], X1=[$1], X2=[$2]"),
          "only the columns read are fetched: " + plan(defaults, select));
    }
  }

  @Test
  void smallTreesAreInlinedWithTheSameResults() throws SQLException {
    String query = "SELECT id FROM people WHERE PREDICT('tree', x1, x2) > 2 ORDER BY id";
    assertFalse(plan(on, query).contains("PREDICT"), plan(on, query));
    assertTrue(plan(on, query).contains("JdbcFilter"), plan(on, query));
    assertSameRows(query);
    String classes = "SELECT id, PREDICT('churn_tree') FROM people"
        + " WHERE PREDICT_PROBA('churn_tree') > 0.3 AND PREDICT('churn_tree') ORDER BY id";
    assertTrue(plan(on, classes).contains("JdbcFilter"), plan(on, classes));
    assertSameRows(classes);
    String forest = "SELECT region, SUM(PREDICT('forest')) FROM people GROUP BY region";
    assertFalse(plan(on, forest).contains("PREDICT"), plan(on, forest));
    List<List<Object>> expected = rows(off, forest + " ORDER BY region");
    List<List<Object>> actual = rows(on, forest + " ORDER BY region");
    for (int r = 0; r < expected.size(); r++) {
      double e = ((Number) expected.get(r).get(1)).doubleValue();
      assertEquals(e, ((Number) actual.get(r).get(1)).doubleValue(), Math.abs(e) * 1e-12);
    }
  }

  @Test
  void conditionsOnFeaturesFoldConstantsAndPruneBranchesWithTheSameResults() throws SQLException {
    String ranges = "SELECT id FROM people WHERE x2 > 0.5 AND PREDICT('forest') > 1"
        + " AND PREDICT('tree', x1, x2) < 9 ORDER BY id";
    assertFalse(plan(on, ranges).contains("PREDICT"), plan(on, ranges));
    assertSameRows(ranges);
    String constants = "SELECT id, PREDICT('spend'), PREDICT('forest'), PREDICT('churn_tree'),"
        + " PREDICT_PROBA('churn') FROM people WHERE plan = 'pro' ORDER BY id";
    String plan = plan(on, constants);
    assertFalse(plan.contains("PLAN=["), "the pinned column is not fetched: " + plan);
    assertSameRows(constants);
    String pinnedNull = "SELECT id, PREDICT('spend') FROM people WHERE x1 IS NULL ORDER BY id";
    assertFalse(rows(on, pinnedNull).isEmpty());
    assertSameRows(pinnedNull);
  }

  @Test
  void aPaddedCharColumnPinnedByACondition() throws SQLException {
    try (Statement s = on.createStatement()) {
      s.execute("CREATE TABLE padded (id INT, code CHAR(8), x DOUBLE, y DOUBLE)");
      s.execute("INSERT INTO padded SELECT X, CASE MOD(X, 2) WHEN 0 THEN 'pro' ELSE 'team' END,"
          + " X, X + CASE MOD(X, 2) WHEN 0 THEN 40 ELSE 0 END FROM SYSTEM_RANGE(1, 60)");
      s.executeQuery("CREATE MODEL by_code WITH (type = 'linear_regression', label = 'y')"
          + " AS SELECT code, x, y FROM padded").close();
    }
    String query = "SELECT id, PREDICT('by_code', code, x) FROM padded"
        + " WHERE code = 'pro' AND PREDICT('by_code', code, x) > 50 ORDER BY id";
    assertFalse(rows(off, query).isEmpty());
    assertSameRows(query);
  }

  @Test
  void modelsThatAreNotInlinedKeepTheScorerAndTheSameResults() throws SQLException {
    String query = "SELECT id FROM people WHERE PREDICT('bayes', x1, x2, plan) ORDER BY id";
    assertTrue(plan(on, query).contains("PREDICT"), plan(on, query));
    assertSameRows(query);
    String select = "SELECT id, PREDICT('spend') AS p FROM people ORDER BY id";
    assertTrue(plan(on, select).contains("PREDICT"),
        "a plain projection keeps the scorer: " + plan(on, select));
  }

  @Test
  void scoredTreesArePrunedByRangesAndConstantsWithTheSameResults() throws SQLException {
    try (Statement s = on.createStatement()) {
      s.executeQuery("CREATE MODEL churn_forest WITH (type = 'random_forest',"
          + " label = 'churned', trees = 8, max_depth = 5)"
          + " AS SELECT x1, x2, plan, churned FROM people WHERE id < 500").close();
      s.executeQuery("CREATE MODEL boosted WITH (type = 'gradient_boosting',"
          + " label = 'churned', trees = 10, max_depth = 3)"
          + " AS SELECT x1, x2, churned FROM people WHERE id < 500").close();
    }
    String range = "SELECT id, PREDICT_PROBA('churn_forest'), PREDICT('boosted', x1, x2)"
        + " FROM people WHERE x2 > 0.5 ORDER BY id";
    assertTrue(plan(on, range).contains("CHURN_FOREST@1{\"X2\" > 0.5}"), plan(on, range));
    assertTrue(plan(on, range).contains("BOOSTED@1{\"X2\" > 0.5}"), plan(on, range));
    assertSameRows(range);
    String between = "SELECT id FROM people WHERE x1 BETWEEN -0.5 AND 0.25"
        + " AND PREDICT('churn_forest') ORDER BY id";
    assertTrue(plan(on, between).contains("{\"X1\" >= -0.5, \"X1\" <= 0.25}"),
        plan(on, between));
    assertSameRows(between);
    String constants = "SELECT id, PREDICT_PROBA('churn_forest') FROM people"
        + " WHERE plan = 'pro' AND x2 < 0 ORDER BY id";
    assertTrue(plan(on, constants).contains("\"PLAN\" = 'pro'"), plan(on, constants));
    assertSameRows(constants);
    String unseen = "SELECT id, PREDICT_PROBA('churn_forest') FROM people"
        + " WHERE plan = 'unseen' ORDER BY id";
    assertFalse(rows(on, unseen).isEmpty());
    assertSameRows(unseen);
  }

  @Test
  void aRangeWithoutUpperBoundLetsNanThroughSoTheImputedBranchStays() throws SQLException {
    try (Statement s = on.createStatement()) {
      s.execute("CREATE TABLE steps (id INT, x DOUBLE, y DOUBLE)");
      s.execute("INSERT INTO steps SELECT X, MOD(X, 100) / 10.0,"
          + " CASE WHEN MOD(X, 100) < 30 THEN 1 WHEN MOD(X, 100) < 65 THEN 5 ELSE 9 END"
          + " FROM SYSTEM_RANGE(1, 400)");
      s.executeQuery("CREATE MODEL steps_forest WITH (type = 'random_forest', label = 'y',"
          + " trees = 3, max_depth = 4, test_fraction = 0) AS SELECT x, y FROM steps").close();
      s.execute("INSERT INTO steps VALUES (1000, CAST('NaN' AS DOUBLE), 0)");
    }
    // the mean of x (4.95) goes left at the splits between it and 7, which x > 7 sends right
    String query = "SELECT id, PREDICT('steps_forest', x) FROM steps WHERE x > 7 ORDER BY id";
    List<List<Object>> expected = rows(off, query);
    assertEquals(1000, expected.get(expected.size() - 1).get(0),
        "H2 orders NaN above every number, so the NaN row passes x > 7");
    assertSameRows(query);
  }

  @Test
  void aPrunedModelReferenceIsThePlannersOwn() throws SQLException {
    try (Statement s = on.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(
          "SELECT PREDICT('FOREST@1{\"X2\" > 0.5}', x1, x2, plan) FROM people"));
      assertTrue(e.getMessage().contains("Invalid model reference"), e.getMessage());
    }
  }

  private void assertSameRows(String query) throws SQLException {
    assertEquals(rows(off, query), rows(on, query), query);
  }
}

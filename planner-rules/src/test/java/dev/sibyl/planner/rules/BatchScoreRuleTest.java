package dev.sibyl.planner.rules;

import static dev.sibyl.planner.rules.PlannedQueries.plan;
import static dev.sibyl.planner.rules.PlannedQueries.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link SibylRules#BATCH_SCORE} through the driver: for each case the plan with the rules off
 * (before) and on (after), checked against the golden file {@value #GOLDEN}, and the same rows
 * both ways over more rows than a block holds, NULL features and unseen categories included.
 *
 * <p>To add a case, add its query to {@link #CASES} and run this test with {@code
 * -Dsibyl.golden.accept=true}, which writes the plans it got into the golden file; review {@code
 * git diff} before committing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchScoreRuleTest {
  static final String GOLDEN =
      "src/test/resources/dev/sibyl/planner/rules/BatchScoreRuleTest.plans";
  private static final int ROWS = 20_000;

  /** Case name to query; the golden file holds them in this order. */
  private static final Map<String, String> CASES = new LinkedHashMap<>();

  static {
    CASES.put("projection",
        "SELECT id, PREDICT('forest', x1, x2, plan) AS p FROM people");
    CASES.put("condition",
        "SELECT id FROM people WHERE PREDICT('forest', x1, x2, plan) > 2");
    CASES.put("projectionUnderACondition",
        "SELECT id, PREDICT_PROBA('churn_forest', x1, x2, plan) AS p FROM people WHERE x2 > 0");
    CASES.put("projectionAfterAConditionScoredRowByRow",
        "SELECT id, PREDICT_PROBA('churn_forest', x1, x2, plan) AS p FROM people"
            + " WHERE x2 > 0 AND PREDICT('forest', x1, x2, plan) > 1");
    CASES.put("computedFeatures",
        "SELECT id, PREDICT('forest', x1 * 2, x2, UPPER(plan)) AS p FROM people");
    CASES.put("twoModels",
        "SELECT id, PREDICT('forest', x1, x2, plan) AS p,"
            + " PREDICT('churn_forest', x1, x2, plan) AS c FROM people");
    CASES.put("orderByAndLimitAbove",
        "SELECT id, PREDICT('forest', x1, x2, plan) AS p FROM people ORDER BY p DESC, id"
            + " FETCH FIRST 5 ROWS ONLY");
    CASES.put("transformByName",
        "SELECT id, PREDICT('forest_tf') AS p FROM people");
    CASES.put("singleColumnInput",
        "SELECT PREDICT('tree_x2', x2) AS p FROM (SELECT DISTINCT x2 FROM people) ORDER BY 1");
    CASES.put("insideCaseStaysRowByRow",
        "SELECT id, CASE WHEN x2 > 0 THEN PREDICT('forest', x1, x2, plan) END AS p FROM people");
    CASES.put("linearStaysRowByRow",
        "SELECT id, PREDICT('spend', x1, x2, plan) AS p FROM people");
    CASES.put("groupedStaysRowByRow",
        "SELECT id, PREDICT('forest_by_region', region, x1, x2) AS p FROM people");
  }

  private String database;
  private Connection on;
  private Connection off;

  @BeforeAll
  void open() throws SQLException {
    database = "mem:batch" + UUID.randomUUID().toString().replace("-", "");
    on = connect("on");
    off = connect("off");
    try (Statement s = on.createStatement()) {
      s.execute("CREATE TABLE people (id INT PRIMARY KEY, x1 DOUBLE, x2 DOUBLE, plan VARCHAR(10),"
          + " region VARCHAR(5), spend DOUBLE, churned BOOLEAN)");
      try (PreparedStatement insert =
          on.prepareStatement("INSERT INTO people VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        Random random = new Random(5);
        for (int i = 0; i < ROWS; i++) {
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
          insert.setString(4, i % 97 == 5 ? null : i % 11 == 0 && i > 2000 ? "unseen" : plan);
          insert.setString(5, i % 2 == 0 ? "north" : i % 13 == 0 ? "east" : "south");
          insert.setDouble(6, 3 * x1 - 2 * x2 + (plan.equals("pro") ? 4 : 0)
              + random.nextGaussian());
          insert.setBoolean(7, x1 + x2 + random.nextGaussian() * 0.5 > 0.4);
          insert.addBatch();
        }
        insert.executeBatch();
      }
      String training = " FROM people WHERE id < 2000 AND region <> 'east'";
      s.executeQuery("CREATE MODEL forest WITH (type = 'random_forest', label = 'spend',"
          + " trees = 20, seed = 1) AS SELECT x1, x2, plan, spend" + training).close();
      s.executeQuery("CREATE MODEL churn_forest WITH (type = 'random_forest',"
          + " label = 'churned', trees = 20, seed = 1) AS SELECT x1, x2, plan, churned"
          + training).close();
      s.executeQuery("CREATE MODEL forest_tf TRANSFORM (x1 * 2 AS double_x1, plan)"
          + " WITH (type = 'random_forest', label = 'spend', trees = 10, seed = 1)"
          + " AS SELECT *" + training).close();
      s.executeQuery("CREATE MODEL tree_x2 WITH (type = 'decision_tree', label = 'spend')"
          + " AS SELECT x2, spend" + training).close();
      s.executeQuery("CREATE MODEL spend WITH (type = 'linear_regression', label = 'spend')"
          + " AS SELECT x1, x2, plan, spend" + training).close();
      s.executeQuery("CREATE MODEL forest_by_region WITH (type = 'decision_tree',"
          + " label = 'spend', group_by = 'region') AS SELECT region, x1, x2, spend"
          + training).close();
    }
  }

  private Connection connect(String rules) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("db", database);
    properties.setProperty("rules", rules);
    return DriverManager.getConnection("jdbc:sibyl:", properties);
  }

  @AfterAll
  void close() throws SQLException {
    on.close();
    off.close();
  }

  @Test
  void plansBeforeAndAfterMatchTheGoldenFile() throws SQLException, IOException {
    StringBuilder actual = new StringBuilder();
    for (Map.Entry<String, String> c : CASES.entrySet()) {
      actual.append("## ").append(c.getKey()).append('\n')
          .append(c.getValue()).append('\n')
          .append("-- before\n").append(plan(off, c.getValue()))
          .append("-- after\n").append(plan(on, c.getValue())).append('\n');
    }
    Path golden = Path.of(GOLDEN);
    if (Boolean.getBoolean("sibyl.golden.accept")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      return;
    }
    String expected = Files.exists(golden) ? Files.readString(golden, StandardCharsets.UTF_8) : "";
    if (!expected.contentEquals(actual)) {
      Path written = Path.of("target", "BatchScoreRuleTest.plans");
      Files.writeString(written, actual, StandardCharsets.UTF_8);
      fail("plans differ from " + golden + "; actual in " + written + " (diff them, and accept"
          + " with -Dsibyl.golden.accept=true if right)");
    }
  }

  @Test
  void everyCaseGivesTheSameRowsWithTheRuleOnAndOff() throws SQLException {
    for (String query : CASES.values()) {
      List<List<Object>> expected = rows(off, query);
      assertEquals(expected, rows(on, query), query);
      assertTrue(expected.size() >= 5, query);
    }
  }

  @Test
  void nullFeaturesAndUnseenCategoriesScoreAsRowByRow() throws SQLException {
    String query = "SELECT id, PREDICT('forest', x1, x2, plan) AS p,"
        + " PREDICT_PROBA('churn_forest', x1, x2, plan) AS c, PREDICT('churn_forest') AS k"
        + " FROM people WHERE x1 IS NULL OR plan IS NULL OR plan = 'unseen' ORDER BY id";
    assertTrue(plan(on, query).contains("EnumerableBatchPredict"), plan(on, query));
    List<List<Object>> expected = rows(off, query);
    assertTrue(expected.size() > 1000, "rows with NULLs and unseen plans: " + expected.size());
    assertEquals(expected, rows(on, query));
  }

  @Test
  void aFeatureErrorIsRaisedAsRowByRowAndOnlyForRowsReached() throws SQLException {
    String failing =
        "SELECT id, PREDICT('forest', x1 + id / (id - 9000), x2, plan) AS p FROM people";
    assertTrue(plan(on, failing).contains("EnumerableBatchPredict"), plan(on, failing));
    SQLException expected = assertThrows(SQLException.class, () -> rows(off, failing));
    SQLException actual = assertThrows(SQLException.class, () -> rows(on, failing));
    assertEquals(expected.getMessage(), actual.getMessage());
    assertEquals(expected.getSQLState(), actual.getSQLState());
    assertEquals(9000, rowsBeforeTheError(off, failing));
    assertEquals(9000, rowsBeforeTheError(on, failing), "the rows before the failing one");
    String limited = failing + " WHERE id < 9000";
    assertEquals(rows(off, limited), rows(on, limited));
  }

  /** How many rows a query returns before it fails. */
  private static int rowsBeforeTheError(Connection connection, String query) throws SQLException {
    int rows = 0;
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
      while (rs.next()) {
        rows++;
      }
    } catch (SQLException e) {
      return rows;
    }
    return fail("no error after " + rows + " rows");
  }
}

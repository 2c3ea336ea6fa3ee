package dev.sibyl.planner.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.TreeMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Golden plans, one case per rule, in the manner of Calcite's RelOptRulesTest: each case is a
 * query planned with the rules off (before) and on (after), and both plans must match
 * {@code RulePlansTest.txt} next to this class in the test resources.
 *
 * <p>To add a case, add a {@code @Test} that calls {@link #check(String, String)} with a new case
 * name and run it with {@code -Dsibyl.golden.accept=true}: the file is rewritten with the plans
 * found. Read the new plans before you commit them.
 */
class RulePlansTest {
  private static final Path GOLDEN =
      Path.of("src/test/resources/dev/sibyl/planner/rules/RulePlansTest.txt");
  private static final Map<String, String> found = new TreeMap<>();
  private static String database;
  private static Connection on;
  private static Connection off;

  @BeforeAll
  static void createTablesAndModels() throws SQLException {
    database = "mem:plans" + UUID.randomUUID().toString().replace("-", "");
    on = connect("on");
    off = connect("off");
    try (Statement s = on.createStatement()) {
      s.execute("CREATE TABLE people (id INT PRIMARY KEY, x1 DOUBLE, x2 DOUBLE, x3 DOUBLE,"
          + " plan VARCHAR(10), region VARCHAR(5), spend DOUBLE, churned BOOLEAN)");
      s.execute("INSERT INTO people SELECT X, MOD(X * 7, 50) / 10.0, MOD(X * 13, 11),"
          + " MOD(X * 17, 23), CASE MOD(X, 3) WHEN 0 THEN 'pro' WHEN 1 THEN 'basic' ELSE 'team'"
          + " END, CASE WHEN MOD(X, 2) = 0 THEN 'north' ELSE 'south' END,"
          + " 10 + 2 * MOD(X * 13, 11) - MOD(X * 7, 50) / 10.0"
          + " + CASE WHEN MOD(X, 3) = 0 THEN 5 ELSE 0 END,"
          + " MOD(X * 13, 11) + MOD(X * 7, 50) / 10.0 > 6 FROM SYSTEM_RANGE(1, 300)");
      train(s, "spend", "type = 'linear_regression', label = 'spend'", "x1, x2, plan, spend");
      train(s, "churn", "type = 'logistic_regression', label = 'churned'",
          "x1, x2, plan, churned");
      train(s, "lasso", "type = 'lasso', label = 'spend', l1 = 200", "x1, x2, x3, region, spend");
      train(s, "tree", "type = 'decision_tree', label = 'spend', max_depth = 2",
          "x1, x2, x3, spend");
      train(s, "churn_tree", "type = 'decision_tree', label = 'churned', max_depth = 3",
          "x1, x2, plan, churned");
      train(s, "forest", "type = 'random_forest', label = 'spend', trees = 3, max_depth = 2",
          "x1, x2, plan, spend");
      train(s, "churn_forest",
          "type = 'random_forest', label = 'churned', trees = 3, max_depth = 3",
          "x1, x2, x3, churned");
    }
  }

  private static void train(Statement s, String name, String options, String columns)
      throws SQLException {
    s.executeQuery("CREATE MODEL " + name + " WITH (" + options + ", test_fraction = 0)"
        + " AS SELECT " + columns + " FROM people").close();
  }

  private static Connection connect(String rules) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("db", database);
    properties.setProperty("rules", rules);
    return DriverManager.getConnection("jdbc:sibyl:", properties);
  }

  @AfterAll
  static void closeAndAccept() throws SQLException, IOException {
    on.close();
    off.close();
    if (Boolean.getBoolean("sibyl.golden.accept")) {
      Map<String, String> all = read();
      all.putAll(found);
      StringBuilder text = new StringBuilder();
      all.forEach((name, body) -> text.append("## ").append(name).append('\n').append(body));
      Files.writeString(GOLDEN, text.toString(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void pruneFeatures() throws Exception {
    check("pruneFeatures", "SELECT id, PREDICT('lasso'), PREDICT('tree') FROM people");
  }

  @Test
  void narrowSourceProjection() throws Exception {
    check("narrowSourceProjection", "SELECT id, PREDICT('spend') FROM people WHERE x3 > 5");
  }

  @Test
  void probaThreshold() throws Exception {
    check("probaThreshold",
        "SELECT COUNT(*) FROM people WHERE PREDICT_PROBA('churn', x1, x2, plan) > 0.9");
  }

  @Test
  void inlineFilter() throws Exception {
    check("inlineFilter", "SELECT id FROM people WHERE PREDICT('lasso') > 20");
  }

  @Test
  void inlineAggregate() throws Exception {
    check("inlineAggregate",
        "SELECT region, AVG(PREDICT('spend')) FROM people GROUP BY region");
  }

  @Test
  void inlineTrees() throws Exception {
    check("inlineTrees", "SELECT COUNT(*) FROM people WHERE PREDICT('churn_tree')"
        + " AND PREDICT_PROBA('churn_tree') > 0.8 AND PREDICT('forest') > 12");
  }

  @Test
  void predicateConstants() throws Exception {
    check("predicateConstants", "SELECT id, PREDICT('spend'), PREDICT('forest') FROM people"
        + " WHERE plan = 'pro' AND x1 = 2.5");
  }

  @Test
  void branchPruning() throws Exception {
    check("branchPruning", "SELECT id FROM people WHERE x2 > 6 AND PREDICT('forest') > 15");
  }

  @Test
  void pruneTreeBranches() throws Exception {
    check("pruneTreeBranches", "SELECT id, PREDICT_PROBA('churn_forest') FROM people"
        + " WHERE x2 > 6 AND x1 <= 2");
  }

  /** Plans {@code query} with the rules off and on and compares both with the golden file. */
  private static void check(String name, String query) throws Exception {
    String body = query + "\n-- before\n" + plan(off, query) + "-- after\n" + plan(on, query);
    found.put(name, body);
    if (!Boolean.getBoolean("sibyl.golden.accept")) {
      assertEquals(read().get(name), body,
          "plans of case " + name + " (rerun with -Dsibyl.golden.accept=true to accept)");
    }
  }

  private static String plan(Connection connection, String query) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + query)) {
      rs.next();
      String plan = rs.getString(1);
      return plan.endsWith("\n") ? plan : plan + "\n";
    }
  }

  /** The golden file's cases by name. */
  private static Map<String, String> read() throws IOException {
    Map<String, String> cases = new TreeMap<>();
    if (!Files.exists(GOLDEN)) {
      return cases;
    }
    String name = null;
    StringBuilder body = new StringBuilder();
    for (String line : Files.readAllLines(GOLDEN, StandardCharsets.UTF_8)) {
      if (line.startsWith("## ")) {
        if (name != null) {
          cases.put(name, body.toString());
        }
        name = line.substring(3);
        body.setLength(0);
      } else {
        body.append(line).append('\n');
      }
    }
    if (name != null) {
      cases.put(name, body.toString());
    }
    return cases;
  }
}

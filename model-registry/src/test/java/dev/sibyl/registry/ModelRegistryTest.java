package dev.sibyl.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sibyl.registry.model.Algorithm;
import dev.sibyl.registry.model.CentroidParameters;
import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.FeatureSignature;
import dev.sibyl.registry.model.LabelInfo;
import dev.sibyl.registry.model.LinearParameters;
import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.Task;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry table over a real in-memory H2 database. */
class ModelRegistryTest {
  private JdbcDataSource dataSource;
  private ModelRegistry registry;

  @BeforeEach
  void open() throws SQLException {
    dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:reg" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    registry = new ModelRegistry(dataSource);
  }

  @Test
  void installsTheLatestSchemaOnce() throws SQLException {
    new ModelRegistry(dataSource);
    try (Connection c = dataSource.getConnection()) {
      assertEquals(RegistrySchema.latestVersion(), RegistrySchema.installedVersion(c));
    }
  }

  @Test
  void firstVersionIsOneAndActive() throws SQLException {
    ModelVersion v1 = registry.register(entry("churn", 1.0), false);
    assertEquals(1, v1.version());
    assertEquals(v1, registry.resolve(ModelRef.parse("CHURN")));
    assertTrue(registry.exists("Churn"));
  }

  @Test
  void replaceAddsAnActiveVersionAndKeepsTheOld() throws SQLException {
    ModelVersion v1 = registry.register(entry("churn", 1.0), false);
    ModelVersion v2 = registry.register(entry("churn", 2.0), true);
    assertEquals(2, v2.version());
    assertEquals(v2.id(), registry.resolve(ModelRef.parse("churn")).id());
    assertEquals(v1.id(), registry.resolve(ModelRef.parse("churn@1")).id());
    assertEquals(1.0, intercept(registry.load(ModelRef.parse("churn@1"))));
    assertEquals(2.0, intercept(registry.load(ModelRef.parse("churn"))));
    assertEquals(1, count("SELECT COUNT(*) FROM SIBYL.MODELS WHERE ACTIVE"));
  }

  @Test
  void createOfAnExistingModelWithoutReplaceFails() throws SQLException {
    registry.register(entry("churn", 1.0), false);
    SQLException e =
        assertThrows(SQLException.class, () -> registry.register(entry("churn", 2.0), false));
    assertEquals(SibylErrors.DUPLICATE_OBJECT, e.getSQLState());
    assertTrue(e.getMessage().contains("'churn' already exists"), e.getMessage());
    assertEquals(1, count("SELECT COUNT(*) FROM SIBYL.MODELS"));
  }

  @Test
  void unknownModelAndVersionAreNamed() throws SQLException {
    SQLException unknown =
        assertThrows(SQLException.class, () -> registry.resolve(ModelRef.parse("nope")));
    assertEquals(SibylErrors.UNDEFINED_OBJECT, unknown.getSQLState());
    assertTrue(unknown.getMessage().contains("'nope' does not exist"), unknown.getMessage());
    registry.register(entry("churn", 1.0), false);
    SQLException version =
        assertThrows(SQLException.class, () -> registry.resolve(ModelRef.parse("churn@7")));
    assertTrue(version.getMessage().contains("no version 7"), version.getMessage());
  }

  @Test
  void badReferencesAreRefused() {
    for (String bad : new String[] {"", "m@", "@3", "m@x", "m@-1"}) {
      SQLException e = assertThrows(SQLException.class, () -> ModelRef.parse(bad), bad);
      assertEquals(SibylErrors.SYNTAX, e.getSQLState());
    }
  }

  @Test
  void loadsAreCachedByRowId() throws SQLException {
    registry.register(entry("churn", 1.0), false);
    StoredModel first = registry.load(ModelRef.parse("churn"));
    assertSame(first, registry.load(ModelRef.parse("churn")));
  }

  @Test
  void dropRemovesEveryVersion() throws SQLException {
    registry.register(entry("churn", 1.0), false);
    registry.register(entry("churn", 2.0), true);
    assertEquals(2, registry.drop("CHURN"));
    assertFalse(registry.exists("churn"));
    assertEquals(0, registry.drop("churn"));
    ModelVersion again = registry.register(entry("churn", 3.0), false);
    assertEquals(1, again.version());
    assertEquals(3.0, intercept(registry.load(again)));
  }

  @Test
  void corruptedPayloadIsRefusedWithModelAndVersion() throws SQLException {
    registry.register(entry("churn", 1.0), false);
    execute("UPDATE SIBYL.MODELS SET PAYLOAD = X'53425954000100'");
    SQLException e =
        assertThrows(SQLException.class, () -> registry.load(ModelRef.parse("churn")));
    assertEquals(SibylErrors.DATA, e.getSQLState());
    assertTrue(e.getMessage().contains("Model 'churn' version 1"), e.getMessage());
  }

  @Test
  void checksumColumnMismatchIsRefused() throws SQLException {
    registry.register(entry("churn", 1.0), false);
    execute("UPDATE SIBYL.MODELS SET PAYLOAD_SHA256 = REPEAT('0', 64)");
    SQLException e =
        assertThrows(SQLException.class, () -> registry.load(ModelRef.parse("churn")));
    assertTrue(e.getMessage().contains("does not match the registry"), e.getMessage());
  }

  @Test
  void registryRowDescribesTheModel() throws SQLException {
    registry.register(entry("churn", 1.0), false);
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT ALGORITHM, TASK, LABEL, FEATURES, METRICS, PAYLOAD_SIZE, FORMAT_VERSION,"
                + " TRANSFORM FROM SIBYL.MODELS")) {
      assertTrue(rs.next());
      assertEquals("linear_regression", rs.getString(1));
      assertEquals("regression", rs.getString(2));
      assertEquals("SPEND", rs.getString(3));
      assertTrue(rs.getString(4).contains("\"name\":\"PLAN\""), rs.getString(4));
      assertTrue(rs.getString(4).contains("\"categories\":[\"basic\",\"pro\"]"), rs.getString(4));
      assertEquals("{\"rmse\":1.25}", rs.getString(5));
      assertTrue(rs.getLong(6) > 44);
      assertEquals(2, rs.getInt(7));
      assertEquals("\"AGE\",\n\"PLAN\"", rs.getString(8),
          "without TRANSFORM, the features are listed as read");
    }
  }

  @Test
  void aModelWithoutLabelIsStoredWithANullLabel() throws SQLException {
    PortableModel clustering = new PortableModel(Algorithm.KMEANS, Task.CLUSTERING,
        new FeatureSignature(List.of(Feature.numeric("X", "DOUBLE", 0, 0, 1))),
        LabelInfo.none(), new CentroidParameters(new double[][] {{-1}, {1}}));
    registry.register(new NewModelVersion("segments", clustering, Map.of("type", "kmeans"),
        "SELECT x FROM t", 10, 0, 0, Map.of("inertia", 2.0), "tester", "3.1.1"), false);
    assertEquals(1, count("SELECT COUNT(*) FROM SIBYL.MODELS WHERE LABEL IS NULL"
        + " AND TASK = 'clustering' AND LABEL_CLASSES IS NULL AND POSITIVE_CLASS IS NULL"));
    StoredModel stored = registry.load(ModelRef.parse("segments"));
    assertFalse(stored.model().label().isPresent());
    assertEquals(2, ((CentroidParameters) stored.model().body()).clusterCount());
  }

  @Test
  void aVersionOneRegistryIsUpgraded() throws SQLException {
    JdbcDataSource old = new JdbcDataSource();
    old.setURL("jdbc:h2:mem:old" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    try (Connection c = old.getConnection(); Statement s = c.createStatement()) {
      for (String sql : RegistrySchema.statements("V1__registry.sql")) {
        s.execute(sql);
      }
      s.execute("INSERT INTO SIBYL.SCHEMA_VERSION VALUES (1, CURRENT_TIMESTAMP)");
      assertEquals(1, RegistrySchema.installedVersion(c));
    }
    new ModelRegistry(old);
    try (Connection c = old.getConnection()) {
      assertEquals(RegistrySchema.latestVersion(), RegistrySchema.installedVersion(c));
      try (ResultSet runs = c.getMetaData().getTables(null, "SIBYL", "TRAINING_RUNS", null)) {
        assertTrue(runs.next(), "version 2 adds the training runs");
      }
      try (ResultSet columns = c.getMetaData().getColumns(null, "SIBYL", "MODELS", "LABEL")) {
        columns.next();
        assertEquals("YES", columns.getString("IS_NULLABLE"));
      }
    }
  }

  /** A schema version ships for every dialect: PostgreSQL has its variant of each H2 script. */
  @Test
  void everyScriptHasAPostgresVariant() {
    for (String script : RegistrySchema.SCRIPTS) {
      assertFalse(RegistrySchema.statements("postgresql/" + script).isEmpty(), script);
    }
  }

  @Test
  void schemaVersionsNeedNotBeContiguous() throws SQLException {
    assertEquals(5, RegistrySchema.latestVersion());
    assertEquals(5, RegistrySchema.versionOf("V5__training_trials.sql"));
    assertEquals(12, RegistrySchema.versionOf("V12__later.sql"));
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      assertEquals(java.util.Set.of(1, 2, 3, 4, 5), RegistrySchema.appliedVersions(c));
      // A version missing below the highest one is applied all the same, and only it (as when
      // version 4 shipped after a database was already at 5).
      s.execute("DELETE FROM SIBYL.SCHEMA_VERSION WHERE VERSION = 4");
      RegistrySchema.install(c);
      assertEquals(java.util.Set.of(1, 2, 3, 4, 5), RegistrySchema.appliedVersions(c));
      try (ResultSet trials = c.getMetaData().getTables(null, "SIBYL", "TRAINING_TRIALS", null)) {
        assertTrue(trials.next(), "version 5 adds the training trials");
      }
    }
  }

  @Test
  void trialsAreRecordedAgainstTheirRun() throws SQLException {
    TrainingRuns runs = new TrainingRuns(dataSource);
    long run = runs.start("m", "tester");
    runs.recordTrials(run, "m", List.of(
        new TrainingTrial(1, Map.of("l2", 0.5), "accuracy", 0.9, 0.05, 0.25, false),
        new TrainingTrial(2, Map.of("l2", 5), "accuracy", 0.95, 0.01, 0.5, true)));
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT RUN_ID, MODEL, TRIAL, PARAMS, METRIC, METRIC_MEAN,"
            + " METRIC_STDDEV, SECONDS, CHOSEN FROM SIBYL.TRAINING_TRIALS ORDER BY TRIAL")) {
      assertTrue(rs.next());
      assertEquals(run, rs.getLong(1));
      assertEquals("m", rs.getString(2));
      assertEquals("{\"l2\":0.5}", rs.getString(4));
      assertEquals(0.9, rs.getDouble(6));
      assertFalse(rs.getBoolean(9));
      assertTrue(rs.next());
      assertEquals(2, rs.getInt(3));
      assertEquals(0.01, rs.getDouble(7));
      assertTrue(rs.getBoolean(9));
      assertFalse(rs.next());
    }
  }

  private static double intercept(StoredModel stored) {
    return ((LinearParameters) stored.model().body()).intercept();
  }

  private NewModelVersion entry(String name, double intercept) {
    PortableModel model =
        new PortableModel(
            Algorithm.LINEAR_REGRESSION,
            Task.REGRESSION,
            new FeatureSignature(
                List.of(
                    Feature.numeric("AGE", "INTEGER", 40.5, 40.5, 12.25),
                    Feature.categorical("PLAN", "VARCHAR", List.of("basic", "pro")))),
            new LabelInfo("SPEND", "DOUBLE", List.of()),
            new LinearParameters(new double[] {1.5, -2.0, 0.25}, intercept));
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("type", "linear_regression");
    return new NewModelVersion(
        name, model, options, "SELECT age, plan, spend FROM t", 80, 20, 0,
        Map.of("rmse", 1.25), "tester", "3.1.1");
  }

  private long count(String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}

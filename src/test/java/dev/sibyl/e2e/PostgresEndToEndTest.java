package dev.sibyl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sibyl with PostgreSQL as the backing database, end to end: the registry is created there,
 * models train from and score over PostgreSQL tables created the PostgreSQL way (unquoted, so
 * their names are stored in lower case), other statements pass through, and payloads are stored
 * as BYTEA under their checksum. Runs against the server {@link PostgresTestServer} names, in a
 * scratch database; skipped when there is none (failed instead under {@code .ci/run}).
 */
class PostgresEndToEndTest {
  private static PostgresTestServer.ScratchDatabase database;

  @BeforeAll
  static void createDatabaseAndData() throws SQLException {
    if (!PostgresTestServer.reachable()) {
      return;
    }
    database = PostgresTestServer.createDatabase("sibyl_e2e");
    try (Connection connection = database.sibyl(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE customers (id SERIAL PRIMARY KEY, calls INTEGER,"
          + " plan VARCHAR(10), fee DOUBLE PRECISION, churned BOOLEAN)");
      statement.execute("INSERT INTO customers (calls, plan, fee, churned) VALUES"
          + " (0, 'basic', 10, FALSE), (1, 'pro', 25, FALSE), (2, 'basic', 10, FALSE),"
          + " (3, 'pro', 25, TRUE), (4, 'basic', 10, TRUE), (5, 'pro', 25, TRUE),"
          + " (0, 'pro', 25, FALSE), (4, 'pro', 25, TRUE), (1, 'basic', 10, FALSE),"
          + " (6, 'basic', 10, TRUE)");
      statement.execute("CREATE TABLE homes (area DOUBLE PRECISION, rooms INTEGER,"
          + " price NUMERIC(12, 2))");
      statement.execute("INSERT INTO homes SELECT 40 + 10 * g, 1 + g % 4,"
          + " 1000 * (40 + 10 * g) + 5000 * (1 + g % 4) FROM generate_series(0, 29) AS g");
    }
  }

  /** Each test is skipped, or fails under .ci/run, on its own, so reports show them. */
  @BeforeEach
  void requireServer() {
    PostgresTestServer.assumeReachable();
  }

  @AfterAll
  static void dropDatabase() throws SQLException {
    if (database != null) {
      database.close();
    }
  }

  @Test
  void registryIsCreatedInPostgresWithItsOwnTypes() throws SQLException {
    try (Connection sibyl = database.sibyl(); Connection plain = database.plain();
        Statement statement = plain.createStatement()) {
      try (ResultSet rs = statement.executeQuery(
          "SELECT array_agg(version ORDER BY version)::text FROM sibyl.schema_version")) {
        assertTrue(rs.next());
        assertEquals("{1,2,3,4,5}", rs.getString(1));
      }
      try (ResultSet rs = statement.executeQuery("SELECT data_type FROM information_schema.columns"
          + " WHERE table_schema = 'sibyl' AND table_name = 'models' AND column_name = 'payload'")) {
        assertTrue(rs.next());
        assertEquals("bytea", rs.getString(1));
      }
    }
  }

  @Test
  void calciteGeneratesPostgresSql() throws SQLException {
    String url = "jdbc:sibyl:db=" + database.url() + ";db_user=" + PostgresTestServer.USER
        + ";db_password=" + PostgresTestServer.PASSWORD;
    try (Connection sibyl = DriverManager.getConnection(url)) {
      JdbcSchema schema = sibyl.unwrap(CalciteConnection.class).getRootSchema()
          .subSchemas().get("public").unwrap(JdbcSchema.class);
      assertInstanceOf(PostgresqlSqlDialect.class, schema.dialect);
      assertEquals("public", sibyl.getSchema());
    }
  }

  @Test
  void unquotedPostgresNamesMatchIgnoringCase() throws SQLException {
    try (Connection sibyl = database.sibyl(); Statement statement = sibyl.createStatement()) {
      List<String> plans = strings(statement,
          "SELECT DISTINCT Plan FROM Public.CUSTOMERS WHERE fee > 20 ORDER BY 1");
      assertEquals(List.of("pro"), plans);
      assertEquals(List.of("10"), strings(statement, "SELECT COUNT(*) FROM customers"));
      assertEquals(List.of("10"), strings(statement, "SELECT COUNT(\"ID\") FROM \"Customers\""));
    }
  }

  @Test
  void trainsScoresAndEvaluatesOverPostgresTables() throws SQLException {
    try (Connection sibyl = database.sibyl(); Statement statement = sibyl.createStatement()) {
      try (ResultSet rs = statement.executeQuery("CREATE MODEL churn WITH ("
          + "type = 'logistic_regression', label = 'churned', test_fraction = 0)"
          + " AS SELECT calls, plan, churned FROM customers")) {
        assertTrue(rs.next());
        assertEquals("CHURN", rs.getString("MODEL"));
        assertEquals(1, rs.getInt("VERSION"));
        assertEquals(10, rs.getLong("TRAINING_ROWS"));
      }
      Map<Integer, String> positional = new HashMap<>();
      try (ResultSet rs = statement.executeQuery("SELECT id, PREDICT('churn', calls, plan),"
          + " PREDICT('churn'), PREDICT_PROBA('churn', calls, plan), churned"
          + " FROM customers ORDER BY id")) {
        int rows = 0;
        while (rs.next()) {
          rows++;
          positional.put(rs.getInt(1), rs.getString(2));
          assertEquals(rs.getString(2), rs.getString(3), "by-name PREDICT, id " + rs.getInt(1));
          assertEquals(rs.getBoolean(5), rs.getBoolean(2), "PREDICT, id " + rs.getInt(1));
          double probability = rs.getDouble(4);
          assertEquals(rs.getBoolean(2), probability > 0.5, "PREDICT_PROBA " + probability);
        }
        assertEquals(10, rows);
      }
      try (ResultSet rs = statement.executeQuery("SELECT metric, metric_value FROM TABLE(EVALUATE("
          + "'churn', 'SELECT calls, plan, churned FROM customers')) WHERE metric = 'accuracy'")) {
        assertTrue(rs.next());
        assertEquals(1.0, rs.getDouble(2), 1e-9);
      }
      try (ResultSet rs = statement.executeQuery(
          "SELECT COUNT(*) FROM customers WHERE PREDICT('churn', calls, plan)")) {
        assertTrue(rs.next());
        assertEquals(5, rs.getInt(1));
      }
      statement.execute("CREATE TABLE scores (customer INTEGER, churns BOOLEAN)");
      assertEquals(10, statement.executeUpdate("INSERT INTO scores (customer, churns)"
          + " SELECT id, PREDICT('churn') FROM customers"));
      assertEquals(List.of("5"),
          strings(statement, "SELECT COUNT(*) FROM scores WHERE churns"));
      try (ResultSet rs = statement.executeQuery("SELECT * FROM sibyl.models")) {
        assertTrue(rs.next());
        assertEquals("CHURN", rs.getString("name"));
        assertEquals("logistic_regression", rs.getString("algorithm"));
        assertTrue(rs.getBoolean("active"));
        assertEquals(rs.getLong("payload_size"), rs.getBytes("payload").length);
      }
    }
  }

  @Test
  void transformModelsBindByNameOverPostgresTables() throws SQLException {
    try (Connection sibyl = database.sibyl(); Statement statement = sibyl.createStatement()) {
      statement.executeQuery("CREATE MODEL home_price TRANSFORM (STANDARD_SCALE(area) AS area_z,"
          + " rooms) WITH (type = 'linear_regression', label = 'price', test_fraction = 0)"
          + " AS SELECT area, rooms, price FROM homes").close();
      try (ResultSet rs = statement.executeQuery("SELECT MAX(ABS(PREDICT('home_price')"
          + " - CAST(price AS DOUBLE))) FROM homes")) {
        assertTrue(rs.next());
        assertTrue(rs.getDouble(1) < 1e-3, "largest error " + rs.getDouble(1));
      }
      try (ResultSet rs = statement.executeQuery(
          "SELECT transform FROM sibyl.active_models WHERE name = 'HOME_PRICE'")) {
        assertTrue(rs.next());
        assertTrue(rs.getString(1).contains("AREA_Z"), rs.getString(1));
      }
    }
  }

  @Test
  void profilesPostgresTables() throws SQLException {
    try (Connection sibyl = database.sibyl(); Statement statement = sibyl.createStatement()) {
      Map<String, String> rowsByColumn = new HashMap<>();
      try (ResultSet rs = statement.executeQuery(
          "SELECT * FROM TABLE(PROFILE('SELECT calls, plan FROM customers'))")) {
        while (rs.next()) {
          rowsByColumn.put(rs.getString("COLUMN_NAME"), rs.getString("ROW_COUNT"));
        }
      }
      assertEquals(Map.of("*", "10", "CALLS", "10", "PLAN", "10"), rowsByColumn);
    }
  }

  @Test
  void postgresStatementsPassThrough() throws SQLException {
    try (Connection sibyl = database.sibyl(); Statement statement = sibyl.createStatement()) {
      assertEquals(List.of("basic,pro"), strings(statement,
          "SELECT string_agg(DISTINCT plan, ',' ORDER BY plan) FROM customers"));
      statement.execute("CREATE TEMP TABLE IF NOT EXISTS scratch (v JSONB)");
      assertTrue(strings(statement, "SELECT version()").get(0).startsWith("PostgreSQL"));
      SQLException e = assertThrows(SQLException.class,
          () -> statement.execute("CREATE TABLE customers (id INTEGER)"));
      assertEquals("42P07", e.getSQLState(), e.getMessage());
    }
  }

  @Test
  void payloadIsStoredAsByteaAndItsChecksumChecked() throws Exception {
    try (Connection sibyl = database.sibyl(); Statement statement = sibyl.createStatement()) {
      statement.executeQuery("CREATE MODEL fragile WITH (type = 'linear_regression',"
          + " label = 'fee', test_fraction = 0) AS SELECT calls, fee FROM customers").close();
      assertFalse(strings(statement, "SELECT PREDICT('fragile', 1) FROM customers").isEmpty());
    }
    try (Connection plain = database.plain(); PreparedStatement tamper = plain.prepareStatement(
        "UPDATE sibyl.models SET payload = set_byte(payload, 20, get_byte(payload, 20) # 1)"
            + " WHERE name = 'FRAGILE'")) {
      assertEquals(1, tamper.executeUpdate());
    }
    // The last Sibyl connection closed: the next one reads the payload again, not a cached model.
    try (Connection sibyl = database.sibyl(); Statement statement = sibyl.createStatement()) {
      SQLException e = assertThrows(SQLException.class,
          () -> strings(statement, "SELECT PREDICT('fragile', 1) FROM customers"));
      assertEquals("22000", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("Model 'FRAGILE' version 1"), e.getMessage());
      assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }
  }

  private static List<String> strings(Statement statement, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}

package dev.sibyl.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CREATE MODEL runs are logged in SIBYL.TRAINING_RUNS, and Statement.cancel() or a query timeout
 * stops one cleanly: SQLState 57014, the run marked canceled, no model stored, the connection
 * still usable.
 */
class TrainingRunsTest {
  private static final int BIG = 1_000_000;
  private String url;
  private Connection connection;
  private Connection observer;

  @BeforeEach
  void open() throws SQLException {
    url = "jdbc:sibyl:db=mem:runs" + UUID.randomUUID().toString().replace("-", "");
    connection = DriverManager.getConnection(url);
    observer = DriverManager.getConnection(url);
  }

  @AfterEach
  void close() throws SQLException {
    observer.close();
    connection.close();
  }

  @Test
  void aFinishedRunRecordsItsVersionAndRows() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE t AS SELECT X AS x, MOD(X, 2) AS label FROM SYSTEM_RANGE(1, 100)");
      s.executeQuery("CREATE MODEL m WITH (type = 'logistic_regression', label = 'label')"
          + " AS SELECT x, label FROM t").close();
    }
    try (Statement s = observer.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT model, state, phase, rows_read, version, error, finished_at"
                + " FROM sibyl.training_runs")) {
      assertTrue(rs.next());
      assertEquals("M", rs.getString("MODEL"));
      assertEquals("succeeded", rs.getString("STATE"));
      assertEquals("done", rs.getString("PHASE"));
      assertEquals(100, rs.getLong("ROWS_READ"));
      assertEquals(1, rs.getInt("VERSION"));
      assertEquals(null, rs.getString("ERROR"));
      assertNotNull(rs.getTimestamp("FINISHED_AT"));
      assertFalse(rs.next());
    }
  }

  @Test
  void aFailedRunRecordsItsError() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE t (x DOUBLE, label INT)");
      assertThrows(SQLException.class, () -> s.executeQuery(
          "CREATE MODEL m WITH (type = 'logistic_regression', label = 'label')"
              + " AS SELECT x, label FROM t"));
    }
    try (Statement s = observer.createStatement();
        ResultSet rs = s.executeQuery("SELECT state, error FROM sibyl.training_runs")) {
      assertTrue(rs.next());
      assertEquals("failed", rs.getString(1));
      assertTrue(rs.getString(2).contains("returned no rows"), rs.getString(2));
    }
  }

  @Test
  void cancelStopsTrainingAndStoresNothing() throws Exception {
    createBigTable();
    Statement training = connection.createStatement();
    CompletableFuture<SQLException> outcome = CompletableFuture.supplyAsync(() -> {
      try {
        training.executeQuery(createBigModel()).close();
        return null;
      } catch (SQLException e) {
        return e;
      }
    });
    awaitRunningRun();
    training.cancel();
    SQLException e = outcome.get(2, TimeUnit.MINUTES);
    assertNotNull(e, "the training should have been canceled");
    assertEquals("57014", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("'BIG' was canceled"), e.getMessage());
    assertStoppedCleanly("canceled");
  }

  @Test
  void queryTimeoutStopsTraining() throws Exception {
    createBigTable();
    try (Statement s = connection.createStatement()) {
      s.setQueryTimeout(1);
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(createBigModel()));
      assertEquals("57014", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("query timeout of 1 s"), e.getMessage());
    }
    assertStoppedCleanly("canceled");
  }

  private void createBigTable() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE big AS SELECT CAST(X AS DOUBLE) AS x, SIN(X) AS y,"
          + " CASE WHEN SIN(X) > 0 THEN 1 ELSE 0 END AS label FROM SYSTEM_RANGE(1, " + BIG + ")");
    }
  }

  private static String createBigModel() {
    return "CREATE MODEL big WITH (type = 'logistic_regression', label = 'label')"
        + " AS SELECT x, y, label FROM big";
  }

  /** Polls the run log from another connection until the training is under way. */
  private void awaitRunningRun() throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      try (Statement s = observer.createStatement();
          ResultSet rs = s.executeQuery(
              "SELECT COUNT(*) FROM sibyl.training_runs WHERE state = 'running'"
                  + " AND phase IN ('reading', 'fitting')")) {
        rs.next();
        if (rs.getLong(1) == 1) {
          return;
        }
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("the training never showed up as running");
  }

  private void assertStoppedCleanly(String state) throws SQLException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String actual = null;
    while (System.nanoTime() < deadline) {
      try (Statement s = observer.createStatement();
          ResultSet rs = s.executeQuery("SELECT state FROM sibyl.training_runs")) {
        assertTrue(rs.next());
        actual = rs.getString(1);
        if (!actual.equals("running")) {
          break;
        }
      }
    }
    assertEquals(state, actual);
    try (Statement s = observer.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sibyl.models")) {
      rs.next();
      assertEquals(0, rs.getLong(1), "a stopped training stores no model");
    }
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM big WHERE x <= 10")) {
      rs.next();
      assertEquals(10, rs.getLong(1), "the connection still works");
    }
  }
}

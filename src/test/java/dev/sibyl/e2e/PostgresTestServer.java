package dev.sibyl.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server the PostgreSQL tests run against, and the scratch databases they create in
 * it (one per test class or script, dropped afterwards, so the registry starts empty).
 *
 * <p>Named by system properties or, failing those, environment variables: {@code sibyl.pg.url} /
 * {@code SIBYL_PG_URL} (default {@value #DEFAULT_URL}), {@code sibyl.pg.user} / {@code
 * SIBYL_PG_USER} and {@code sibyl.pg.password} / {@code SIBYL_PG_PASSWORD} (default {@code
 * sibyl}). The role needs CREATEDB. When the server cannot be reached the tests are skipped,
 * unless {@code sibyl.pg.required} / {@code SIBYL_PG_REQUIRED} is {@code true} (as {@code .ci/run}
 * sets it): then they fail.
 */
final class PostgresTestServer {
  static final String DEFAULT_URL = "jdbc:postgresql://localhost:5432/sibyl";
  /** PostgreSQL's SQLState when a database to drop still has sessions. */
  private static final String OBJECT_IN_USE = "55006";

  static final String URL = setting("sibyl.pg.url", "SIBYL_PG_URL", DEFAULT_URL);
  static final String USER = setting("sibyl.pg.user", "SIBYL_PG_USER", "sibyl");
  static final String PASSWORD = setting("sibyl.pg.password", "SIBYL_PG_PASSWORD", "sibyl");
  static final boolean REQUIRED =
      Boolean.parseBoolean(setting("sibyl.pg.required", "SIBYL_PG_REQUIRED", "false"));

  private static String unreachable;
  private static boolean probed;

  private PostgresTestServer() {}

  /** Whether the server answers (asked once). */
  static synchronized boolean reachable() {
    if (!probed) {
      probed = true;
      try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD)) {
        unreachable = null;
      } catch (SQLException e) {
        unreachable = "no PostgreSQL server at " + URL + " as " + USER + " (" + e.getMessage()
            + "); set SIBYL_PG_URL, SIBYL_PG_USER, SIBYL_PG_PASSWORD, or run .ci/run";
      }
    }
    return unreachable == null;
  }

  /** Skips the calling test, or fails it when the server is required, unless the server answers. */
  static void assumeReachable() {
    if (reachable()) {
      return;
    }
    if (REQUIRED) {
      fail("SIBYL_PG_REQUIRED is set but " + unreachable);
    }
    Assumptions.abort("Skipped: " + unreachable);
  }

  /** A new, empty database on the server; closing it drops it. */
  static ScratchDatabase createDatabase(String prefix) throws SQLException {
    assumeReachable();
    String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
        .toLowerCase(Locale.ROOT);
    try (Connection admin = DriverManager.getConnection(URL, USER, PASSWORD);
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    return new ScratchDatabase(name, withDatabase(URL, name));
  }

  /** {@code url} with its database name replaced. */
  static String withDatabase(String url, String database) {
    int hostStart = url.indexOf("//");
    int pathStart = url.indexOf('/', hostStart + 2);
    int queryStart = url.indexOf('?', pathStart);
    return url.substring(0, pathStart + 1) + database
        + (queryStart < 0 ? "" : url.substring(queryStart));
  }

  private static String setting(String property, String variable, String fallback) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(variable);
    }
    return value == null || value.isBlank() ? fallback : value;
  }

  /** A database created for one test class or script. */
  record ScratchDatabase(String name, String url) implements AutoCloseable {
    /** A plain PostgreSQL connection to it. */
    Connection plain() throws SQLException {
      return DriverManager.getConnection(url, USER, PASSWORD);
    }

    /** A Sibyl connection whose backing database it is. */
    Connection sibyl() throws SQLException {
      return sibyl("auto");
    }

    /** A Sibyl connection whose backing database it is, with the {@code rules} property. */
    Connection sibyl(String rules) throws SQLException {
      Properties properties = new Properties();
      properties.setProperty("rules", rules);
      properties.setProperty("db", url);
      properties.setProperty("db_user", USER);
      properties.setProperty("db_password", PASSWORD);
      return DriverManager.getConnection("jdbc:sibyl:", properties);
    }

    /**
     * Drops the database. Plain DROP DATABASE also waits out an autovacuum worker, which FORCE may
     * not terminate without superuser rights; FORCE only ends sessions a test left open.
     */
    @Override
    public void close() throws SQLException {
      try (Connection admin = DriverManager.getConnection(URL, USER, PASSWORD);
          Statement statement = admin.createStatement()) {
        try {
          statement.execute("DROP DATABASE IF EXISTS " + name);
        } catch (SQLException e) {
          if (!OBJECT_IN_USE.equals(e.getSQLState())) {
            throw e;
          }
          statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
      }
    }
  }
}

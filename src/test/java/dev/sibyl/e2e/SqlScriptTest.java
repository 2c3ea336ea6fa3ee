package dev.sibyl.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import net.hydromatic.quidem.Quidem;
import net.hydromatic.quidem.Quidem.ConnectionFactory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every Quidem script {@code sql/test/**}{@code /*.iq} against the {@code jdbc:sibyl:} driver
 * and fails with a diff when the actual output differs from the script.
 *
 * <p>Each script starts with {@code !use sibyl}, which opens a fresh in-memory database; {@code
 * !set outputformat mysql} prints results as tables. A statement is followed by its expected
 * result and {@code !ok}, its update count and {@code !update}, or the expected error and {@code
 * !error}. Errors print as {@code java.sql.SQLException: MESSAGE (SQLState STATE)}.
 *
 * <p>With PostgreSQL as the backing database (a scratch database on the server {@link
 * PostgresTestServer} names; skipped when there is none, except under {@code .ci/run}) run the
 * scripts in {@link #POSTGRES_SCRIPTS}, which must print exactly what they print over H2 (they
 * create their tables with SQL both databases accept), and the PostgreSQL-only copies under {@code
 * sql/test/postgresql/} of scripts whose output rightly differs there.
 *
 * <p>The actual output of {@code sql/test/X.iq} goes to {@code src/test/target/quidem/X.iq} (over
 * PostgreSQL, to {@code quidem/on-postgresql/X.iq}). To add a
 * case, write the statement and {@code !ok} with no expected output, run {@code mvn verify -pl
 * src/test -Dtest=SqlScriptTest}, read the actual file, and copy it over the script once it is
 * right (or run with {@code -Dsibyl.quidem.accept=true}, which does the copy; then review {@code git
 * diff}).
 */
class SqlScriptTest {
  /** The connection scripts use. */
  private static final String CONNECTION_NAME = "sibyl";
  /** The same database with Sibyl's planner rules off, to compare plans and results. */
  private static final String RULES_OFF_NAME = "sibyl_rules_off";
  /** The same database with Sibyl's planner rules on (H2 leaves them off by default). */
  private static final String RULES_ON_NAME = "sibyl_rules_on";
  /** The scripts of {@code sql/test/} that also run, unchanged, over PostgreSQL. */
  static final List<String> POSTGRES_SCRIPTS = List.of("by_name.iq",
      "linear_regression.iq", "logistic_regression.iq", "tree_models.iq", "validation.iq");

  @TestFactory
  Stream<DynamicTest> scripts() throws IOException {
    List<Path> scripts = TestPaths.sqlScripts();
    assertFalse(scripts.isEmpty(), "no .iq scripts under " + TestPaths.SQL_TESTS);
    return scripts.stream()
        .map(script -> DynamicTest.dynamicTest(
            TestPaths.SQL_TESTS.relativize(script).toString(), script.toUri(),
            () -> run(script)));
  }

  @TestFactory
  Stream<DynamicTest> scriptsOnPostgres() throws IOException {
    return Stream.concat(
            POSTGRES_SCRIPTS.stream().map(TestPaths.SQL_TESTS::resolve),
            TestPaths.postgresOnlySqlScripts().stream())
        .map(script -> DynamicTest.dynamicTest(
            "on-postgresql/" + TestPaths.SQL_TESTS.relativize(script), script.toUri(),
            () -> runOnPostgres(script)));
  }

  private static void run(Path script) throws IOException {
    Path actual = TestPaths.quidemOutput().resolve(TestPaths.SQL_TESTS.relativize(script));
    run(script, actual, connectionFactory(), true);
  }

  /** Runs a script with a new PostgreSQL database as its {@code sibyl} connection's backing. */
  private static void runOnPostgres(Path script) throws Exception {
    Path actual = TestPaths.quidemOutput().resolve("on-postgresql")
        .resolve(TestPaths.SQL_TESTS.relativize(script));
    List<Connection> opened = new ArrayList<>();
    try (PostgresTestServer.ScratchDatabase database =
        PostgresTestServer.createDatabase("sibyl_iq")) {
      try {
        // Accepting output here would write PostgreSQL's output into a script H2 shares.
        boolean acceptable = script.startsWith(TestPaths.POSTGRES_SQL_TESTS);
        run(script, actual, (name, reference) -> {
          String rules = rulesSetting(name);
          if (reference) {
            return null;
          }
          Connection connection = database.sibyl(rules);
          opened.add(connection);
          return ScriptConnection.wrap(connection);
        }, acceptable);
      } finally {
        for (Connection connection : opened) {
          connection.close();
        }
      }
    }
  }

  private static void run(
      Path script, Path actual, ConnectionFactory connections, boolean acceptable)
      throws IOException {
    Files.createDirectories(actual.getParent());
    try (Reader reader = Files.newBufferedReader(script, StandardCharsets.UTF_8);
        Writer writer = Files.newBufferedWriter(actual, StandardCharsets.UTF_8)) {
      Quidem.Config config = Quidem.configBuilder()
          .withReader(reader)
          .withWriter(writer)
          .withConnectionFactory(connections)
          .build();
      new Quidem(config).execute();
    }
    List<String> expectedLines = Files.readAllLines(script, StandardCharsets.UTF_8);
    List<String> actualLines = Files.readAllLines(actual, StandardCharsets.UTF_8);
    if (expectedLines.equals(actualLines)) {
      return;
    }
    if (acceptable && Boolean.getBoolean("sibyl.quidem.accept")) {
      Files.copy(actual, script, StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    fail("Script output differs (- expected, + actual):\ndiff " + script + " " + actual + "\n"
        + LineDiff.of(expectedLines, actualLines));
  }

  /**
   * Quidem's {@code !use NAME}: {@code sibyl}, {@code sibyl_rules_on} or {@code sibyl_rules_off}
   * (rules {@code auto}, {@code on}, {@code off}), all on one new, empty in-memory database per
   * script (on PostgreSQL: one new database per script). Quidem also asks for a reference
   * connection (for {@code !verify}); scripts do not use one.
   */
  private static ConnectionFactory connectionFactory() {
    String database = "mem:iq" + UUID.randomUUID().toString().replace("-", "");
    return (name, reference) -> {
      String rules = rulesSetting(name);
      if (reference) {
        return null;
      }
      return ScriptConnection.wrap(
          DriverManager.getConnection("jdbc:sibyl:db=" + database + ";rules=" + rules));
    };
  }

  /** The {@code rules} property of a script connection's name. */
  private static String rulesSetting(String name) {
    return switch (name) {
      case CONNECTION_NAME -> "auto";
      case RULES_OFF_NAME -> "off";
      case RULES_ON_NAME -> "on";
      default -> throw new IllegalArgumentException("unknown connection '" + name
          + "'; scripts use !use " + CONNECTION_NAME + ", " + RULES_ON_NAME + " or "
          + RULES_OFF_NAME);
    };
  }
}

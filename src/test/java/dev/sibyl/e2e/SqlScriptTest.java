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
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import net.hydromatic.quidem.Quidem;
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
 * <p>The actual output of {@code sql/test/X.iq} goes to {@code src/test/target/quidem/X.iq}. To add a
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

  @TestFactory
  Stream<DynamicTest> scripts() throws IOException {
    List<Path> scripts = TestPaths.sqlScripts();
    assertFalse(scripts.isEmpty(), "no .iq scripts under " + TestPaths.SQL_TESTS);
    return scripts.stream()
        .map(script -> DynamicTest.dynamicTest(
            TestPaths.SQL_TESTS.relativize(script).toString(), script.toUri(),
            () -> run(script)));
  }

  private static void run(Path script) throws IOException {
    Path actual = TestPaths.quidemOutput().resolve(TestPaths.SQL_TESTS.relativize(script));
    Files.createDirectories(actual.getParent());
    try (Reader reader = Files.newBufferedReader(script, StandardCharsets.UTF_8);
        Writer writer = Files.newBufferedWriter(actual, StandardCharsets.UTF_8)) {
      Quidem.Config config = Quidem.configBuilder()
          .withReader(reader)
          .withWriter(writer)
          .withConnectionFactory(connectionFactory())
          .build();
      new Quidem(config).execute();
    }
    List<String> expectedLines = Files.readAllLines(script, StandardCharsets.UTF_8);
    List<String> actualLines = Files.readAllLines(actual, StandardCharsets.UTF_8);
    if (expectedLines.equals(actualLines)) {
      return;
    }
    if (Boolean.getBoolean("sibyl.quidem.accept")) {
      Files.copy(actual, script, StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    fail("Script output differs (- expected, + actual):\ndiff " + script + " " + actual + "\n"
        + LineDiff.of(expectedLines, actualLines));
  }

  /**
   * Quidem's {@code !use NAME}: {@code sibyl}, {@code sibyl_rules_on} or {@code sibyl_rules_off},
   * all on one new, empty in-memory database per script. Quidem also asks for a reference connection (for {@code
   * !verify}); scripts do not use one.
   */
  private static Quidem.ConnectionFactory connectionFactory() {
    String database = "mem:iq" + UUID.randomUUID().toString().replace("-", "");
    return (name, reference) -> {
      String rules = switch (name) {
        case CONNECTION_NAME -> "";
        case RULES_OFF_NAME -> ";rules=off";
        case RULES_ON_NAME -> ";rules=on";
        default -> throw new IllegalArgumentException("unknown connection '" + name
            + "'; scripts use !use " + CONNECTION_NAME + ", " + RULES_ON_NAME + " or "
            + RULES_OFF_NAME);
      };
      if (reference) {
        return null;
      }
      return ScriptConnection.wrap(
          DriverManager.getConnection("jdbc:sibyl:db=" + database + rules));
    };
  }
}

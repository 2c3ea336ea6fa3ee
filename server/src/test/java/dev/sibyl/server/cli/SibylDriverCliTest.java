package dev.sibyl.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end through the real {@code jdbc:sibyl:} driver, as {@code ./sibyl} runs it. */
class SibylDriverCliTest {
  private static final String NL = System.lineSeparator();

  @TempDir
  Path dir;

  private final CliHarness cli = new CliHarness(SibylConnections::forDatabase);
  private final String db = "mem:cli_" + UUID.randomUUID().toString().replace('-', '_');

  @Test
  void importThenRunThroughTheDriver() throws Exception {
    Path csv = Files.writeString(dir.resolve("customers.csv"),
        "id,plan,monthly fee,churned\n1,basic,9.5,false\n2,pro,20,true\n3,pro,25.5,false\n");
    CliHarness.Result loaded =
        cli.run("--db", db, "import", csv.toString(), "--table", "customers");
    assertEquals(0, loaded.exitCode(), loaded.err());
    assertEquals("Loaded 3 rows into CUSTOMERS" + NL, loaded.out());

    Path script = Files.writeString(dir.resolve("report.sql"),
        "-- revenue per plan\n"
            + "SELECT plan, SUM(monthly_fee) AS revenue FROM customers\n"
            + "GROUP BY plan ORDER BY plan;\n");
    CliHarness.Result report = cli.run("--db", db, "run", script.toString(), "--format", "csv");
    assertEquals(0, report.exitCode(), report.err());
    assertEquals("PLAN,REVENUE\r\nbasic,9.5\r\npro,45.5\r\n", report.out());
  }

  @Test
  void runReportsTheFailingLineThroughTheDriver() throws Exception {
    Path script = Files.writeString(dir.resolve("bad.sql"),
        "CREATE TABLE t (x INT);\nINSERT INTO t VALUES (1);\n\nSELECT nope FROM t;\n");
    CliHarness.Result result = cli.run("--db", db, "run", script.toString());
    assertEquals(1, result.exitCode());
    assertTrue(result.err().startsWith("Error at line 4: "), result.err());
    assertTrue(result.err().contains("NOPE"), result.err());
  }

  @Test
  void uncheckedFailuresInsideTheDriverAreStatementErrors() throws Exception {
    Path script = Files.writeString(dir.resolve("divide.sql"), "SELECT 1;\nSELECT 1 / 0;\n");
    CliHarness.Result result = cli.run("--db", db, "run", script.toString());
    assertEquals(1, result.exitCode());
    assertTrue(result.err().startsWith("Error at line 2: "), result.err());
    assertTrue(result.err().contains("by zero"), result.err());
  }

  @Test
  void longTrainingShowsProgressLines() throws Exception {
    Path script = Files.writeString(dir.resolve("train.sql"),
        "CREATE TABLE big AS SELECT CAST(X AS DOUBLE) AS x, SIN(X) AS y,"
            + " CASE WHEN SIN(X) + COS(X) > 0 THEN 1 ELSE 0 END AS label"
            + " FROM SYSTEM_RANGE(1, 1500000);\n"
            + "CREATE MODEL big WITH (type = 'logistic_regression', label = 'label')"
            + " AS SELECT x, y, label FROM big;\n");
    CliHarness.Result result =
        cli.run("--db", db, "run", script.toString(), "--progress-after", "0");
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.err().contains("  training BIG: "), result.err());
    assertTrue(result.err().contains("rows read"), result.err());
    assertTrue(result.out().contains(" logistic_regression "), result.out());
  }

  @Test
  void shellConnectsWithTheDbPropertyInTheUrl() throws Exception {
    Path data = dir.resolve("it's data").resolve("sibyl");
    String file = data.toString();
    CliHarness.Result created = cli.run("--db", file, "shell",
        "-e", "CREATE TABLE FROM_SHELL (N INT); INSERT INTO FROM_SHELL VALUES (41)");
    assertEquals(0, created.exitCode(), created.err());
    assertTrue(Files.exists(Path.of(file + ".mv.db")), "the H2 file named by --db was created");

    Path script =
        Files.writeString(dir.resolve("q.sql"), "SELECT N + 1 AS ANSWER FROM FROM_SHELL;");
    CliHarness.Result read = cli.run("--db", file, "run", script.toString(), "--format", "json");
    assertEquals(0, read.exitCode(), read.err());
    assertEquals("[" + NL + "  {\"ANSWER\":42}" + NL + "]" + NL, read.out());
  }
}

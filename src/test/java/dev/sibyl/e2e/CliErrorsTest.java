package dev.sibyl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's failures, seen from outside: exit code 1, the line at fault, nothing half-done. */
class CliErrorsTest {
  private static final int EXIT_ERROR = 1;

  @TempDir
  Path scratch;

  @Test
  void scriptStopsAtTheFailingStatementWithItsLine() throws Exception {
    Path script = scratch.resolve("broken.sql");
    Files.writeString(script, String.join("\n",
        "-- line 1: a comment",
        "CREATE TABLE ok_table (x INT);",
        "",
        "SELECT COUNT(*) AS before_error FROM ok_table;",
        "SELECT PREDICT(",
        "  'no_such_model', x) FROM ok_table;",
        "CREATE TABLE never_created (x INT);",
        ""));
    String db = scratch.resolve("db").toString();

    SibylProcess.Result result = SibylProcess.run(scratch, "--db", db, "run", script.toString());

    assertEquals(EXIT_ERROR, result.exitCode(), result.describe());
    assertTrue(result.stdout().contains("BEFORE_ERROR"), result.describe());
    assertTrue(result.stderr().contains(
            "Error at line 5: Model 'no_such_model' does not exist (SQLState 42704)"),
        result.describe());
    assertFalse(tableExists(db, "NEVER_CREATED"), "the script went on after the error");
    assertTrue(tableExists(db, "OK_TABLE"));
  }

  @Test
  void raggedCsvIsRefusedWithItsLineAndLeavesNoTable() throws Exception {
    Path csv = scratch.resolve("ragged.csv");
    Files.writeString(csv, "id,name\n1,alpha\n2,beta\n3,gamma,extra\n4,delta\n");
    String db = scratch.resolve("db").toString();

    SibylProcess.Result result =
        SibylProcess.run(scratch, "--db", db, "import", csv.toString(), "--table", "ragged");

    assertEquals(EXIT_ERROR, result.exitCode(), result.describe());
    assertTrue(result.stderr().contains("line 4"), result.describe());
    assertTrue(result.stderr().contains("nothing was loaded"), result.describe());
    assertFalse(tableExists(db, "RAGGED"), "a table was left behind");
  }

  private static boolean tableExists(String db, String table) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + db, "sa", "");
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = '" + table + "'")) {
      rs.next();
      return rs.getLong(1) > 0;
    }
  }
}

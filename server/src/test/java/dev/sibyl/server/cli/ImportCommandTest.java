package dev.sibyl.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCommandTest {
  private static final String NL = System.lineSeparator();

  @TempDir
  Path dir;

  private final CliHarness cli = new CliHarness();

  private String csv(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8).toString();
  }

  private boolean tableExists(String table) throws SQLException {
    try (Connection connection = cli.connect();
         Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(
             "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
             + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME LIKE '" + table + "%'")) {
      rs.next();
      return rs.getInt(1) > 0;
    }
  }

  @Test
  void importsAndReportsTheRowCount() throws Exception {
    String file = csv("customers.csv",
        "id,plan,monthly fee,churned\n1,basic,9.5,false\n2,pro,20,true\n");
    CliHarness.Result result = cli.run("import", file, "--table", "customers");
    assertEquals(0, result.exitCode(), result.err());
    assertEquals("Loaded 2 rows into CUSTOMERS" + NL, result.out());

    Path query = Files.writeString(dir.resolve("q.sql"),
        "SELECT plan, monthly_fee FROM customers WHERE churned;");
    CliHarness.Result selected = cli.run("run", query.toString(), "--format", "csv");
    assertEquals("PLAN,MONTHLY_FEE\r\npro,20.0\r\n", selected.out());
  }

  @Test
  void importsGzipAndReplaces() throws Exception {
    Path gz = dir.resolve("events.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write("kind;count\nclick;3\nview;1\nbuy;1\n".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(0, cli.run("import", csv("one.csv", "x\n1\n"), "--table", "events").exitCode());
    CliHarness.Result exists =
        cli.run("import", gz.toString(), "--table", "events", "--delimiter", ";");
    assertEquals(1, exists.exitCode());
    assertEquals("Error: Table EVENTS already exists; use --replace to replace it (SQLState 42S01)"
        + " (nothing was loaded)" + NL, exists.err());

    CliHarness.Result replaced =
        cli.run("import", gz.toString(), "--table", "events", "--delimiter", ";", "--replace");
    assertEquals(0, replaced.exitCode(), replaced.err());
    assertEquals("Loaded 3 rows into EVENTS" + NL, replaced.out());
  }

  @Test
  void raggedFileFailsWithItsLineAndLeavesNothingBehind() throws Exception {
    String file = csv("ragged.csv", "a,b\n1,2\n3\n4,5\n");
    CliHarness.Result result = cli.run("import", file, "--table", "ragged");
    assertEquals(1, result.exitCode());
    assertEquals("Error: ragged.csv, line 3: expected 2 fields as in the header but found 1"
        + " (nothing was loaded)" + NL, result.err());
    assertEquals("", result.out());
    assertFalse(tableExists("RAGGED"));
  }

  @Test
  void tabDelimiterByEscape() throws Exception {
    String file = csv("tabs.tsv", "a\tb\n1\tx\n");
    CliHarness.Result result = cli.run("import", file, "--table", "tabs", "--delimiter", "\\t");
    assertEquals(0, result.exitCode(), result.err());
    assertTrue(tableExists("TABS"));
  }

  @Test
  void badArgumentsAreUsageErrors() throws Exception {
    String file = csv("a.csv", "a\n1\n");
    CliHarness.Result delimiter = cli.run("import", file, "--table", "t", "--delimiter", ";;");
    assertEquals(2, delimiter.exitCode());
    assertTrue(delimiter.err().startsWith(
        "Invalid value for option '--delimiter': ';;' is not one character"), delimiter.err());

    CliHarness.Result table = cli.run("import", file, "--table", "a.b.c");
    assertEquals(2, table.exitCode());
    assertTrue(table.err().startsWith("Invalid table name 'a.b.c'"), table.err());

    CliHarness.Result missingTable = cli.run("import", file);
    assertEquals(2, missingTable.exitCode());
    assertTrue(missingTable.err().startsWith("Missing required option: '--table=NAME'"),
        missingTable.err());

    CliHarness.Result missingFile =
        cli.run("import", dir.resolve("none.csv").toString(), "--table", "t");
    assertEquals(2, missingFile.exitCode());
    assertTrue(missingFile.err().startsWith("File not found: "), missingFile.err());
    assertFalse(tableExists("T"));
  }
}

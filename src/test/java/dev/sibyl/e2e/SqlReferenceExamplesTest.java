package dev.sibyl.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Runs every {@code sql} example of {@code docs/sql-reference.md}, in order, on a database set up
 * by {@code docs-fixture.sql}: an example that stops working fails the build.
 */
class SqlReferenceExamplesTest {

  @Test
  void everyExampleRuns() throws Exception {
    List<String> examples = statements(sqlBlocks(
        Files.readString(TestPaths.ROOT.resolve("docs/sql-reference.md"))));
    assertFalse(examples.isEmpty(), "the reference has sql examples");
    try (Connection connection = DriverManager.getConnection(
            "jdbc:sibyl:db=mem:docs" + UUID.randomUUID().toString().replace("-", ""));
        Statement statement = connection.createStatement()) {
      for (String sql : statements(fixture())) {
        statement.execute(sql);
      }
      for (String sql : examples) {
        try {
          if (statement.execute(sql)) {
            try (ResultSet rs = statement.getResultSet()) {
              assertTrue(rs.getMetaData().getColumnCount() > 0, sql);
              while (rs.next()) {
                rs.getObject(1);
              }
            }
          }
        } catch (SQLException e) {
          fail("Example failed: " + sql + "\n" + e.getMessage(), e);
        }
      }
    }
  }

  private static String fixture() throws IOException {
    try (InputStream in = SqlReferenceExamplesTest.class.getResourceAsStream(
        "/docs-fixture.sql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The bodies of the ```sql blocks of a Markdown text. */
  static String sqlBlocks(String markdown) {
    StringBuilder sql = new StringBuilder();
    boolean inside = false;
    for (String line : markdown.split("\n")) {
      if (line.startsWith("```")) {
        inside = !inside && line.trim().equals("```sql");
        continue;
      }
      if (inside) {
        sql.append(line).append('\n');
      }
    }
    return sql.toString();
  }

  /** Statements ending with ';' at the end of a line; '--' comment lines are dropped. */
  static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n")) {
      if (line.strip().startsWith("--") || line.isBlank()) {
        continue;
      }
      current.append(line).append('\n');
      if (line.strip().endsWith(";")) {
        String sql = current.toString().strip();
        statements.add(sql.substring(0, sql.length() - 1));
        current.setLength(0);
      }
    }
    return statements;
  }

}

package dev.sibyl.server.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each output format on the same small result of mixed types, NULLs included. */
class ResultFormatTest {
  private static final String QUERY = "SELECT ID, NAME, SCORE, ACTIVE FROM PEOPLE ORDER BY ID";

  private Connection connection;

  @BeforeEach
  void createTable() throws SQLException {
    connection = DriverManager.getConnection("jdbc:h2:mem:formats");
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE PEOPLE (ID BIGINT, NAME VARCHAR, SCORE DOUBLE PRECISION,"
          + " ACTIVE BOOLEAN)");
      statement.execute("INSERT INTO PEOPLE VALUES"
          + " (1, 'alice', CAST(0.1 AS DOUBLE PRECISION) + CAST(0.2 AS DOUBLE PRECISION), TRUE),"
          + " (20, 'bob, \"the\" builder', NULL, FALSE), (300, NULL, -1.5E-7, NULL)");
    }
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  private String write(ResultFormat format, String query) throws Exception {
    StringWriter text = new StringWriter();
    try (PrintWriter out = new PrintWriter(text);
         Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(query)) {
      format.writer(out).write(rs);
    }
    return text.toString();
  }

  @Test
  void tableAlignsColumnsAndRoundsDoubles() throws Exception {
    String expected = String.join(System.lineSeparator(),
        " ID  |        NAME        |  SCORE  | ACTIVE",
        "-----+--------------------+---------+--------",
        "   1 | alice              |     0.3 | true",
        "  20 | bob, \"the\" builder |    NULL | false",
        " 300 | NULL               | -1.5E-7 | NULL",
        "(3 rows)",
        "",
        "");
    assertEquals(expected, write(ResultFormat.TABLE, QUERY));
  }

  @Test
  void tableCountsOneRowInTheSingular() throws Exception {
    String expected = String.join(System.lineSeparator(),
        " X", "---", " 1", "(1 row)", "", "");
    assertEquals(expected, write(ResultFormat.TABLE, "SELECT 1 AS X"));
  }

  @Test
  void csvFollowsRfc4180WithFullPrecision() throws Exception {
    String expected = "ID,NAME,SCORE,ACTIVE\r\n"
        + "1,alice,0.30000000000000004,true\r\n"
        + "20,\"bob, \"\"the\"\" builder\",,false\r\n"
        + "300,,-1.5E-7,\r\n";
    assertEquals(expected, write(ResultFormat.CSV, QUERY));
  }

  @Test
  void jsonWritesOneArrayOfTypedObjects() throws Exception {
    String expected = String.join(System.lineSeparator(),
        "[",
        "  {\"ID\":1,\"NAME\":\"alice\",\"SCORE\":0.30000000000000004,\"ACTIVE\":true},",
        "  {\"ID\":20,\"NAME\":\"bob, \\\"the\\\" builder\",\"SCORE\":null,\"ACTIVE\":false},",
        "  {\"ID\":300,\"NAME\":null,\"SCORE\":-1.5E-7,\"ACTIVE\":null}",
        "]",
        "");
    assertEquals(expected, write(ResultFormat.JSON, QUERY));
  }

  @Test
  void jsonMakesRepeatedLabelsDistinct() throws Exception {
    String expected = String.join(System.lineSeparator(),
        "[", "  {\"A\":1,\"A_2\":2}", "]", "");
    assertEquals(expected, write(ResultFormat.JSON, "SELECT 1 AS A, 2 AS A"));
  }

  @Test
  void binaryValuesAreSummarisedInTablesAndBase64Elsewhere() throws Exception {
    String query = "SELECT X'CAFE' AS B";
    assertEquals(String.join(System.lineSeparator(), "     B", "-----------", " <2 bytes>",
        "(1 row)", "", ""), write(ResultFormat.TABLE, query));
    assertEquals("B\r\nyv4=\r\n", write(ResultFormat.CSV, query));
  }
}

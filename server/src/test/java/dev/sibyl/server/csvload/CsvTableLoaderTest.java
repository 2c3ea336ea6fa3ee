package dev.sibyl.server.csvload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableLoaderTest {
  @TempDir
  Path dir;

  private Connection connection;

  @BeforeEach
  void open() throws SQLException {
    connection = DriverManager.getConnection("jdbc:h2:mem:");
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  private long load(Path file, String table, boolean replace) throws Exception {
    return new CsvTableLoader(connection, ',').load(file, TableName.parse(table), replace);
  }

  private Map<String, String> columnTypes(String table) throws SQLException {
    Map<String, String> types = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT COLUMN_NAME, DATA_TYPE"
             + " FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = '" + table + "'"
             + " ORDER BY ORDINAL_POSITION")) {
      while (rs.next()) {
        types.put(rs.getString(1), rs.getString(2));
      }
    }
    return types;
  }

  private List<String> rows(String query) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(query)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          Object value = rs.getObject(i);
          values.add(value == null ? "null" : value.getClass().getSimpleName() + ":" + value);
        }
        rows.add(String.join(" ", values));
      }
    }
    return rows;
  }

  /** Tables whose names start with {@code prefix}, staging copies included. */
  private List<String> tablesLike(String prefix) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
             + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME LIKE '" + prefix + "%'"
             + " ORDER BY TABLE_NAME")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    return tables;
  }

  @Test
  void infersEachColumnTypeFromAllItsValues() throws Exception {
    Path file = write("people.csv", String.join("\n",
        "id,score,active,name,big id,nothing,table",
        "1,10,true,alice,1,,x",
        "2,, FALSE ,bob,9223372036854775807,,y",
        "3,11.5,,42,9223372036854775808,,z",
        ""));
    assertEquals(3, load(file, "people", false));

    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("ID", "BIGINT");
    expected.put("SCORE", "DOUBLE PRECISION");
    expected.put("ACTIVE", "BOOLEAN");
    expected.put("NAME", "CHARACTER VARYING");
    expected.put("BIG_ID", "DOUBLE PRECISION");
    expected.put("NOTHING", "CHARACTER VARYING");
    expected.put("TABLE", "CHARACTER VARYING");
    assertEquals(expected, columnTypes("PEOPLE"));
    assertEquals(
        List.of(
            "Long:1 Double:10.0 Boolean:true String:alice Double:1.0 null String:x",
            "Long:2 null Boolean:false String:bob Double:9.223372036854776E18 null String:y",
            "Long:3 Double:11.5 null String:42 Double:9.223372036854776E18 null String:z"),
        rows("SELECT * FROM PEOPLE ORDER BY ID"));
  }

  @Test
  void raggedRowIsReportedWithItsLineAndNothingIsCreated() throws Exception {
    Path file = write("ragged.csv", "a,b\n1,2\n3,4\n5,6,7\n8,9\n");
    MalformedCsvException e =
        assertThrows(MalformedCsvException.class, () -> load(file, "ragged", false));
    assertEquals(4, e.line());
    assertEquals("ragged.csv, line 4: expected 2 fields as in the header but found 3",
        e.getMessage());
    assertEquals(List.of(), tablesLike("RAGGED"));
  }

  @Test
  void lineNumbersCountQuotedLineBreaksAndBlankLines() throws Exception {
    Path file = write("multi.csv", "a,b\r\n1,\"two\r\nlines\"\r\n\r\n3,4\r\n5\r\n");
    MalformedCsvException e =
        assertThrows(MalformedCsvException.class, () -> load(file, "multi", false));
    assertEquals(6, e.line());
    assertEquals(List.of(), tablesLike("MULTI"));
  }

  @Test
  void unparsableQuotingIsReportedWithItsLine() throws Exception {
    Path file = write("quotes.csv", "a,b\n1,2\n3,\"unterminated\n4,5\n");
    MalformedCsvException e =
        assertThrows(MalformedCsvException.class, () -> load(file, "quotes", false));
    assertEquals(3, e.line());
    assertEquals(List.of(), tablesLike("QUOTES"));

    Path stray = write("stray.csv", "a,b\n1,\"x\"y\n");
    MalformedCsvException strayError =
        assertThrows(MalformedCsvException.class, () -> load(stray, "stray", false));
    assertEquals(2, strayError.line());
  }

  @Test
  void emptyFileNeedsAHeader() throws Exception {
    Path file = write("empty.csv", "");
    MalformedCsvException e =
        assertThrows(MalformedCsvException.class, () -> load(file, "empty", false));
    assertEquals("empty.csv, line 1: the file is empty; a header line is required", e.getMessage());
    assertEquals(List.of(), tablesLike("EMPTY"));
  }

  @Test
  void headerOnlyCreatesAnEmptyTable() throws Exception {
    assertEquals(0, load(write("header.csv", "x,y\n"), "header_only", false));
    assertEquals(Map.of("X", "CHARACTER VARYING", "Y", "CHARACTER VARYING"),
        columnTypes("HEADER_ONLY"));
  }

  @Test
  void loadsGzipCompressedFiles() throws Exception {
    Path file = dir.resolve("numbers.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write("n,square\n1,1\n2,4\n3,9\n".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(3, load(file, "numbers", false));
    assertEquals(List.of("Long:3 Long:9"), rows("SELECT * FROM NUMBERS WHERE N = 3"));
  }

  @Test
  void readsByteOrderMarkTabsAndQuotedFields() throws Exception {
    Path file = write("tabs.tsv", "\uFEFFcity\tnote\nParis\t\"a \"\"quoted\"\"\tvalue\"\n");
    long rows = new CsvTableLoader(connection, '\t').load(file, TableName.parse("tabs"), false);
    assertEquals(1, rows);
    assertEquals(List.of("String:Paris String:a \"quoted\"\tvalue"),
        rows("SELECT CITY, NOTE FROM TABS"));
  }

  @Test
  void existingTableIsAnErrorWithoutReplace() throws Exception {
    Path file = write("again.csv", "a\n1\n");
    load(file, "again", false);
    SQLException e = assertThrows(SQLException.class, () -> load(file, "again", false));
    assertEquals("Table AGAIN already exists; use --replace to replace it", e.getMessage());
    assertEquals("42S01", e.getSQLState());
    assertEquals(List.of("Long:1"), rows("SELECT * FROM AGAIN"));
  }

  @Test
  void replaceSwapsInTheNewTable() throws Exception {
    load(write("v1.csv", "a\n1\n"), "versioned", false);
    assertEquals(2, load(write("v2.csv", "b,c\nx,true\ny,false\n"), "versioned", true));
    assertEquals(Map.of("B", "CHARACTER VARYING", "C", "BOOLEAN"), columnTypes("VERSIONED"));
    assertEquals(List.of("VERSIONED"), tablesLike("VERSIONED"));
  }

  /**
   * The test connection, except that the second {@code executeBatch} of every prepared statement
   * fails: one batch is in the table when the load breaks off.
   */
  private Connection failingOnSecondBatch() {
    return proxy(Connection.class, connection, (method, result) -> {
      if (!method.getName().equals("prepareStatement")) {
        return result;
      }
      AtomicInteger batches = new AtomicInteger();
      return proxy(PreparedStatement.class, (PreparedStatement) result, (m, r) -> r, m -> {
        if (m.getName().equals("executeBatch") && batches.incrementAndGet() == 2) {
          throw new SQLException("injected failure", "08S01");
        }
      });
    }, m -> { });
  }

  private interface ResultMapper {
    Object map(Method method, Object result);
  }

  private interface CallCheck {
    void before(Method method) throws SQLException;
  }

  private static <T> T proxy(Class<T> type, T target, ResultMapper mapper, CallCheck check) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (proxy, method, args) -> {
          check.before(method);
          try {
            return mapper.map(method, method.invoke(target, args));
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        }));
  }

  private static String numbered(int rows) {
    StringBuilder csv = new StringBuilder("id,name\n");
    for (int i = 1; i <= rows; i++) {
      csv.append(i).append(",name ").append(i).append('\n');
    }
    return csv.toString();
  }

  @Test
  void failureWhileInsertingRollsBackAndDropsTheNewTable() throws Exception {
    Path file = write("many.csv", numbered(CsvTableLoader.BATCH_SIZE + 10));
    CsvTableLoader loader = new CsvTableLoader(failingOnSecondBatch(), ',');
    SQLException e = assertThrows(SQLException.class,
        () -> loader.load(file, TableName.parse("many"), false));
    assertEquals("injected failure", e.getMessage());
    assertEquals(List.of(), tablesLike("MANY"));
    assertTrue(connection.getAutoCommit(), "auto-commit restored");
  }

  @Test
  void failedReplaceLeavesTheOldTableAsItWas() throws Exception {
    load(write("old.csv", "id\n7\n"), "kept", false);
    Path file = write("many.csv", numbered(CsvTableLoader.BATCH_SIZE + 10));
    CsvTableLoader loader = new CsvTableLoader(failingOnSecondBatch(), ',');
    assertThrows(SQLException.class, () -> loader.load(file, TableName.parse("kept"), true));
    assertEquals(List.of("KEPT"), tablesLike("KEPT"));
    assertEquals(List.of("Long:7"), rows("SELECT * FROM KEPT"));
  }

  @Test
  void bindsValuesAsParametersNotSqlText() throws Exception {
    Path file = write("tricky.csv", "\"it's\",x\n\"O'Brien'); DROP TABLE T; --\",1\n");
    load(file, "tricky", false);
    String[] expected = {"String:O'Brien'); DROP TABLE T; -- Long:1"};
    assertArrayEquals(expected, rows("SELECT * FROM TRICKY").toArray());
    assertEquals(Map.of("IT_S", "CHARACTER VARYING", "X", "BIGINT"), columnTypes("TRICKY"));
  }
}

package dev.sibyl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model whose stored payload was tampered with is refused when it is loaded, with an error that
 * names the model and version (SQLState 22000), and never scored. The tampering goes through a
 * plain H2 connection to the same database file, as a careless DBA or a bad disk would.
 */
class CorruptedPayloadTest {
  private static final String DATA_EXCEPTION = "22000";
  private static final String SCORE = "SELECT PREDICT('fragile', 1.5) FROM (VALUES (1)) AS t(x)";

  @TempDir
  Path scratch;

  private String db;

  @BeforeEach
  void trainModel() throws SQLException {
    db = scratch.resolve("db").toString();
    try (Connection connection = sibyl(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE points (x DOUBLE, y DOUBLE)");
      statement.execute("INSERT INTO points VALUES (1, 2), (2, 4.1), (3, 5.9), (4, 8.2), (5, 9.8)");
      statement.executeQuery(
          "CREATE MODEL fragile WITH (type = 'linear_regression', label = 'y', test_fraction = 0)"
              + " AS SELECT x, y FROM points").close();
      try (ResultSet rs = statement.executeQuery(SCORE)) {
        assertTrue(rs.next());
      }
    }
  }

  @Test
  void flippedPayloadByteIsRefused() throws Exception {
    byte[] payload = payload();
    payload[payload.length / 2] ^= 0x01;
    updateRegistry("UPDATE sibyl.models SET payload = ?", payload);
    assertRefused("checksum");
  }

  @Test
  void flippedChecksumIsRefused() throws Exception {
    String sha = stringColumn("PAYLOAD_SHA256");
    char first = sha.charAt(0) == '0' ? '1' : '0';
    updateRegistry("UPDATE sibyl.models SET payload_sha256 = ?", first + sha.substring(1));
    assertRefused("checksum");
  }

  @Test
  void garbageWithMatchingChecksumIsRefused() throws Exception {
    byte[] garbage = "not a model".getBytes(StandardCharsets.UTF_8);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(garbage));
    updateRegistry("UPDATE sibyl.models SET payload = ?", garbage);
    updateRegistry("UPDATE sibyl.models SET payload_sha256 = ?", sha);
    assertRefused("cannot be loaded");
  }

  private void assertRefused(String detail) throws SQLException {
    try (Connection connection = sibyl(); Statement statement = connection.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> {
        try (ResultSet rs = statement.executeQuery(SCORE)) {
          rs.next();
        }
      });
      assertEquals(DATA_EXCEPTION, e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("Model 'FRAGILE' version 1"), e.getMessage());
      assertTrue(e.getMessage().contains(detail), e.getMessage());
    }
  }

  private Connection sibyl() throws SQLException {
    return DriverManager.getConnection("jdbc:sibyl:db=" + db);
  }

  private Connection plainH2() throws SQLException {
    return DriverManager.getConnection("jdbc:h2:file:" + db, "sa", "");
  }

  private byte[] payload() throws SQLException {
    try (Connection connection = plainH2(); Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT payload FROM sibyl.models")) {
      assertTrue(rs.next());
      return rs.getBytes(1);
    }
  }

  private String stringColumn(String column) throws SQLException {
    try (Connection connection = plainH2(); Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT " + column + " FROM sibyl.models")) {
      assertTrue(rs.next());
      return rs.getString(1);
    }
  }

  private void updateRegistry(String sql, Object value) throws SQLException {
    try (Connection connection = plainH2();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setObject(1, value);
      assertEquals(1, statement.executeUpdate());
    }
  }
}

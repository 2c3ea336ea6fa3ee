package dev.sibyl.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The main path through the JDBC driver: a table, a model trained on it, PREDICT over it. */
class SibylDriverTest {
  private Connection connection;

  @BeforeEach
  void open() throws SQLException {
    connection =
        DriverManager.getConnection("jdbc:sibyl:db=mem:smoke" + UUID.randomUUID().toString().replace("-", ""));
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  private void seed() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE points (id INT PRIMARY KEY, x DOUBLE, y DOUBLE, colour VARCHAR(10), label INT)");
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO points VALUES (?, ?, ?, ?, ?)")) {
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < 400; i++) {
          double x = random.nextGaussian();
          double y = random.nextGaussian();
          String colour = i % 3 == 0 ? "red" : "blue";
          int label = x + 2 * y + (colour.equals("red") ? 1 : 0) > 0.3 ? 1 : 0;
          insert.setInt(1, i);
          insert.setDouble(2, x);
          insert.setDouble(3, y);
          insert.setString(4, colour);
          insert.setInt(5, label);
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
  }

  @Test
  void trainsAndScoresThroughTheDriver() throws SQLException {
    seed();
    try (Statement s = connection.createStatement()) {
      try (ResultSet rs = s.executeQuery(
          "CREATE MODEL pts WITH (type = 'logistic_regression', label = 'label')"
              + " AS SELECT x, y, colour, label FROM points")) {
        assertTrue(rs.next());
        assertEquals("PTS", rs.getString("MODEL"));
        assertEquals(1, rs.getInt("VERSION"));
        assertEquals(320, rs.getLong("TRAINING_ROWS"));
        assertTrue(rs.getDouble("METRIC_VALUE") > 0.9, "accuracy " + rs.getDouble("METRIC_VALUE"));
        assertFalse(rs.next());
      }
      try (ResultSet rs = s.executeQuery(
          "SELECT COUNT(*) FROM points WHERE PREDICT('pts', x, y, colour) = label")) {
        assertTrue(rs.next());
        assertTrue(rs.getLong(1) > 370, "correct: " + rs.getLong(1));
      }
      try (ResultSet rs = s.executeQuery(
          "SELECT PREDICT_PROBA('pts', 3.0, 3.0, 'red'), PREDICT('pts', NULL, NULL, NULL) FROM points WHERE id = 1")) {
        assertTrue(rs.next());
        assertTrue(rs.getDouble(1) > 0.95);
      }
    }
  }

  @Test
  void wrongArityNamesTheSignature() throws SQLException {
    seed();
    try (Statement s = connection.createStatement()) {
      s.executeQuery("CREATE MODEL pts WITH (type = 'logistic_regression', label = 'label')"
          + " AS SELECT x, y, label FROM points").close();
      SQLException e = assertThrows(SQLException.class,
          () -> s.executeQuery("SELECT PREDICT('pts', x) FROM points"));
      assertEquals("42000", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("(X DOUBLE, Y DOUBLE)"), e.getMessage());
    }
  }

  @Test
  void insertSelectWithPredictStoresScoresAtomically() throws SQLException {
    seed();
    try (Statement s = connection.createStatement()) {
      s.executeQuery("CREATE MODEL pts WITH (type = 'logistic_regression', label = 'label')"
          + " AS SELECT x, y, label FROM points").close();
      s.execute("CREATE TABLE scores (id INT PRIMARY KEY, predicted INT)");
      assertEquals(400, s.executeUpdate(
          "INSERT INTO scores (id, predicted) SELECT id, PREDICT('pts', x, y) FROM points"));
      try (ResultSet rs = s.executeQuery(
          "SELECT COUNT(*) FROM scores JOIN points ON scores.id = points.id"
              + " WHERE scores.predicted = PREDICT('pts', points.x, points.y)")) {
        assertTrue(rs.next());
        assertEquals(400, rs.getLong(1));
      }
      SQLException duplicate = assertThrows(SQLException.class, () -> s.executeUpdate(
          "INSERT INTO scores SELECT id, PREDICT('pts', x, y) FROM points WHERE id >= 399"
              + " UNION ALL SELECT 1000, 1 FROM points WHERE id = 0"));
      assertEquals("23505", duplicate.getSQLState(), duplicate.getMessage());
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM scores")) {
        assertTrue(rs.next());
        assertEquals(400, rs.getLong(1), "a failed INSERT leaves no rows behind");
      }
    }
  }

  @Test
  void createTableAsWithPredictExplainsTheAlternative() throws SQLException {
    seed();
    try (Statement s = connection.createStatement()) {
      s.executeQuery("CREATE MODEL pts WITH (type = 'logistic_regression', label = 'label')"
          + " AS SELECT x, y, label FROM points").close();
      SQLException e = assertThrows(SQLException.class, () -> s.execute(
          "CREATE TABLE scored AS SELECT id, PREDICT('pts', x, y) FROM points"));
      assertTrue(e.getMessage().contains("INSERT INTO it SELECT"), e.getMessage());
    }
  }

  @Test
  void everyStatementCommitsOnItsOwn() throws SQLException {
    assertTrue(connection.getAutoCommit());
    connection.setAutoCommit(true);
    connection.commit();
    SQLException e = assertThrows(SQLException.class, () -> connection.setAutoCommit(false));
    assertEquals("0A000", e.getSQLState());
    assertTrue(e.getMessage().contains("transactions are not supported"), e.getMessage());
  }

  @Test
  void divisionByZeroIsADataError() throws SQLException {
    try (Statement s = connection.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> {
        try (ResultSet rs = s.executeQuery("SELECT 1/0 FROM (VALUES (1))")) {
          rs.next();
        }
      });
      assertEquals("22012", e.getSQLState(), e.getMessage());
    }
  }
}

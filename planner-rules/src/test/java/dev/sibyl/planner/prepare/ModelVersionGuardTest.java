package dev.sibyl.planner.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** A prepared PREDICT never scores with a model version that stopped being the active one. */
class ModelVersionGuardTest {
  private Connection connection;

  @BeforeEach
  void open() throws SQLException {
    connection = DriverManager.getConnection(
        "jdbc:sibyl:db=mem:guard" + UUID.randomUUID().toString().replace("-", ""));
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE pts (x DOUBLE, y DOUBLE)");
      s.execute("INSERT INTO pts VALUES (1, 2), (2, 4), (3, 6), (4, 8)");
      train(s, "2");
    }
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  private static void train(Statement s, String slope) throws SQLException {
    s.executeQuery("CREATE OR REPLACE MODEL m WITH (type = 'linear_regression', label = 'y',"
        + " test_fraction = 0) AS SELECT x, x * " + slope + " AS y FROM pts").close();
  }

  @Test
  void aPreparedStatementIsPlannedAgainOnceANewVersionIsActive() throws SQLException {
    try (PreparedStatement predict =
            connection.prepareStatement("SELECT PREDICT('m', CAST(? AS DOUBLE)) FROM pts"
                + " FETCH FIRST 1 ROWS ONLY");
        PreparedStatement pinned =
            connection.prepareStatement("SELECT PREDICT('m@1', 10.0) FROM pts"
                + " FETCH FIRST 1 ROWS ONLY");
        Statement s = connection.createStatement()) {
      predict.setDouble(1, 10);
      assertEquals(20, single(predict), 1e-9);
      train(s, "3");
      assertEquals(30, single(predict), 1e-9, "the new version, without preparing again");
      predict.setDouble(1, 1);
      assertEquals(3, single(predict), 1e-9, "the new plan serves later executions");
      assertEquals(20, single(pinned), 1e-9, "a named version never goes stale");
    }
  }

  @Test
  void aNewVersionWithAnotherResultTypeFailsTheStatementByName() throws SQLException {
    try (PreparedStatement predict =
            connection.prepareStatement("SELECT PREDICT('m', CAST(? AS DOUBLE)) FROM pts"
                + " FETCH FIRST 1 ROWS ONLY");
        Statement s = connection.createStatement()) {
      predict.setDouble(1, 10);
      assertEquals(20, single(predict), 1e-9);
      s.executeQuery("CREATE OR REPLACE MODEL m WITH (type = 'logistic_regression',"
          + " label = 'big', test_fraction = 0) AS SELECT x, CASE WHEN x > 2 THEN 'yes'"
          + " ELSE 'no' END AS big FROM pts").close();
      SQLException changed = assertThrows(SQLException.class, () -> single(predict));
      assertEquals("0A000", changed.getSQLState(), changed.getMessage());
      assertTrue(changed.getMessage().contains("'m' has a new active version 2"),
          changed.getMessage());
      try (PreparedStatement again =
          connection.prepareStatement("SELECT PREDICT('m', 10.0) FROM pts"
              + " FETCH FIRST 1 ROWS ONLY");
          ResultSet rs = again.executeQuery()) {
        rs.next();
        assertEquals("yes", rs.getString(1), "prepared again, it scores the new version");
      }
    }
  }

  @Test
  void aNewVersionThatTakesAnotherParameterTypeFailsTheStatementByName() throws SQLException {
    try (PreparedStatement predict =
            connection.prepareStatement("SELECT PREDICT('m', ?) FROM pts FETCH FIRST 1 ROWS ONLY");
        Statement s = connection.createStatement()) {
      predict.setDouble(1, 10);
      assertEquals(20, single(predict), 1e-9);
      s.executeQuery("CREATE OR REPLACE MODEL m WITH (type = 'ridge', label = 'y',"
          + " test_fraction = 0) AS SELECT CAST(x AS VARCHAR(5)) AS x, x * 3 AS y FROM pts")
          .close();
      SQLException changed = assertThrows(SQLException.class, () -> single(predict));
      assertEquals("0A000", changed.getSQLState(), changed.getMessage());
    }
  }

  private static double single(PreparedStatement statement) throws SQLException {
    try (ResultSet rs = statement.executeQuery()) {
      rs.next();
      return rs.getDouble(1);
    }
  }
}

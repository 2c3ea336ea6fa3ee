package dev.sibyl.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A generated benchmark table in a fresh in-memory H2 database, reached through the Sibyl driver.
 *
 * <p>{@code BENCH(ID, X1..X10, Y, LABEL)}: the features are standard normal, {@code Y} is a fixed
 * linear function of them plus noise, {@code LABEL} is 1 when {@code Y} is positive. Rows are
 * written straight into H2; H2's query cache is off so repeated queries really run.
 */
final class BenchDatabase implements AutoCloseable {
  static final int FEATURES = 10;
  static final String FEATURE_LIST = "x1, x2, x3, x4, x5, x6, x7, x8, x9, x10";

  private final String h2Url;
  private final Connection h2;
  private final Connection sibyl;

  BenchDatabase(int rows, long seed) throws SQLException {
    h2Url = "jdbc:h2:mem:bench" + UUID.randomUUID().toString().replace("-", "")
        + ";DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=0";
    h2 = DriverManager.getConnection(h2Url, "sa", "");
    generate(rows, seed);
    Properties properties = new Properties();
    properties.setProperty("db", h2Url);
    sibyl = DriverManager.getConnection("jdbc:sibyl:", properties);
  }

  /** A connection through the Sibyl driver. */
  Connection sibyl() {
    return sibyl;
  }

  /** A new connection through the Sibyl driver with {@code rules=auto|on|off}; close it. */
  Connection sibyl(String rules) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("db", h2Url);
    properties.setProperty("rules", rules);
    return DriverManager.getConnection("jdbc:sibyl:", properties);
  }

  /** A direct connection to the backing H2 database, e.g. for registry payloads (BLOBs). */
  Connection h2() {
    return h2;
  }

  private void generate(int rows, long seed) throws SQLException {
    try (Statement s = h2.createStatement()) {
      s.execute("CREATE TABLE BENCH (ID BIGINT PRIMARY KEY, X1 DOUBLE, X2 DOUBLE, X3 DOUBLE,"
          + " X4 DOUBLE, X5 DOUBLE, X6 DOUBLE, X7 DOUBLE, X8 DOUBLE, X9 DOUBLE, X10 DOUBLE,"
          + " Y DOUBLE, LABEL INT)");
    }
    SplittableRandom random = new SplittableRandom(seed);
    h2.setAutoCommit(false);
    try (PreparedStatement insert =
        h2.prepareStatement("INSERT INTO BENCH VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int row = 0; row < rows; row++) {
        insert.setLong(1, row);
        double y = 0.5;
        for (int f = 0; f < FEATURES; f++) {
          double x = gaussian(random);
          insert.setDouble(2 + f, x);
          y += (f % 2 == 0 ? 1 : -1) * (f + 1) * 0.3 * x;
        }
        y += gaussian(random);
        insert.setDouble(12, y);
        insert.setInt(13, y > 0 ? 1 : 0);
        insert.addBatch();
        if (row % 10_000 == 9_999) {
          insert.executeBatch();
        }
      }
      insert.executeBatch();
    }
    h2.commit();
    h2.setAutoCommit(true);
  }

  /** A standard normal draw (Box-Muller), as the table's features are generated. */
  static double gaussian(SplittableRandom random) {
    double u = random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }

  @Override
  public void close() throws SQLException {
    sibyl.close();
    try (Statement s = h2.createStatement()) {
      s.execute("DROP ALL OBJECTS");
    }
    h2.close();
  }
}

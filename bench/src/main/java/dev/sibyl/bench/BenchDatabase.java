package dev.sibyl.bench;

import dev.sibyl.registry.format.ModelCodec;
import dev.sibyl.registry.format.ModelFormatException;
import dev.sibyl.registry.model.PortableModel;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A generated benchmark table in a fresh database, reached through the Sibyl driver: an in-memory
 * H2 database, or a new database on the PostgreSQL server named by the system property {@value
 * #DB_PROPERTY} (a {@code jdbc:postgresql:} URL whose role may create databases; credentials in
 * {@code sibyl.bench.user} and {@code sibyl.bench.password}, default {@code sibyl}).
 *
 * <p>{@code BENCH(ID, X1..X10, Y, LABEL)}: the features are standard normal, {@code Y} is a fixed
 * linear function of them plus noise, {@code LABEL} is 1 when {@code Y} is positive. Rows are
 * written straight into the database; H2's query cache is off so repeated queries really run.
 */
final class BenchDatabase implements AutoCloseable {
  static final int FEATURES = 10;
  static final String FEATURE_LIST = "x1, x2, x3, x4, x5, x6, x7, x8, x9, x10";
  /** The system property naming a PostgreSQL server to benchmark on instead of H2. */
  static final String DB_PROPERTY = "sibyl.bench.db";

  private final String url;
  private final String user;
  private final String password;
  private final String postgresDatabase;
  private final Connection h2;
  private final Connection sibyl;

  BenchDatabase(int rows, long seed) throws SQLException {
    String server = System.getProperty(DB_PROPERTY, "");
    String unique = UUID.randomUUID().toString().replace("-", "");
    if (server.startsWith("jdbc:postgresql:")) {
      user = System.getProperty("sibyl.bench.user", "sibyl");
      password = System.getProperty("sibyl.bench.password", "sibyl");
      postgresDatabase = "bench_" + unique;
      try (Connection admin = DriverManager.getConnection(server, user, password);
          Statement s = admin.createStatement()) {
        s.execute("CREATE DATABASE " + postgresDatabase);
      }
      url = withDatabase(server, postgresDatabase);
    } else {
      user = "sa";
      password = "";
      postgresDatabase = null;
      url = "jdbc:h2:mem:bench" + unique + ";DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=0";
    }
    h2 = DriverManager.getConnection(url, user, password);
    generate(rows, seed);
    Properties properties = new Properties();
    properties.setProperty("db", url);
    properties.setProperty("db_user", user);
    properties.setProperty("db_password", password);
    sibyl = DriverManager.getConnection("jdbc:sibyl:", properties);
  }

  /** Which database the table lives in, for the report. */
  static String describe() {
    String server = System.getProperty(DB_PROPERTY, "");
    return server.startsWith("jdbc:postgresql:") ? "PostgreSQL at " + server : "in-memory H2";
  }

  /** A connection through the Sibyl driver. */
  Connection sibyl() {
    return sibyl;
  }

  /** A new connection through the Sibyl driver with {@code rules=auto|on|off}; close it. */
  Connection sibyl(String rules) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("db", url);
    properties.setProperty("db_user", user);
    properties.setProperty("db_password", password);
    properties.setProperty("rules", rules);
    return DriverManager.getConnection("jdbc:sibyl:", properties);
  }

  /**
   * A direct connection to the backing database (H2, or PostgreSQL when {@value #DB_PROPERTY} names
   * it), e.g. for registry payloads; SQL sent here must suit both.
   */
  Connection h2() {
    return h2;
  }

  /** The model the registry holds (the benchmark trained one), read and decoded from its row. */
  PortableModel onlyModel() throws SQLException, ModelFormatException {
    try (Statement s = h2.createStatement();
        ResultSet rs = s.executeQuery("SELECT payload FROM sibyl.models")) {
      if (!rs.next()) {
        throw new IllegalStateException("no model in the registry");
      }
      return ModelCodec.decode(rs.getBytes(1));
    }
  }

  private void generate(int rows, long seed) throws SQLException {
    try (Statement s = h2.createStatement()) {
      StringBuilder columns = new StringBuilder("ID BIGINT PRIMARY KEY");
      for (int f = 1; f <= FEATURES; f++) {
        columns.append(", X").append(f).append(" DOUBLE PRECISION");
      }
      s.execute("CREATE TABLE BENCH (" + columns + ", Y DOUBLE PRECISION, LABEL INT)");
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
    if (postgresDatabase != null) {
      try (Statement s = h2.createStatement()) {
        s.execute("ANALYZE BENCH");
      }
    }
  }

  /**
   * Runs {@code query} and adds up every value of every row it returns, so that a benchmark reads
   * (and JMH consumes) all of its results.
   */
  static double sumOfAllValues(Connection connection, String query) throws SQLException {
    double sum = 0;
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          sum += rs.getDouble(i);
        }
      }
    }
    return sum;
  }

  /** A PostgreSQL URL with its database name replaced. */
  private static String withDatabase(String server, String database) {
    int pathStart = server.indexOf('/', server.indexOf("//") + 2);
    int queryStart = server.indexOf('?', pathStart);
    return server.substring(0, pathStart + 1) + database
        + (queryStart < 0 ? "" : server.substring(queryStart));
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
    if (postgresDatabase == null) {
      try (Statement s = h2.createStatement()) {
        s.execute("DROP ALL OBJECTS");
      }
      h2.close();
      return;
    }
    h2.close();
    String server = System.getProperty(DB_PROPERTY);
    try (Connection admin = DriverManager.getConnection(server, user, password);
        Statement s = admin.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + postgresDatabase);
    }
  }
}

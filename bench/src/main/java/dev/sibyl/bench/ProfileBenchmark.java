package dev.sibyl.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code PROFILE} of a 20-column table (15 numbers, 5 categories) against a single {@code SELECT
 * COUNT(*)} of the same table, and against reading every value of those columns, through the same
 * connection.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms6g", "-Xmx6g"})
@Warmup(iterations = 1)
@Measurement(iterations = 5)
public class ProfileBenchmark {
  @Param("1000000")
  public int rows;

  private Connection h2;
  private Connection sibyl;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    String url = "jdbc:h2:mem:profile" + UUID.randomUUID().toString().replace("-", "")
        + ";DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=0";
    h2 = DriverManager.getConnection(url, "sa", "");
    StringBuilder columns = new StringBuilder("X AS ID");
    for (int i = 1; i <= 15; i++) {
      columns.append(", SIN(X * ").append(i).append(") * ").append(i).append(" AS N").append(i);
    }
    for (int i = 1; i <= 5; i++) {
      columns.append(", 'c' || MOD(X * ").append(i).append(", ").append(3 + i * 4)
          .append(") AS C").append(i);
    }
    try (Statement s = h2.createStatement()) {
      s.execute("CREATE TABLE WIDE AS SELECT " + columns + " FROM SYSTEM_RANGE(1, " + rows + ")");
    }
    Properties properties = new Properties();
    properties.setProperty("db", url);
    sibyl = DriverManager.getConnection("jdbc:sibyl:", properties);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    sibyl.close();
    try (Statement s = h2.createStatement()) {
      s.execute("DROP ALL OBJECTS");
    }
    h2.close();
  }

  /** Baseline: one scan of the table. */
  @Benchmark
  public long count() throws SQLException {
    try (Statement s = sibyl.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM wide")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** A second baseline: every value of the 20 profiled columns read through JDBC. */
  @Benchmark
  public double scan() throws SQLException {
    double sum = 0;
    try (Statement s = sibyl.createStatement();
        ResultSet rs = s.executeQuery("SELECT n1, n2, n3, n4, n5, n6, n7, n8, n9, n10, n11, n12,"
            + " n13, n14, n15, c1, c2, c3, c4, c5 FROM wide")) {
      while (rs.next()) {
        for (int i = 1; i <= 15; i++) {
          sum += rs.getDouble(i);
        }
        for (int i = 16; i <= 20; i++) {
          sum += rs.getString(i).length();
        }
      }
    }
    return sum;
  }

  /** Every statistic of every column but the key. */
  @Benchmark
  public int profile() throws SQLException {
    int rowsOut = 0;
    try (Statement s = sibyl.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM TABLE(PROFILE('SELECT n1, n2, n3, n4, n5,"
            + " n6, n7, n8, n9, n10, n11, n12, n13, n14, n15, c1, c2, c3, c4, c5 FROM wide'))")) {
      while (rs.next()) {
        rowsOut++;
      }
    }
    return rowsOut;
  }
}

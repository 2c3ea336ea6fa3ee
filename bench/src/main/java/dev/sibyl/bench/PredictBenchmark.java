package dev.sibyl.bench;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
 * Scoring overhead: {@code SELECT id, PREDICT('lin', x1..x10)} against the plain scan {@code
 * SELECT id, x1..x10} of the same table through the same connection; every value is read.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3)
@Measurement(iterations = 7)
public class PredictBenchmark {
  @Param("1000000")
  public int rows;

  private BenchDatabase database;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    database = new BenchDatabase(rows, 7);
    try (Statement s = database.sibyl().createStatement()) {
      s.executeQuery("CREATE MODEL bench_lin WITH (type = 'linear_regression', label = 'y')"
          + " AS SELECT " + BenchDatabase.FEATURE_LIST + ", y FROM bench WHERE id < 100000")
          .close();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    database.close();
  }

  /** Baseline: the scan of the columns PREDICT reads. */
  @Benchmark
  public double scan() throws SQLException {
    double sum = 0;
    try (Statement s = database.sibyl().createStatement();
        ResultSet rs = s.executeQuery("SELECT id, " + BenchDatabase.FEATURE_LIST + " FROM bench")) {
      while (rs.next()) {
        sum += rs.getLong(1);
        for (int i = 2; i <= 11; i++) {
          sum += rs.getDouble(i);
        }
      }
    }
    return sum;
  }

  /** The same scan, scored by a linear model. */
  @Benchmark
  public double predict() throws SQLException {
    double sum = 0;
    try (Statement s = database.sibyl().createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT id, PREDICT('bench_lin', " + BenchDatabase.FEATURE_LIST + ") FROM bench")) {
      while (rs.next()) {
        sum += rs.getLong(1) + rs.getDouble(2);
      }
    }
    return sum;
  }
}

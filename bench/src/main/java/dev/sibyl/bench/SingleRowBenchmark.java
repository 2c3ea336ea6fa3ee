package dev.sibyl.bench;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;
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
 * Issue 5's B5: one row scored through a prepared statement, {@code SELECT PREDICT('bench_lin',
 * ?, ..., ?)} with fresh feature values per call; JMH samples the latency of each execution
 * (median and p99 in its report). {@code active} names the model by its active version, which each
 * execution checks against the registry ({@code ModelVersionGuard}); {@code pinned} names version 1
 * and skips that check, so the pair measures the check's cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SingleRowBenchmark {
  private static final String PARAMETERS = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

  @Param("10000")
  public int rows;

  private BenchDatabase database;
  private PreparedStatement active;
  private PreparedStatement pinned;
  private final SplittableRandom random = new SplittableRandom(17);

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    database = new BenchDatabase(rows, 17);
    try (Statement s = database.sibyl().createStatement()) {
      s.executeQuery("CREATE MODEL bench_lin WITH (type = 'linear_regression', label = 'y')"
          + " AS SELECT " + BenchDatabase.FEATURE_LIST + ", y FROM bench").close();
    }
    active = database.sibyl().prepareStatement(
        "SELECT PREDICT('bench_lin', " + PARAMETERS + ") FROM (VALUES (1))");
    pinned = database.sibyl().prepareStatement(
        "SELECT PREDICT('bench_lin@1', " + PARAMETERS + ") FROM (VALUES (1))");
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    active.close();
    pinned.close();
    database.close();
  }

  /** The model named by its active version: each execution checks it is still active. */
  @Benchmark
  public double active() throws SQLException {
    return score(active);
  }

  /** The model named with its version: no check. */
  @Benchmark
  public double pinned() throws SQLException {
    return score(pinned);
  }

  private double score(PreparedStatement statement) throws SQLException {
    for (int i = 1; i <= BenchDatabase.FEATURES; i++) {
      statement.setDouble(i, BenchDatabase.gaussian(random));
    }
    try (ResultSet rs = statement.executeQuery()) {
      rs.next();
      return rs.getDouble(1);
    }
  }
}

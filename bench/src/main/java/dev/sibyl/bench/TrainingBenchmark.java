package dev.sibyl.bench;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
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
import smile.classification.LogisticRegression;

/**
 * The cost of the SQL path: {@code CREATE MODEL} (logistic regression, everything trained, same
 * hyperparameters) against Smile fitting the same rows after a plain JDBC scan into a {@code
 * double[][]} through the same connection.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms6g", "-Xmx6g"})
@Warmup(iterations = 1)
@Measurement(iterations = 5)
public class TrainingBenchmark {
  @Param("1000000")
  public int rows;

  private BenchDatabase database;
  private int version;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    database = new BenchDatabase(rows, 11);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    database.close();
  }

  /** CREATE MODEL through the driver; each run adds a version. */
  @Benchmark
  public int createModel() throws SQLException {
    try (Statement s = database.sibyl().createStatement();
        ResultSet rs = s.executeQuery(
            "CREATE OR REPLACE MODEL bench_log WITH (type = 'logistic_regression',"
                + " label = 'label', test_fraction = 0, l2 = 1.0, max_iterations = 500,"
                + " tolerance = 0.00001) AS SELECT " + BenchDatabase.FEATURE_LIST
                + ", label FROM bench")) {
      rs.next();
      version = rs.getInt("VERSION");
      return version;
    }
  }

  /** Baseline: scan into arrays, then Smile's own fit with the same hyperparameters. */
  @Benchmark
  public LogisticRegression smileWithScan() throws SQLException {
    double[][] x = new double[rows][];
    int[] y = new int[rows];
    int row = 0;
    try (Statement s = database.sibyl().createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT " + BenchDatabase.FEATURE_LIST + ", label FROM bench")) {
      while (rs.next()) {
        double[] features = new double[BenchDatabase.FEATURES];
        for (int f = 0; f < features.length; f++) {
          features[f] = rs.getDouble(f + 1);
        }
        x[row] = features;
        y[row++] = rs.getInt(BenchDatabase.FEATURES + 1);
      }
    }
    Properties properties = new Properties();
    properties.setProperty("smile.logistic.lambda", "1.0");
    properties.setProperty("smile.logistic.iterations", "500");
    properties.setProperty("smile.logistic.tolerance", "0.00001");
    return LogisticRegression.fit(x, y, properties);
  }
}

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
import smile.base.cart.Loss;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.BaseVector;
import smile.data.vector.DoubleVector;
import smile.regression.GradientTreeBoost;
import smile.regression.RandomForest;

/**
 * The cost of the SQL path for tree models: {@code CREATE MODEL} of a random forest and of gradient
 * boosting (regression of {@code y}, default hyperparameters, everything trained) against Smile
 * fitting the same rows, with the same hyperparameters, after a plain JDBC scan into columns
 * through the same connection. {@code CREATE MODEL} also encodes the portable model, stores it in
 * the registry and scores the training rows for its metrics.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms6g", "-Xmx6g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class TreeTrainingBenchmark {
  @Param("100000")
  public int trainingRows;

  private BenchDatabase database;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    database = new BenchDatabase(trainingRows, 11);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    database.close();
  }

  /** CREATE MODEL of a random forest through the driver; each run adds a version. */
  @Benchmark
  public int createRandomForest() throws SQLException {
    return createModel("bench_rf", "random_forest");
  }

  /** CREATE MODEL of gradient boosting through the driver; each run adds a version. */
  @Benchmark
  public int createGradientBoosting() throws SQLException {
    return createModel("bench_gbt", "gradient_boosting");
  }

  /**
   * Baseline: scan, then Smile's random forest with CREATE MODEL's defaults: 100 trees, a third of
   * the inputs per split, depth 20 (21 node levels in Smile's count), no leaf limit (the row
   * count), leaves of at least 5 rows, bootstrap samples.
   */
  @Benchmark
  public RandomForest smileRandomForestWithScan() throws SQLException {
    DataFrame data = scan();
    return RandomForest.fit(Formula.lhs("y"), data, 100, BenchDatabase.FEATURES / 3, 21,
        trainingRows, 5, 1.0);
  }

  /**
   * Baseline: scan, then Smile's gradient boosting with CREATE MODEL's defaults: least squares,
   * 100 trees of depth 3 (4 in Smile's count), no leaf limit, leaves of at least 5 rows,
   * shrinkage 0.1, no subsampling.
   */
  @Benchmark
  public GradientTreeBoost smileGradientBoostingWithScan() throws SQLException {
    DataFrame data = scan();
    return GradientTreeBoost.fit(Formula.lhs("y"), data, Loss.ls(), 100, 4, trainingRows, 5,
        0.1, 1.0);
  }

  private int createModel(String name, String type) throws SQLException {
    try (Statement s = database.sibyl().createStatement();
        ResultSet rs = s.executeQuery(
            "CREATE OR REPLACE MODEL " + name + " WITH (type = '" + type + "', label = 'y',"
                + " test_fraction = 0) AS SELECT " + BenchDatabase.FEATURE_LIST
                + ", y FROM bench")) {
      rs.next();
      return rs.getInt("VERSION");
    }
  }

  private DataFrame scan() throws SQLException {
    double[][] columns = new double[BenchDatabase.FEATURES + 1][trainingRows];
    int row = 0;
    try (Statement s = database.sibyl().createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT " + BenchDatabase.FEATURE_LIST + ", y FROM bench")) {
      while (rs.next()) {
        for (int j = 0; j <= BenchDatabase.FEATURES; j++) {
          columns[j][row] = rs.getDouble(j + 1);
        }
        row++;
      }
    }
    BaseVector<?, ?, ?>[] vectors = new BaseVector<?, ?, ?>[columns.length];
    for (int j = 0; j < BenchDatabase.FEATURES; j++) {
      vectors[j] = DoubleVector.of("x" + (j + 1), columns[j]);
    }
    vectors[BenchDatabase.FEATURES] = DoubleVector.of("y", columns[BenchDatabase.FEATURES]);
    return DataFrame.of(vectors);
  }
}

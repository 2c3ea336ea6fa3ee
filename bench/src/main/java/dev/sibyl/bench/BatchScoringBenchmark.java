package dev.sibyl.bench;

import java.sql.Connection;
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
 * Batch scoring ({@code SibylRules.BATCH_SCORE}) against row-by-row scoring, on the same in-memory
 * H2 table: the sum of every row's PREDICT of a 50-tree random forest and of a linear regression.
 * {@code rules=auto}, the default, scores tree models in blocks (the {@code EnumerableBatchPredict}
 * operator) and linear models row by row; {@code rules=off} scores every model row by row.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3)
@Measurement(iterations = 7)
public class BatchScoringBenchmark {
  private static final String FOREST =
      "SELECT SUM(PREDICT('bench_forest', " + BenchDatabase.FEATURE_LIST + ")) FROM bench";
  private static final String LINEAR =
      "SELECT SUM(PREDICT('bench_lin', " + BenchDatabase.FEATURE_LIST + ")) FROM bench";

  @Param("1000000")
  public int rows;

  private BenchDatabase database;
  private Connection batched;
  private Connection rowByRow;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    database = new BenchDatabase(rows, 17);
    try (Statement s = database.sibyl().createStatement()) {
      s.executeQuery("CREATE MODEL bench_forest WITH (type = 'random_forest', label = 'y',"
          + " trees = 50, seed = 1) AS SELECT " + BenchDatabase.FEATURE_LIST
          + ", y FROM bench WHERE id < 20000").close();
      s.executeQuery("CREATE MODEL bench_lin WITH (type = 'linear_regression', label = 'y')"
          + " AS SELECT " + BenchDatabase.FEATURE_LIST + ", y FROM bench WHERE id < 100000")
          .close();
    }
    batched = database.sibyl("auto");
    rowByRow = database.sibyl("off");
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    batched.close();
    rowByRow.close();
    database.close();
  }

  /** Baseline: the forest scored row by row in Calcite's generated code. */
  @Benchmark
  public double forestRowByRow() throws SQLException {
    return BenchDatabase.sumOfAllValues(rowByRow, FOREST);
  }

  /** The forest scored in blocks of rows, tree by tree, in parallel. */
  @Benchmark
  public double forestBatched() throws SQLException {
    return BenchDatabase.sumOfAllValues(batched, FOREST);
  }

  /** Baseline: the linear model scored row by row. */
  @Benchmark
  public double linearRowByRow() throws SQLException {
    return BenchDatabase.sumOfAllValues(rowByRow, LINEAR);
  }

  /** The linear model with the default rules (row by row: batching does not pay for it). */
  @Benchmark
  public double linearDefault() throws SQLException {
    return BenchDatabase.sumOfAllValues(batched, LINEAR);
  }
}

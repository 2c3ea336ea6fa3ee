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
 * Rule 5 for scored trees ({@code SibylRules.PRUNE_TREE_BRANCHES}): a 100-tree random forest
 * classifier of {@code LABEL} scored under {@code WHERE x9 > 0 AND x10 < 0} (the two features
 * with the largest weights in {@code Y}, so the trees split on them most; a quarter of the rows),
 * with its trees pruned by those ranges, against the same rows under the same conditions written
 * {@code -x9 < 0 AND -x10 > 0}, which the rule does not read: the plans are otherwise the same
 * (default rules, the filter in the source, batch scoring), so the ratio is the pruning's alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3)
@Measurement(iterations = 7)
public class TreePruningBenchmark {
  private static final String SCORE = "SELECT SUM(PREDICT_PROBA('bench_rf', "
      + BenchDatabase.FEATURE_LIST + ")) FROM bench WHERE ";

  @Param("1000000")
  public int rows;

  private BenchDatabase database;
  private Connection sibyl;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    database = new BenchDatabase(rows, 17);
    try (Statement s = database.sibyl().createStatement()) {
      s.executeQuery("CREATE MODEL bench_rf WITH (type = 'random_forest', label = 'label',"
          + " task = 'classification', trees = 100, seed = 1)"
          + " AS SELECT " + BenchDatabase.FEATURE_LIST + ", label FROM bench WHERE id < 20000")
          .close();
    }
    sibyl = database.sibyl("auto");
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    sibyl.close();
    database.close();
  }

  /** Baseline: the whole forest, the ranges hidden from the rule. */
  @Benchmark
  public double forestWhole() throws SQLException {
    return BenchDatabase.sumOfAllValues(sibyl, SCORE + "-x9 < 0 AND -x10 > 0");
  }

  /** The forest pruned by the ranges. */
  @Benchmark
  public double forestPruned() throws SQLException {
    return BenchDatabase.sumOfAllValues(sibyl, SCORE + "x9 > 0 AND x10 < 0");
  }
}

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
 * The planner rules against none, on the same in-memory H2 table (issue 5's B2 and B3): a count
 * under a threshold on a logistic probability, and the average of a linear prediction per group.
 * With {@code rules=on} the filter or the aggregate runs inside H2; with {@code off} every row is
 * scored in Calcite; {@code auto}, the default, chooses per source (off for H2).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3)
@Measurement(iterations = 7)
public class RulesBenchmark {
  private static final String THRESHOLD = "SELECT COUNT(*) FROM bench"
      + " WHERE PREDICT_PROBA('bench_log', " + BenchDatabase.FEATURE_LIST + ") > 0.9";
  private static final String GROUPED = "SELECT label, AVG(PREDICT('bench_lin', "
      + BenchDatabase.FEATURE_LIST + ")) FROM bench GROUP BY label";

  @Param("1000000")
  public int rows;

  private BenchDatabase database;
  private Connection rulesAuto;
  private Connection rulesOn;
  private Connection rulesOff;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    database = new BenchDatabase(rows, 13);
    try (Statement s = database.sibyl().createStatement()) {
      s.executeQuery("CREATE MODEL bench_log WITH (type = 'logistic_regression', label = 'label')"
          + " AS SELECT " + BenchDatabase.FEATURE_LIST + ", label FROM bench WHERE id < 100000")
          .close();
      s.executeQuery("CREATE MODEL bench_lin WITH (type = 'linear_regression', label = 'y')"
          + " AS SELECT " + BenchDatabase.FEATURE_LIST + ", y FROM bench WHERE id < 100000")
          .close();
    }
    rulesAuto = database.sibyl("auto");
    rulesOn = database.sibyl("on");
    rulesOff = database.sibyl("off");
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    rulesAuto.close();
    rulesOn.close();
    rulesOff.close();
    database.close();
  }

  /** B2 baseline: the threshold evaluated by the scorer in Calcite. */
  @Benchmark
  public double thresholdRulesOff() throws SQLException {
    return BenchDatabase.sumOfAllValues(rulesOff, THRESHOLD);
  }

  /** B2, the default on H2 ({@code rules=auto}). */
  @Benchmark
  public double thresholdRulesAuto() throws SQLException {
    return BenchDatabase.sumOfAllValues(rulesAuto, THRESHOLD);
  }

  /** B2 forced: the threshold as a linear inequality, counted in H2. */
  @Benchmark
  public double thresholdRulesOn() throws SQLException {
    return BenchDatabase.sumOfAllValues(rulesOn, THRESHOLD);
  }

  /** B3 baseline: every row scored in Calcite, then grouped. */
  @Benchmark
  public double groupedRulesOff() throws SQLException {
    return BenchDatabase.sumOfAllValues(rulesOff, GROUPED);
  }

  /** B3, the default on H2 ({@code rules=auto}). */
  @Benchmark
  public double groupedRulesAuto() throws SQLException {
    return BenchDatabase.sumOfAllValues(rulesAuto, GROUPED);
  }

  /** B3 forced: the prediction inlined under the aggregate, grouped in H2. */
  @Benchmark
  public double groupedRulesOn() throws SQLException {
    return BenchDatabase.sumOfAllValues(rulesOn, GROUPED);
  }
}

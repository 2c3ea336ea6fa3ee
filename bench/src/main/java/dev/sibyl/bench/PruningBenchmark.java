package dev.sibyl.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
 * Issue 5's B4: a lasso over 100 features of which 10 carry the label, so 90 get weight 0, scored
 * over every row of {@code WIDE(ID, X1..X100, Y)}. With the default rules the zero-weight
 * arguments are pruned and the source sends 11 columns; with {@code rules=off} it sends all 102
 * and the scorer reads 100.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3)
@Measurement(iterations = 7)
public class PruningBenchmark {
  static final int WIDTH = 100;
  static final int INFORMATIVE = 10;
  private static final String FEATURES = IntStream.rangeClosed(1, WIDTH)
      .mapToObj(f -> "x" + f).collect(Collectors.joining(", "));
  private static final String SCORE =
      "SELECT id, PREDICT('wide_lasso', " + FEATURES + ") FROM wide";

  @Param("200000")
  public int rows;

  private BenchDatabase database;
  private Connection pruned;
  private Connection unpruned;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    database = new BenchDatabase(1, 17);
    generate(database.h2(), rows, 17);
    try (Statement s = database.sibyl().createStatement()) {
      s.executeQuery("CREATE MODEL wide_lasso WITH (type = 'lasso', label = 'y', l1 = 2000,"
          + " test_fraction = 0) AS SELECT " + FEATURES + ", y FROM wide WHERE id < 20000")
          .close();
    }
    pruned = database.sibyl("auto");
    unpruned = database.sibyl("off");
    int kept = keptFeatures(database.sibyl());
    if (kept > 2 * INFORMATIVE) {
      throw new IllegalStateException("the lasso kept " + kept + " features, not about "
          + INFORMATIVE + ": the benchmark would not measure pruning");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    pruned.close();
    unpruned.close();
    database.close();
  }

  /** B4 baseline: every feature fetched and passed to the scorer. */
  @Benchmark
  public double scoreUnpruned() throws SQLException {
    return BenchDatabase.sumOfAllValues(unpruned, SCORE);
  }

  /** B4: only the features with a non-zero weight fetched. */
  @Benchmark
  public double scorePruned() throws SQLException {
    return BenchDatabase.sumOfAllValues(pruned, SCORE);
  }


  private static int keptFeatures(Connection sibyl) throws SQLException {
    try (Statement s = sibyl.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM TABLE(EXPLAIN_MODEL('wide_lasso'))"
            + " WHERE feature <> '(intercept)' AND detail_value <> 0")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** {@code WIDE}: standard normal features; Y depends on the first ten only, plus noise. */
  private static void generate(Connection db, int rows, long seed) throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute("CREATE TABLE WIDE (ID BIGINT PRIMARY KEY, "
          + IntStream.rangeClosed(1, WIDTH).mapToObj(f -> "X" + f + " DOUBLE PRECISION")
              .collect(Collectors.joining(", "))
          + ", Y DOUBLE PRECISION)");
    }
    SplittableRandom random = new SplittableRandom(seed);
    String marks = IntStream.range(0, WIDTH + 2).mapToObj(i -> "?")
        .collect(Collectors.joining(", "));
    db.setAutoCommit(false);
    try (PreparedStatement insert = db.prepareStatement("INSERT INTO WIDE VALUES (" + marks + ")")) {
      for (int row = 0; row < rows; row++) {
        insert.setLong(1, row);
        double y = 1;
        for (int f = 0; f < WIDTH; f++) {
          double x = BenchDatabase.gaussian(random);
          insert.setDouble(2 + f, x);
          if (f < INFORMATIVE) {
            y += (f + 1) * x;
          }
        }
        insert.setDouble(WIDTH + 2, y + BenchDatabase.gaussian(random));
        insert.addBatch();
        if (row % 2_000 == 1_999) {
          insert.executeBatch();
        }
      }
      insert.executeBatch();
    }
    db.commit();
    db.setAutoCommit(true);
  }
}

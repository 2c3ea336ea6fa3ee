package dev.sibyl.bench;

import dev.sibyl.functions.scoring.Scorer;
import dev.sibyl.registry.format.ModelFormatException;
import dev.sibyl.registry.model.PortableModel;
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
import org.openjdk.jmh.annotations.Warmup;
import smile.base.cart.Loss;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.BaseVector;
import smile.data.vector.DoubleVector;
import smile.regression.GradientTreeBoost;

/**
 * Our tree-ensemble scorer against Smile's {@code predict} on the same model: 100 trees of depth 6
 * boosted on {@code y} of 50,000 generated rows by {@code CREATE MODEL}, and fitted again by Smile
 * with the same parameters (the setup checks that both predict the same). Both score the same
 * rows, already in memory, on one thread: ours from {@code double[]} rows, Smile's from a {@code
 * DataFrame} through {@code predict(Tuple)} row by row (Smile's {@code predict(DataFrame)} would
 * run a parallel stream).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 5)
@Measurement(iterations = 10)
public class TreeScoringBenchmark {
  static final int TRAINING_ROWS = 50_000;
  private static final String[] NO_CATEGORIES = new String[0];

  @Param("1000000")
  public int rows;

  private Scorer scorer;
  private GradientTreeBoost smile;
  private double[][] x;
  private DataFrame frame;

  @Setup(Level.Trial)
  public void setUp() throws SQLException, ModelFormatException {
    double[][] trainingColumns = new double[BenchDatabase.FEATURES + 1][TRAINING_ROWS];
    PortableModel model;
    try (BenchDatabase database = new BenchDatabase(TRAINING_ROWS, 7);
        Statement s = database.sibyl().createStatement()) {
      s.executeQuery("CREATE MODEL bench_gbt WITH (type = 'gradient_boosting', label = 'y',"
          + " trees = 100, max_depth = 6, test_fraction = 0)"
          + " AS SELECT " + BenchDatabase.FEATURE_LIST + ", y FROM bench").close();
      model = database.onlyModel();
      try (ResultSet rs = s.executeQuery(
          "SELECT " + BenchDatabase.FEATURE_LIST + ", y FROM bench")) {
        for (int row = 0; rs.next(); row++) {
          for (int j = 0; j <= BenchDatabase.FEATURES; j++) {
            trainingColumns[j][row] = rs.getDouble(j + 1);
          }
        }
      }
    }
    scorer = Scorer.of(model);
    // The same fit: Smile counts the leaf level in its depth, and "no leaf limit" is the row count.
    smile = GradientTreeBoost.fit(Formula.lhs("y"), frame(trainingColumns), Loss.ls(), 100, 7,
        TRAINING_ROWS, 5, 0.1, 1.0);

    SplittableRandom random = new SplittableRandom(99);
    x = new double[rows][BenchDatabase.FEATURES];
    double[][] columns = new double[BenchDatabase.FEATURES + 1][rows];
    for (int row = 0; row < rows; row++) {
      for (int j = 0; j < BenchDatabase.FEATURES; j++) {
        x[row][j] = BenchDatabase.gaussian(random);
        columns[j][row] = x[row][j];
      }
    }
    frame = frame(columns);
    for (int row = 0; row < Math.min(rows, 10_000); row++) {
      double ours = scorer.regress(x[row], NO_CATEGORIES);
      double theirs = smile.predict(frame.get(row));
      if (Math.abs(ours - theirs) > 1e-9) {
        throw new IllegalStateException(
            "not the same model: row " + row + " scores " + ours + " here, " + theirs
                + " in Smile");
      }
    }
  }

  /** Columns x1..x10 and y, as the training query names them. */
  private static DataFrame frame(double[][] columns) {
    BaseVector<?, ?, ?>[] vectors = new BaseVector<?, ?, ?>[columns.length];
    for (int j = 0; j < BenchDatabase.FEATURES; j++) {
      vectors[j] = DoubleVector.of("x" + (j + 1), columns[j]);
    }
    vectors[BenchDatabase.FEATURES] = DoubleVector.of("y", columns[BenchDatabase.FEATURES]);
    return DataFrame.of(vectors);
  }

  /** Our scorer over every row. */
  @Benchmark
  public double sibylScorer() {
    double sum = 0;
    for (double[] row : x) {
      sum += scorer.regress(row, NO_CATEGORIES);
    }
    return sum;
  }

  /** Baseline: Smile's predict over every row. */
  @Benchmark
  public double smilePredict() {
    double sum = 0;
    for (int row = 0; row < rows; row++) {
      sum += smile.predict(frame.get(row));
    }
    return sum;
  }
}

package dev.sibyl.bench;

import dev.sibyl.functions.scoring.KnownValues;
import dev.sibyl.functions.scoring.Scorer;
import dev.sibyl.functions.scoring.TreePruner;
import dev.sibyl.registry.format.ModelFormatException;
import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.TreeEnsemble;
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

/**
 * What {@code SibylRules.PRUNE_TREE_BRANCHES} saves the scorer: a 100-tree random forest
 * classifier of {@code LABEL} (trained by {@code CREATE MODEL} on 20,000 generated rows) scored,
 * one row at a time on one thread, over rows where {@code x9 > 0 AND x10 < 0} (the two features
 * with the largest weights in {@code Y}, so the trees split on them most), whole against pruned by
 * those ranges. The setup checks that both give every row the same probability. Rows are in
 * memory, so the ratio is the scorer's alone; through SQL the scan and the transfer of the rows
 * come on top of it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 5)
@Measurement(iterations = 10)
public class TreePruningBenchmark {
  static final int TRAINING_ROWS = 20_000;
  private static final String[] NO_CATEGORIES = new String[0];

  @Param("1000000")
  public int rows;

  private Scorer whole;
  private Scorer pruned;
  private double[][] x;

  @Setup(Level.Trial)
  public void setUp() throws SQLException, ModelFormatException {
    PortableModel model;
    try (BenchDatabase database = new BenchDatabase(TRAINING_ROWS, 17);
        Statement s = database.sibyl().createStatement()) {
      s.executeQuery("CREATE MODEL bench_rf WITH (type = 'random_forest', label = 'label',"
          + " task = 'classification', trees = 100, seed = 1, test_fraction = 0)"
          + " AS SELECT " + BenchDatabase.FEATURE_LIST + ", label FROM bench").close();
      model = database.onlyModel();
    }
    KnownValues ranges = KnownValues.nothing(model.signature())
        .above(8, 0, true).below(9, 0, true);
    PortableModel cut = TreePruner.prune(model, ranges);
    System.out.printf("%n%d nodes, %d after pruning with %s%n",
        ((TreeEnsemble) model.body()).nodeCount(), ((TreeEnsemble) cut.body()).nodeCount(),
        ranges);
    whole = Scorer.of(model);
    pruned = Scorer.of(cut);
    SplittableRandom random = new SplittableRandom(99);
    x = new double[rows][BenchDatabase.FEATURES];
    for (double[] row : x) {
      for (int j = 0; j < BenchDatabase.FEATURES; j++) {
        row[j] = BenchDatabase.gaussian(random);
      }
      row[8] = Math.abs(row[8]) + Double.MIN_VALUE;
      row[9] = -Math.abs(row[9]) - Double.MIN_VALUE;
    }
    if (sum(whole) != sum(pruned)) {
      throw new IllegalStateException("the pruned forest scores differently");
    }
  }

  private double sum(Scorer scorer) {
    double sum = 0;
    for (double[] row : x) {
      sum += scorer.probability(row, NO_CATEGORIES);
    }
    return sum;
  }

  /** Baseline: the whole forest. */
  @Benchmark
  public double forestWhole() {
    return sum(whole);
  }

  /** The forest pruned by the ranges every row satisfies. */
  @Benchmark
  public double forestPruned() {
    return sum(pruned);
  }
}

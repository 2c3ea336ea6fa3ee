package dev.sibyl.bench;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@link TreeTrainingBenchmark}'s scenarios run alternately in one JVM: {@code CREATE MODEL}, then
 * Smile with the scan, pair after pair, for random_forest and for gradient_boosting. On a machine
 * shared with other work, the two halves of a pair run back to back under the same background
 * load, where JMH's separate forks run minutes apart. Prints each pair's ratio and the median
 * ratio; the first pair of each type warms up and is left out.
 *
 * <p>Usage: {@code java -Xmx6g -cp bench/target/sibyl-bench.jar
 * dev.sibyl.bench.InterleavedTraining [pairs] [trainingRows]}.
 */
public final class InterleavedTraining {
  private InterleavedTraining() {}

  /** One scenario and its baseline. */
  private interface Run {
    void run(TreeTrainingBenchmark benchmark) throws SQLException;
  }

  public static void main(String[] args) throws SQLException {
    int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    TreeTrainingBenchmark benchmark = new TreeTrainingBenchmark();
    benchmark.trainingRows = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    PrintStream out = System.out;
    out.printf(Locale.ROOT, "CREATE MODEL / (scan + Smile fit), %d rows, %d cores%n",
        benchmark.trainingRows, Runtime.getRuntime().availableProcessors());
    benchmark.setUp();
    try {
      measure(out, "random_forest", pairs, benchmark,
          TreeTrainingBenchmark::createRandomForest,
          TreeTrainingBenchmark::smileRandomForestWithScan);
      measure(out, "gradient_boosting", pairs, benchmark,
          TreeTrainingBenchmark::createGradientBoosting,
          TreeTrainingBenchmark::smileGradientBoostingWithScan);
    } finally {
      benchmark.tearDown();
    }
  }

  private static void measure(PrintStream out, String type, int pairs,
      TreeTrainingBenchmark benchmark, Run scenario, Run baseline) throws SQLException {
    double[] ratios = new double[pairs];
    for (int pair = 0; pair <= pairs; pair++) {
      double scenarioSeconds = seconds(scenario, benchmark);
      double baselineSeconds = seconds(baseline, benchmark);
      String note = pair == 0 ? " (warm-up)" : "";
      out.printf(Locale.ROOT, "%-18s CREATE MODEL %7.2f s   Smile %7.2f s   ratio %.3f%s%n",
          type, scenarioSeconds, baselineSeconds, scenarioSeconds / baselineSeconds, note);
      if (pair > 0) {
        ratios[pair - 1] = scenarioSeconds / baselineSeconds;
      }
    }
    Arrays.sort(ratios);
    double median = pairs % 2 == 1 ? ratios[pairs / 2]
        : (ratios[pairs / 2 - 1] + ratios[pairs / 2]) / 2;
    out.printf(Locale.ROOT, "%-18s median ratio %.3f (target <= 1.2)%n", type, median);
  }

  private static double seconds(Run run, TreeTrainingBenchmark benchmark) throws SQLException {
    long start = System.nanoTime();
    run.run(benchmark);
    return (System.nanoTime() - start) / 1e9;
  }
}

package dev.sibyl.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks and prints, for each scenario, the median time of the measured runs and its
 * ratio to the baseline measured in the same run.
 *
 * <p>Usage: {@code java [-Dsibyl.bench.db=jdbc:postgresql://host:port/db] -jar
 * bench/target/sibyl-bench.jar [rows] [benchmark-regex]}; {@code rows} is the table size of the
 * PREDICT and training benchmarks and the rows the tree scorers score (the tree training
 * benchmarks train on their own {@code trainingRows}, 100,000). The tables are in-memory H2
 * unless {@code sibyl.bench.db} names a PostgreSQL server (see {@link BenchDatabase}).
 */
public final class BenchmarkMain {
  private BenchmarkMain() {}

  /** (scenario, baseline, target ratio from the issue or "-" for figures only to report). */
  private static final String[][] PAIRS = {
    {"PredictBenchmark.predict", "PredictBenchmark.scan", "1.25"},
    {"TransformBenchmark.transformByName", "TransformBenchmark.precomputed", "1.1"},
    {"SingleRowBenchmark.active", "SingleRowBenchmark.pinned", "-"},
    {"RulesBenchmark.thresholdRulesAuto", "RulesBenchmark.thresholdRulesOff", "-"},
    {"RulesBenchmark.thresholdRulesOn", "RulesBenchmark.thresholdRulesOff", "-"},
    {"RulesBenchmark.groupedRulesAuto", "RulesBenchmark.groupedRulesOff", "-"},
    {"RulesBenchmark.groupedRulesOn", "RulesBenchmark.groupedRulesOff", "-"},
    {"PruningBenchmark.scorePruned", "PruningBenchmark.scoreUnpruned", "-"},
    {"TreePruningBenchmark.forestPruned", "TreePruningBenchmark.forestWhole", "-"},
    {"BatchScoringBenchmark.forestBatched", "BatchScoringBenchmark.forestRowByRow", "-"},
    {"BatchScoringBenchmark.linearDefault", "BatchScoringBenchmark.linearRowByRow", "-"},
    {"TrainingBenchmark.createModel", "TrainingBenchmark.smileWithScan", "1.5"},
    {"ProfileBenchmark.profile", "ProfileBenchmark.count", "-"},
    {"ProfileBenchmark.profile", "ProfileBenchmark.scan", "-"},
    {"TreeScoringBenchmark.sibylScorer", "TreeScoringBenchmark.smilePredict", "0.2"},
    {"TreeTrainingBenchmark.createRandomForest",
        "TreeTrainingBenchmark.smileRandomForestWithScan", "1.2"},
    {"TreeTrainingBenchmark.createGradientBoosting",
        "TreeTrainingBenchmark.smileGradientBoostingWithScan", "1.2"},
  };

  public static void main(String[] args) throws RunnerException {
    String rows = args.length > 0 ? args[0] : "1000000";
    String include = args.length > 1 ? args[1] : "dev\\.sibyl\\.bench\\..*";
    OptionsBuilder builder = new OptionsBuilder();
    for (String property : List.of(BenchDatabase.DB_PROPERTY, "sibyl.bench.user",
        "sibyl.bench.password")) {
      String value = System.getProperty(property);
      if (value != null) {
        builder.jvmArgsAppend("-D" + property + "=" + value);
      }
    }
    Options options = builder.include(include).param("rows", rows).build();
    Collection<RunResult> results = new Runner(options).run();
    Map<String, Double> medians = new HashMap<>();
    for (RunResult result : results) {
      String label = result.getParams().getBenchmark();
      String shortName = label.substring(label.lastIndexOf('.', label.lastIndexOf('.') - 1) + 1);
      medians.put(shortName, median(result));
    }
    report(System.out, rows, medians);
  }

  private static double median(RunResult result) {
    List<Double> scores = new ArrayList<>();
    for (BenchmarkResult benchmark : result.getBenchmarkResults()) {
      for (IterationResult iteration : benchmark.getIterationResults()) {
        scores.add(iteration.getPrimaryResult().getScore());
      }
    }
    Collections.sort(scores);
    int n = scores.size();
    return n % 2 == 1 ? scores.get(n / 2) : (scores.get(n / 2 - 1) + scores.get(n / 2)) / 2;
  }

  private static void report(PrintStream out, String rows, Map<String, Double> medians) {
    out.println();
    out.printf(Locale.ROOT, "Sibyl benchmarks, %s rows in %s, medians in ms (cores: %d)%n", rows,
        BenchDatabase.describe(), Runtime.getRuntime().availableProcessors());
    out.printf(Locale.ROOT, "%-46s %12s %-52s %12s %8s %8s%n",
        "scenario", "median ms", "baseline", "median ms", "ratio", "target");
    for (String[] pair : PAIRS) {
      Double scenario = medians.get(pair[0]);
      Double baseline = medians.get(pair[1]);
      if (scenario == null || baseline == null) {
        continue;
      }
      out.printf(Locale.ROOT, "%-46s %12.1f %-52s %12.1f %8.3f %8s%n",
          pair[0], scenario, pair[1], baseline, scenario / baseline,
          pair[2].equals("-") ? "report" : "<= " + pair[2]);
    }
    Double ours = medians.get("TreeScoringBenchmark.sibylScorer");
    Double smile = medians.get("TreeScoringBenchmark.smilePredict");
    if (ours != null && smile != null) {
      double scored = Double.parseDouble(rows);
      out.printf(Locale.ROOT,
          "tree scorer, one thread: %,.0f rows/s; Smile's predict: %,.0f rows/s; %.1fx faster%n",
          scored / ours * 1000, scored / smile * 1000, smile / ours);
    }
  }
}

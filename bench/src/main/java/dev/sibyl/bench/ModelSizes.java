package dev.sibyl.bench;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Prints the registry payload size of the benchmark models, one per type and task, trained by
 * {@code CREATE MODEL} on the generated benchmark table: regression of {@code y}, classification of
 * {@code label}, default hyperparameters; plus the 100-tree, depth-6 boosted model the scoring
 * benchmark uses (on its 50,000 rows).
 *
 * <p>Usage: {@code java -cp bench/target/sibyl-bench.jar dev.sibyl.bench.ModelSizes [rows]}.
 */
public final class ModelSizes {
  private static final String[][] MODELS = {
    {"linear_regression", "y", ""},
    {"logistic_regression", "label", ""},
    {"decision_tree", "y", ""},
    {"decision_tree", "label", ", task = 'classification'"},
    {"random_forest", "y", ""},
    {"random_forest", "label", ", task = 'classification'"},
    {"gradient_boosting", "y", ""},
    {"gradient_boosting", "label", ", task = 'classification'"},
  };

  private ModelSizes() {}

  public static void main(String[] args) throws SQLException {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    PrintStream out = System.out;
    out.printf(Locale.ROOT, "Registry payload sizes, models trained on %d generated rows%n", rows);
    out.printf(Locale.ROOT, "%-20s %-15s %-30s %14s%n", "type", "task", "options", "bytes");
    try (BenchDatabase database = new BenchDatabase(rows, 11)) {
      for (int i = 0; i < MODELS.length; i++) {
        report(out, database, "m" + i, MODELS[i][0], MODELS[i][1], MODELS[i][2]);
      }
    }
    try (BenchDatabase database = new BenchDatabase(TreeScoringBenchmark.TRAINING_ROWS, 7)) {
      out.printf(Locale.ROOT, "and on %d rows:%n", TreeScoringBenchmark.TRAINING_ROWS);
      report(out, database, "scoring", "gradient_boosting", "y", ", trees = 100, max_depth = 6");
    }
  }

  private static void report(PrintStream out, BenchDatabase database, String name, String type,
      String label, String options) throws SQLException {
    try (Statement s = database.sibyl().createStatement()) {
      s.executeQuery("CREATE MODEL " + name + " WITH (type = '" + type + "', label = '" + label
          + "', test_fraction = 0" + options + ") AS SELECT " + BenchDatabase.FEATURE_LIST + ", "
          + label + " FROM bench").close();
      try (ResultSet rs = s.executeQuery(
          "SELECT task, payload_size FROM sibyl.models WHERE name = '"
              + name.toUpperCase(Locale.ROOT) + "'")) {
        rs.next();
        out.printf(Locale.ROOT, "%-20s %-15s %-30s %,14d%n", type, rs.getString(1),
            options.isEmpty() ? "defaults" : options.substring(2), rs.getLong(2));
      }
    }
  }
}

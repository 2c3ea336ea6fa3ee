package dev.sibyl.functions.training;

import dev.sibyl.registry.SibylErrors;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * k-fold cross-validation over the training rows: each fold is fitted on the other folds and
 * measured on its own rows, and every metric is summarised by its mean and population standard
 * deviation over the folds (scikit-learn's {@code mean_test_score} and {@code std_test_score}).
 *
 * <p>Folds are drawn once per training: the training rows are shuffled with the options' seed and
 * the row at shuffled position {@code p} goes to fold {@code p mod k}, so fold sizes differ by at
 * most one and every trial of a search is measured on the same folds.
 */
final class CrossValidation {
  /** Fits options on a split's training rows and measures the result on its held-out rows. */
  @FunctionalInterface
  interface Fit {
    TrainingResult fit(TrainingOptions options, HoldoutSplit split) throws SQLException;
  }

  /**
   * The metrics of one cross-validation.
   *
   * @param mainMetric the name of the metric that ranks models
   * @param means each metric's mean over the folds where it is defined, in metric order
   * @param stddevs each metric's population standard deviation over the same folds
   */
  record Summary(String mainMetric, Map<String, Double> means, Map<String, Double> stddevs) {
    Summary {
      means = Collections.unmodifiableMap(new LinkedHashMap<>(means));
      stddevs = Collections.unmodifiableMap(new LinkedHashMap<>(stddevs));
    }

    double mainMean() {
      return means.get(mainMetric);
    }

    double mainStddev() {
      return stddevs.get(mainMetric);
    }

    /** {@code cv_<metric>_mean} and {@code cv_<metric>_stddev} of every metric, in order. */
    Map<String, Double> asMetrics() {
      Map<String, Double> metrics = new LinkedHashMap<>();
      means.forEach((name, mean) -> {
        metrics.put("cv_" + name + "_mean", mean);
        metrics.put("cv_" + name + "_stddev", stddevs.get(name));
      });
      return metrics;
    }
  }

  private CrossValidation() {}

  /**
   * The {@code k} folds of the training rows, each as a split that holds out the fold.
   *
   * @throws SQLException if there are fewer training rows than folds
   */
  static List<HoldoutSplit> folds(String model, int[] training, int k, long seed)
      throws SQLException {
    if (training.length < k) {
      throw SibylErrors.tooFewRowsForFolds(model, k, training.length);
    }
    int[] order = HoldoutSplit.shuffled(training, seed);
    List<HoldoutSplit> folds = new ArrayList<>(k);
    for (int fold = 0; fold < k; fold++) {
      int[] heldOut = new int[(order.length - fold + k - 1) / k];
      int[] rest = new int[order.length - heldOut.length];
      for (int p = 0, h = 0, r = 0; p < order.length; p++) {
        if (p % k == fold) {
          heldOut[h++] = order[p];
        } else {
          rest[r++] = order[p];
        }
      }
      Arrays.sort(heldOut);
      Arrays.sort(rest);
      folds.add(new HoldoutSplit(rest, heldOut));
    }
    return folds;
  }

  /**
   * Fits and measures the options on every fold.
   *
   * @throws SQLException naming the fold whose fit failed, or 57014 when the listener cancels
   */
  static Summary run(String model, TrainingOptions options, List<HoldoutSplit> folds, Fit fit,
      TrainingListener listener) throws SQLException {
    List<TrainingResult> results = new ArrayList<>(folds.size());
    for (int fold = 0; fold < folds.size(); fold++) {
      if (listener.isCanceled()) {
        throw SibylErrors.trainingCanceled(model);
      }
      try {
        results.add(fit.fit(options, folds.get(fold)));
      } catch (SQLException e) {
        if (SibylErrors.CANCELED.equals(e.getSQLState())) {
          throw e;
        }
        throw SibylErrors.foldFailed(model, fold + 1, folds.size(), e);
      }
    }
    Map<String, Double> means = new LinkedHashMap<>();
    Map<String, Double> stddevs = new LinkedHashMap<>();
    for (String metric : results.get(0).metrics().keySet()) {
      double[] values = results.stream()
          .mapToDouble(result -> result.metrics().get(metric))
          .filter(Double::isFinite)
          .toArray();
      double mean = Arrays.stream(values).average().orElse(Double.NaN);
      double squares = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
      means.put(metric, mean);
      stddevs.put(metric, values.length == 0 ? Double.NaN : Math.sqrt(squares / values.length));
    }
    return new Summary(results.get(0).mainMetricName(), means, stddevs);
  }
}

package dev.sibyl.functions.training;

import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.TrainingTrial;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs a hyperparameter search: cross-validates every trial on the same folds and keeps the one
 * whose main metric has the best mean: the highest {@code accuracy}, the lowest {@code rmse} or
 * {@code inertia}; the earlier trial on a tie.
 */
final class ModelSelection {
  /** Metrics where a lower value is a better model. */
  private static final Set<String> LOWER_IS_BETTER = Set.of("rmse", "inertia");

  /**
   * What a search found.
   *
   * @param chosen the options with the kept trial's hyperparameters
   * @param crossValidation the kept trial's cross-validation
   * @param trials every trial, the kept one marked
   */
  record Outcome(TrainingOptions chosen, CrossValidation.Summary crossValidation,
      List<TrainingTrial> trials) {}

  private ModelSelection() {}

  /** Cross-validates each trial of {@code options}' search on {@code folds}. */
  static Outcome search(String model, TrainingOptions options, List<HoldoutSplit> folds,
      CrossValidation.Fit fit, TrainingListener listener) throws SQLException {
    int count = options.trialCount();
    List<TrainingTrial> trials = new ArrayList<>(count);
    List<CrossValidation.Summary> summaries = new ArrayList<>(count);
    int best = 0;
    for (int i = 0; i < count; i++) {
      listener.phase("trial " + (i + 1) + " of " + count);
      long started = System.nanoTime();
      CrossValidation.Summary summary;
      try {
        summary = CrossValidation.run(model, options.forTrial(i), folds, fit, listener);
      } catch (SQLException e) {
        if (SibylErrors.CANCELED.equals(e.getSQLState())) {
          throw e;
        }
        throw SibylErrors.trialFailed(
            model, i + 1, HyperparameterSearch.json(options.trialParams(i)), e);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      summaries.add(summary);
      trials.add(new TrainingTrial(i + 1, options.trialParams(i), summary.mainMetric(),
          summary.mainMean(), summary.mainStddev(), seconds, false));
      if (isBetter(summary, summaries.get(best))) {
        best = i;
      }
    }
    trials.set(best, trials.get(best).asChosen());
    return new Outcome(options.forTrial(best), summaries.get(best), trials);
  }

  private static boolean isBetter(CrossValidation.Summary candidate,
      CrossValidation.Summary incumbent) {
    double a = candidate.mainMean();
    double b = incumbent.mainMean();
    if (Double.isNaN(b)) {
      return !Double.isNaN(a);
    }
    return LOWER_IS_BETTER.contains(candidate.mainMetric()) ? a < b : a > b;
  }
}

package dev.sibyl.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One trial of a hyperparameter search, as {@code SIBYL.TRAINING_TRIALS} records it.
 *
 * @param number the trial's number in the search, from 1
 * @param params the hyperparameters it tried, by option name, in the order of {@code
 *     search_params}
 * @param metric the metric the search compares: {@code accuracy}, {@code rmse} or {@code inertia}
 * @param mean its mean over the cross-validation folds
 * @param stddev its population standard deviation over the folds
 * @param seconds how long the trial's cross-validation took
 * @param chosen whether the search kept this trial
 */
public record TrainingTrial(
    int number,
    Map<String, Object> params,
    String metric,
    double mean,
    double stddev,
    double seconds,
    boolean chosen) {

  public TrainingTrial {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** The same trial, marked as the one the search kept. */
  public TrainingTrial asChosen() {
    return new TrainingTrial(number, params, metric, mean, stddev, seconds, true);
  }
}

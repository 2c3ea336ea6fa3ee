package dev.sibyl.functions.training;

import dev.sibyl.registry.TrainingTrial;
import dev.sibyl.registry.model.PortableModel;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one training produced.
 *
 * @param model the fitted model in portable form
 * @param trainingRows rows the model was fitted on
 * @param heldOutRows rows held out for the metrics (0 means the metrics are on the training rows)
 * @param skippedRows rows left out because their label was NULL
 * @param metrics metric name to value, in a fixed order per task: the held-out metrics, then the
 *     cross-validated ones ({@code cv_<metric>_mean}, {@code cv_<metric>_stddev}) if any
 * @param mainMetricName the metric that summarises quality: {@code rmse}, {@code accuracy} or
 *     {@code inertia}
 * @param mainMetric its value on the held-out rows
 * @param options every option the model was trained with, defaults and a search's choice
 *     included: what the registry records
 * @param trials the trials of a hyperparameter search, empty without one
 */
public record TrainingResult(
    PortableModel model,
    long trainingRows,
    long heldOutRows,
    long skippedRows,
    Map<String, Double> metrics,
    String mainMetricName,
    double mainMetric,
    Map<String, Object> options,
    List<TrainingTrial> trials) {

  public TrainingResult {
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    trials = List.copyOf(trials);
  }

  /** This result as trained with {@code options}, its metrics followed by {@code more}. */
  TrainingResult with(TrainingOptions options, Map<String, Double> more,
      List<TrainingTrial> trials) {
    Map<String, Double> all = new LinkedHashMap<>(metrics);
    all.putAll(more);
    return new TrainingResult(model, trainingRows, heldOutRows, skippedRows, all, mainMetricName,
        mainMetric, options.effective(), trials);
  }

  /** This result with its model replaced (the same model with a transform attached, say). */
  public TrainingResult withModel(PortableModel newModel) {
    return new TrainingResult(newModel, trainingRows, heldOutRows, skippedRows, metrics,
        mainMetricName, mainMetric, options, trials);
  }
}

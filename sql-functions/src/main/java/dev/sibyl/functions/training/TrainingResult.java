package dev.sibyl.functions.training;

import dev.sibyl.registry.model.PortableModel;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one training produced.
 *
 * @param model the fitted model in portable form
 * @param trainingRows rows the model was fitted on
 * @param heldOutRows rows held out for the metrics (0 means the metrics are on the training rows)
 * @param skippedRows rows left out because their label was NULL
 * @param metrics metric name to value, in a fixed order per task
 * @param mainMetricName the metric that summarises quality: {@code rmse} or {@code accuracy}
 * @param mainMetric its value
 */
public record TrainingResult(
    PortableModel model,
    long trainingRows,
    long heldOutRows,
    long skippedRows,
    Map<String, Double> metrics,
    String mainMetricName,
    double mainMetric) {

  public TrainingResult {
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /** This result with its model replaced (the same model with a transform attached, say). */
  public TrainingResult withModel(PortableModel newModel) {
    return new TrainingResult(newModel, trainingRows, heldOutRows, skippedRows, metrics,
        mainMetricName, mainMetric);
  }
}

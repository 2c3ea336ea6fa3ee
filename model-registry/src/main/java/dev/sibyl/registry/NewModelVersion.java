package dev.sibyl.registry;

import dev.sibyl.registry.model.PortableModel;
import java.util.Map;

/**
 * Everything written for a new model version besides what the registry assigns (id, version,
 * timestamps, checksum).
 *
 * @param name model name
 * @param model the trained model in portable form
 * @param options the options used, as given plus defaults
 * @param trainingQuery the SQL of the training query
 * @param trainingRows rows used to fit
 * @param heldOutRows rows held out for metrics
 * @param skippedRows rows skipped because their label was NULL
 * @param metrics metric name to value, in display order
 * @param createdBy user that trained the model
 * @param smileVersion version of the Smile library that fitted it
 */
public record NewModelVersion(
    String name,
    PortableModel model,
    Map<String, Object> options,
    String trainingQuery,
    long trainingRows,
    long heldOutRows,
    long skippedRows,
    Map<String, Double> metrics,
    String createdBy,
    String smileVersion) {}

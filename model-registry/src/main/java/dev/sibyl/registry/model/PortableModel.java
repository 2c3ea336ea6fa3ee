package dev.sibyl.registry.model;

import java.util.Objects;

/**
 * A trained model in Sibyl's portable form: everything scoring needs, and nothing from Smile.
 *
 * @param algorithm how it was trained
 * @param task regression or classification
 * @param signature the input columns and their frozen encoders
 * @param label the predicted column and its classes
 * @param body the fitted parameters
 */
public record PortableModel(
    Algorithm algorithm, Task task, FeatureSignature signature, LabelInfo label, ModelBody body) {

  public PortableModel {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(body, "body");
  }
}

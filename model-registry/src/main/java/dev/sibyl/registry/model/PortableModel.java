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
 * @param transform how the features are computed from raw columns ({@link ModelTransform#NONE}
 *     when they are read as they are)
 */
public record PortableModel(
    Algorithm algorithm,
    Task task,
    FeatureSignature signature,
    LabelInfo label,
    ModelBody body,
    ModelTransform transform) {

  public PortableModel {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(transform, "transform");
    if (transform.isPresent() && transform.features().size() != signature.size()) {
      throw new IllegalArgumentException(
          "a transform of " + transform.features().size() + " expressions for "
              + signature.size() + " features");
    }
  }

  /** A model whose features are read as they are (no TRANSFORM). */
  public PortableModel(
      Algorithm algorithm, Task task, FeatureSignature signature, LabelInfo label,
      ModelBody body) {
    this(algorithm, task, signature, label, body, ModelTransform.NONE);
  }

  /** This model with its features computed by {@code newTransform}. */
  public PortableModel withTransform(ModelTransform newTransform) {
    return new PortableModel(algorithm, task, signature, label, body, newTransform);
  }
}

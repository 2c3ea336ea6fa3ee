package dev.sibyl.registry.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A trained model in Sibyl's portable form: everything scoring needs, and nothing from Smile.
 *
 * @param algorithm how it was trained
 * @param task regression or classification
 * @param signature the input columns and their frozen encoders
 * @param label the predicted column and its classes
 * @param body the fitted parameters ({@link GroupedModels} for a model trained with {@code
 *     group_by}: then the first feature of the signature is the group column)
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
    int computed = body instanceof GroupedModels ? signature.size() - 1 : signature.size();
    if (transform.isPresent() && transform.features().size() != computed) {
      throw new IllegalArgumentException(
          "a transform of " + transform.features().size() + " expressions for "
              + computed + " features");
    }
    if (body instanceof GroupedModels groups) {
      Feature group = signature.size() == 0 ? null : signature.get(0);
      if (group == null || group.kind() != FeatureKind.CATEGORICAL
          || !group.categories().equals(groups.keys())
          || signature.size() != groups.parts().get(0).signature().size() + 1) {
        throw new IllegalArgumentException(
            "a grouped model's first feature is its group column, with the group keys");
      }
    }
  }

  /** A model whose features are read as they are (no TRANSFORM). */
  public PortableModel(
      Algorithm algorithm, Task task, FeatureSignature signature, LabelInfo label,
      ModelBody body) {
    this(algorithm, task, signature, label, body, ModelTransform.NONE);
  }

  /** The parts of a grouped model; empty for a model trained without {@code group_by}. */
  public Optional<GroupedModels> groups() {
    return body instanceof GroupedModels groups ? Optional.of(groups) : Optional.empty();
  }

  /** This model with its features computed by {@code newTransform}. */
  public PortableModel withTransform(ModelTransform newTransform) {
    return new PortableModel(algorithm, task, signature, label, body, newTransform);
  }
}

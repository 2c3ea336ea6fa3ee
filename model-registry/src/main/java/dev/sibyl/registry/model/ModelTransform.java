package dev.sibyl.registry.model;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The TRANSFORM of a model: the raw columns it reads and, for each feature, the SQL expression
 * that computes the feature from them, with every statistic fitted on the training rows frozen in
 * as a literal. Scoring substitutes these expressions for the features, so training and scoring
 * compute the features the same way. {@link #NONE} is the transform of a model trained without a
 * TRANSFORM clause: its features are its input columns.
 *
 * @param inputs the raw columns the expressions read, in training-query order
 * @param features one expression per model feature, in signature order
 */
public record ModelTransform(List<Input> inputs, List<DerivedFeature> features) {
  /** No transform: the features are read as they are. */
  public static final ModelTransform NONE = new ModelTransform(List.of(), List.of());

  public ModelTransform {
    inputs = List.copyOf(inputs);
    features = List.copyOf(features);
  }

  /**
   * A raw column a transform reads.
   *
   * @param name the column name as the training query reported it
   * @param sqlType the column's SQL type name
   */
  public record Input(String name, String sqlType) {
    public Input {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(sqlType, "sqlType");
    }
  }

  /**
   * One feature of a transform.
   *
   * @param name the feature name (the alias written in TRANSFORM)
   * @param expression SQL text over the inputs, with fitted constants inlined
   */
  public record DerivedFeature(String name, String expression) {
    public DerivedFeature {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(expression, "expression");
    }
  }

  /** Whether the model was trained with a TRANSFORM clause. */
  public boolean isPresent() {
    return !features.isEmpty();
  }

  /** The input names, comma separated, for messages. */
  public String describeInputs() {
    return inputs.stream()
        .map(i -> i.name() + " " + i.sqlType())
        .collect(Collectors.joining(", ", "(", ")"));
  }
}

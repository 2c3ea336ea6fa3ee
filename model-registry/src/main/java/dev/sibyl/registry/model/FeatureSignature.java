package dev.sibyl.registry.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The ordered input columns a model expects; positional PREDICT arguments bind to them in order.
 *
 * @param features the features, in training-query order
 */
public record FeatureSignature(List<Feature> features) {

  public FeatureSignature {
    features = List.copyOf(features);
  }

  /** Number of SQL arguments a positional PREDICT needs after the model name. */
  public int size() {
    return features.size();
  }

  /** Feature at a position. */
  public Feature get(int index) {
    return features.get(index);
  }

  /** Total number of encoded model inputs (one per numeric feature, one per category). */
  public int encodedWidth() {
    int width = 0;
    for (Feature f : features) {
      width += f.width();
    }
    return width;
  }

  /** Human-readable signature for error messages, e.g. {@code (AGE INTEGER, PLAN VARCHAR (category))}. */
  public String describe() {
    return features.stream().map(Feature::describe).collect(Collectors.joining(", ", "(", ")"));
  }
}

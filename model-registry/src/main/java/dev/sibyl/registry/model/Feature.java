package dev.sibyl.registry.model;

import java.util.List;
import java.util.Objects;

/**
 * One input column of a model and the frozen encoder that turns its SQL value into model inputs.
 *
 * <p>A numeric feature becomes one input: missing values (SQL NULL or NaN) are replaced by {@code
 * imputeValue} (the training mean), then standardised as {@code (x - center) / scale}. A categorical
 * feature becomes one input per training category (one-hot); NULL and categories unseen in training
 * encode as all zeros.
 *
 * @param name column name as it appeared in the training query
 * @param sqlType SQL type name of the training column (for messages and the registry)
 * @param kind numeric or categorical
 * @param imputeValue value used for a missing numeric input (unused for categories)
 * @param center subtracted from a numeric input before scaling
 * @param scale divides a numeric input after centering (never zero)
 * @param categories training categories, in encoding order (empty for numeric features)
 */
public record Feature(
    String name,
    String sqlType,
    FeatureKind kind,
    double imputeValue,
    double center,
    double scale,
    List<String> categories) {

  public Feature {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sqlType, "sqlType");
    Objects.requireNonNull(kind, "kind");
    categories = List.copyOf(categories);
    if (scale == 0 || Double.isNaN(scale)) {
      throw new IllegalArgumentException("scale of feature " + name + " must be non-zero");
    }
  }

  /** A numeric feature. */
  public static Feature numeric(String name, String sqlType, double mean, double center,
      double scale) {
    return new Feature(name, sqlType, FeatureKind.NUMERIC, mean, center, scale, List.of());
  }

  /** A categorical feature with its training categories. */
  public static Feature categorical(String name, String sqlType, List<String> categories) {
    return new Feature(name, sqlType, FeatureKind.CATEGORICAL, 0, 0, 1, categories);
  }

  /** Number of model inputs this feature encodes to. */
  public int width() {
    return kind == FeatureKind.NUMERIC ? 1 : categories.size();
  }

  /** Short description used in messages, e.g. {@code PLAN VARCHAR (category)}. */
  public String describe() {
    return name + " " + sqlType + (kind == FeatureKind.CATEGORICAL ? " (category)" : "");
  }
}

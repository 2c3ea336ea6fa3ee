package dev.sibyl.registry.model;

import java.util.List;
import java.util.Objects;

/**
 * The label a model predicts: its column, SQL type and, for classifiers, the class values.
 *
 * <p>Classes are kept as strings in sorted order (numeric order for numeric labels, lexical for
 * text). For a binary classifier the positive class is the last of the two (1 over 0, TRUE over
 * FALSE, 'yes' over 'no').
 *
 * <p>An unsupervised model has no label: {@link #none()}, with an empty name and type.
 *
 * @param name label column name
 * @param sqlType SQL type name of the label column; PREDICT returns this type for classifiers
 * @param classes class values (empty for regression)
 */
public record LabelInfo(String name, String sqlType, List<String> classes) {

  public LabelInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sqlType, "sqlType");
    classes = List.copyOf(classes);
  }

  /** The label of a model trained without one (clustering). */
  public static LabelInfo none() {
    return new LabelInfo("", "", List.of());
  }

  /** Whether the model was trained with a label. */
  public boolean isPresent() {
    return !name.isEmpty();
  }

  /** Whether this is a two-class label. */
  public boolean isBinary() {
    return classes.size() == 2;
  }

  /** The positive class of a binary label, or null for other labels. */
  public String positiveClass() {
    return isBinary() ? classes.get(1) : null;
  }
}

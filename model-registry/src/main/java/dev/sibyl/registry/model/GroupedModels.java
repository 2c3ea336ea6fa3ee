package dev.sibyl.registry.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The parameters of a grouped model ({@code group_by}): one part per value of the group column,
 * each a complete model of the same algorithm and task trained on that group's rows, and an
 * optional fallback trained on the rows of every group, used for a group no part was trained for.
 *
 * <p>The grouped model's own signature starts with the group column, a categorical feature whose
 * categories are {@link #keys()}; its other features are those of every part. Parts carry no
 * transform: the grouped model's transform computes their features.
 *
 * @param keys the group values, as text (see {@code FeatureValues.toCategory}), in training order
 * @param parts one model per key, in key order
 * @param fallback the model for unseen groups, or null without one
 */
public record GroupedModels(List<String> keys, List<PortableModel> parts, PortableModel fallback)
    implements ModelBody {

  public GroupedModels {
    keys = List.copyOf(keys);
    parts = List.copyOf(parts);
    if (keys.size() != parts.size() || keys.isEmpty()) {
      throw new IllegalArgumentException(
          keys.size() + " group keys for " + parts.size() + " parts");
    }
    if (index(keys).size() != keys.size()) {
      throw new IllegalArgumentException("group keys repeat: " + keys);
    }
    for (PortableModel part : parts) {
      requirePart(part, parts.get(0));
    }
    if (fallback != null) {
      requirePart(fallback, parts.get(0));
    }
  }

  private static void requirePart(PortableModel part, PortableModel first) {
    Objects.requireNonNull(part, "part");
    if (part.body() instanceof GroupedModels || part.transform().isPresent()) {
      throw new IllegalArgumentException("a group's part is a plain model without transform");
    }
    if (part.algorithm() != first.algorithm() || part.task() != first.task()
        || part.signature().size() != first.signature().size()) {
      throw new IllegalArgumentException("the parts of a grouped model differ in kind");
    }
  }

  /** Each key's position. */
  public static Map<String, Integer> index(List<String> keys) {
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      positions.putIfAbsent(keys.get(i), i);
    }
    return positions;
  }

  /** The model for unseen groups, if the grouped model was trained with one. */
  public Optional<PortableModel> fallbackModel() {
    return Optional.ofNullable(fallback);
  }
}

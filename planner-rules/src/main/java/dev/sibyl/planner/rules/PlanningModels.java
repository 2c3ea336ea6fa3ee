package dev.sibyl.planner.rules;

import dev.sibyl.registry.StoredModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The models the rules resolve while a pass runs: each model a query names is looked up in the
 * registry once per pass, not once per rule and match attempt. Outside a pass every lookup goes to
 * the registry.
 */
public final class PlanningModels {
  private static final ThreadLocal<Map<List<Object>, Optional<StoredModel>>> RESOLVED =
      new ThreadLocal<>();

  private PlanningModels() {}

  /** Runs {@code pass} with its own memory of resolved models, on this thread. */
  public static <T> T resolvingOnce(Supplier<T> pass) {
    Map<List<Object>, Optional<StoredModel>> outer = RESOLVED.get();
    RESOLVED.set(new HashMap<>());
    try {
      return pass.get();
    } finally {
      if (outer == null) {
        RESOLVED.remove();
      } else {
        RESOLVED.set(outer);
      }
    }
  }

  /** The model {@code key} names, from this pass's memory or else from {@code load}. */
  static Optional<StoredModel> resolve(List<Object> key, Supplier<Optional<StoredModel>> load) {
    Map<List<Object>, Optional<StoredModel>> resolved = RESOLVED.get();
    return resolved == null ? load.get() : resolved.computeIfAbsent(key, k -> load.get());
  }
}

package dev.sibyl.functions.calcite;

import dev.sibyl.registry.StoredModel;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.linq4j.function.Deterministic;

/**
 * Hands bound scorers to generated code.
 *
 * <p>When a query is compiled, each PREDICT call binds its model here under a key naming the
 * registry, the row id (which is never reused) and, for a pruned model, its pruning; the generated class fetches the scorer once,
 * in a static initialiser, because {@link #scorer} is deterministic for a constant key.
 */
public final class BoundModels {
  private static final int CAPACITY = 4096;
  private static final Map<String, BoundScorer> SCORERS =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BoundScorer> eldest) {
          return size() > CAPACITY;
        }
      };

  private BoundModels() {}

  /**
   * Binds the model a reference loaded and returns the key generated code uses to fetch its
   * scorer.
   */
  static String bind(String registryId, String reference, StoredModel stored) {
    String key = PrunedModelReference.bindingKey(registryId, reference, stored);
    synchronized (SCORERS) {
      if (!SCORERS.containsKey(key)) {
        SCORERS.put(key, new BoundScorer(stored.version(), stored.model()));
      }
    }
    return key;
  }

  /** The scorer bound under a key; called from generated code. */
  @Deterministic
  public static BoundScorer scorer(String key) {
    synchronized (SCORERS) {
      BoundScorer scorer = SCORERS.get(key);
      if (scorer == null) {
        throw new IllegalStateException(
            "model binding " + key + " expired; prepare the statement again");
      }
      return scorer;
    }
  }
}

package dev.sibyl.functions.calcite;

import dev.sibyl.registry.StoredModel;
import java.sql.SQLException;
import java.util.Map;
import org.apache.calcite.linq4j.function.Deterministic;

/**
 * Hands bound scorers to generated code.
 *
 * <p>When a query is compiled, each PREDICT call binds its model here under a key naming the
 * registry and the row id (which is never reused) and, for a pruned model, its reference; the
 * generated class fetches the scorer once, in a static initialiser, because {@link #scorer} is
 * deterministic for a constant key. Pruned models differ with every query's literals, so fewer
 * of them are kept, and one that was dropped is pruned again from its key when asked for.
 */
public final class BoundModels {
  private static final Map<String, BoundScorer> SCORERS = new RecentlyUsed<>(4096);
  private static final Map<String, BoundScorer> PRUNED_SCORERS = new RecentlyUsed<>(64);

  private BoundModels() {}

  /**
   * Binds the model a reference loaded and returns the key generated code uses to fetch its
   * scorer.
   */
  static String bind(String registryId, String reference, StoredModel stored) {
    String key = PrunedModelReference.bindingKey(registryId, reference, stored);
    Map<String, BoundScorer> scorers =
        PrunedModelReference.isPruned(reference) ? PRUNED_SCORERS : SCORERS;
    synchronized (BoundModels.class) {
      if (!scorers.containsKey(key)) {
        scorers.put(key, new BoundScorer(stored.version(), stored.model()));
      }
    }
    return key;
  }

  /** The scorer bound under a key; called from generated code. */
  @Deterministic
  public static BoundScorer scorer(String key) {
    synchronized (BoundModels.class) {
      BoundScorer scorer = SCORERS.get(key);
      if (scorer == null) {
        scorer = PRUNED_SCORERS.get(key);
      }
      if (scorer != null) {
        return scorer;
      }
    }
    StoredModel pruned;
    try {
      pruned = PrunedModelReference.reload(key);
    } catch (SQLException e) {
      throw new SibylSqlException(e);
    }
    if (pruned == null) {
      throw new IllegalStateException(
          "model binding " + key + " expired; prepare the statement again");
    }
    synchronized (BoundModels.class) {
      return PRUNED_SCORERS.computeIfAbsent(key,
          k -> new BoundScorer(pruned.version(), pruned.model()));
    }
  }
}

package dev.sibyl.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A bounded, least-recently-used cache of loaded models keyed by registry row id.
 *
 * <p>Row ids are never reused, so an entry can never describe a different model than its key; a
 * new version gets a new id and therefore a new entry. Dropped models are evicted explicitly.
 *
 * @param <V> the cached value (a decoded model, or a scorer built from one)
 */
public final class ModelCache<V> {
  /** Default number of entries kept. */
  public static final int DEFAULT_CAPACITY = 256;

  private final Map<Long, V> entries;

  public ModelCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, V> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The cached value for a row id, or null. */
  public synchronized V get(long id) {
    return entries.get(id);
  }

  /** Stores a value for a row id. */
  public synchronized void put(long id, V value) {
    entries.put(id, value);
  }

  /** Removes the entries whose value matches. */
  public synchronized void evictIf(Predicate<V> condition) {
    entries.values().removeIf(condition);
  }

  /** Number of entries held. */
  public synchronized int size() {
    return entries.size();
  }
}

package dev.sibyl.functions.calcite;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that keeps its most recently used entries, up to a capacity. Not synchronized.
 *
 * @param <K> the key
 * @param <V> the value
 */
final class RecentlyUsed<K, V> extends LinkedHashMap<K, V> {
  private static final long serialVersionUID = 1L;
  private final int capacity;

  RecentlyUsed(int capacity) {
    super(16, 0.75f, true);
    this.capacity = capacity;
  }

  @Override
  protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
    return size() > capacity;
  }
}

package dev.sibyl.functions.calcite;

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds a connection's model lookup from generated code, which can only carry constants: each
 * lookup registers under its {@link ModelLookup#registryId()} while its database is open.
 */
public final class ModelLookups {
  private static final Map<String, ModelLookup> LOOKUPS = new ConcurrentHashMap<>();

  private ModelLookups() {}

  /** Makes a lookup reachable by its id. */
  public static void register(ModelLookup lookup) {
    LOOKUPS.put(lookup.registryId(), lookup);
  }

  /** Forgets a lookup whose database closed. */
  public static void unregister(ModelLookup lookup) {
    LOOKUPS.remove(lookup.registryId());
  }

  /** The lookup registered under an id. */
  public static ModelLookup get(String registryId) throws SQLException {
    ModelLookup lookup = LOOKUPS.get(registryId);
    if (lookup == null) {
      throw new SQLException("The database of this statement is closed", "08003");
    }
    return lookup;
  }
}

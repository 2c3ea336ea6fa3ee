package dev.sibyl.planner.connection;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Opens each backing database once per JVM and closes it when its last Sibyl connection closes.
 */
public final class BackingDatabases {
  private static final Map<String, Entry> OPEN = new HashMap<>();

  private BackingDatabases() {}

  private static final class Entry {
    final BackingDatabase database;
    int users;

    Entry(BackingDatabase database) {
      this.database = database;
    }
  }

  /** The backing database for a configuration, opened if needed; pair with {@link #release}. */
  public static synchronized BackingDatabase acquire(SibylConnectionConfig config)
      throws SQLException {
    String key = config.jdbcUrl() + "\u0000" + config.user();
    Entry entry = OPEN.get(key);
    if (entry == null) {
      entry = new Entry(new BackingDatabase(config));
      OPEN.put(key, entry);
    }
    entry.users++;
    return entry.database;
  }

  /** Gives back a database obtained from {@link #acquire}. */
  public static synchronized void release(BackingDatabase database) {
    SibylConnectionConfig config = database.config();
    String key = config.jdbcUrl() + "\u0000" + config.user();
    Entry entry = OPEN.get(key);
    if (entry != null && entry.database == database && --entry.users == 0) {
      OPEN.remove(key);
      database.close();
    }
  }
}

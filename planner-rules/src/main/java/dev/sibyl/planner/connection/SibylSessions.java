package dev.sibyl.planner.connection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Finds the backing database of a Calcite connection opened by the Sibyl driver.
 *
 * <p>Calcite hands planner code the connection (as the data context's query provider), not our
 * objects; this map links the two for as long as the connection lives.
 */
public final class SibylSessions {
  private static final Map<Object, BackingDatabase> SESSIONS =
      Collections.synchronizedMap(new WeakHashMap<>());

  private SibylSessions() {}

  /** Links a connection to its backing database. */
  public static void attach(Connection connection, BackingDatabase database) {
    SESSIONS.put(connection, database);
  }

  /** Unlinks a connection; returns the database it used, or null. */
  public static BackingDatabase detach(Connection connection) {
    return SESSIONS.remove(connection);
  }

  /** The backing database of a Sibyl connection. */
  public static BackingDatabase of(Object connection) throws SQLException {
    BackingDatabase database = SESSIONS.get(connection);
    if (database == null) {
      throw new SQLException("Not a Sibyl connection: " + connection, "08003");
    }
    return database;
  }
}

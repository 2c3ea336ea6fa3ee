package dev.sibyl.server.cli;

import dev.sibyl.planner.SibylDriver;
import dev.sibyl.planner.connection.SibylSessions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.jdbc.CalciteConnection;

/** The connection settings of the Sibyl JDBC driver: the one place the CLI depends on it. */
public final class SibylConnections {
  /** The driver class. */
  public static final String DRIVER_CLASS = SibylDriver.class.getName();
  /** The URL every Sibyl connection uses; the backing database comes from {@link #DB_PROPERTY}. */
  public static final String URL = SibylDriver.PREFIX;
  /**
   * The connection property that selects the backing database: an H2 file path, {@code mem:NAME}
   * or the JDBC URL of another database. Without it the driver uses its default H2 file.
   */
  public static final String DB_PROPERTY = "db";

  private SibylConnections() {}

  /** Settings for the backing database {@code db}, or the driver's default when it is empty. */
  public static ConnectionSettings forDatabase(Optional<String> db) {
    Map<String, String> properties = db.map(value -> Map.of(DB_PROPERTY, value)).orElse(Map.of());
    return new ConnectionSettings(DRIVER_CLASS, URL, properties);
  }

  /**
   * A new connection straight to the backing database of {@code connection} if it is a Sibyl
   * connection, otherwise {@code connection} itself. Bulk loads use it: a Sibyl connection passes
   * each statement through in its own transaction, one row at a time, where a load needs one
   * transaction and batches.
   */
  public static Connection backingConnection(Connection connection) throws SQLException {
    if (!connection.isWrapperFor(CalciteConnection.class)) {
      return connection;
    }
    CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
    return SibylSessions.of(calcite).dataSource().getConnection();
  }
}

package dev.sibyl.planner.connection;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The connection properties of a {@code jdbc:sibyl:} URL, with their defaults, validated once.
 *
 * <ul>
 *   <li>{@code db}: the backing database — an H2 file path (default {@value #DEFAULT_DB}), {@code
 *       mem:NAME} for an in-memory H2 database, or the JDBC URL of any database (H2 and PostgreSQL,
 *       {@code jdbc:postgresql://host:port/name}, are supported and tested).
 *   <li>{@code db_user}, {@code db_password}: credentials for the backing database (H2 default:
 *       {@code sa} with an empty password).
 *   <li>{@code pool_size}: connections kept open to the backing database (default {@value
 *       #DEFAULT_POOL_SIZE}, 1 to {@value #MAX_POOL_SIZE}).
 * </ul>
 */
public final class SibylConnectionConfig {
  /** Default backing database: an H2 file under the working directory. */
  public static final String DEFAULT_DB = "./sibyl-data/sibyl";
  /** Default pool size; the machines we target have few cores. */
  public static final int DEFAULT_POOL_SIZE = 4;
  /** Upper bound of the pool size, far below H2's 255 open transactions. */
  public static final int MAX_POOL_SIZE = 64;

  private final String db;
  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final int poolSize;

  private SibylConnectionConfig(String db, String user, String password, int poolSize)
      throws SQLException {
    this.db = db;
    this.jdbcUrl = toJdbcUrl(db);
    this.user = user;
    this.password = password;
    this.poolSize = poolSize;
  }

  /** Reads and validates the properties of a connection. */
  public static SibylConnectionConfig from(Properties info) throws SQLException {
    String db = info.getProperty("db", DEFAULT_DB).trim();
    if (db.isEmpty()) {
      throw new SQLException("Connection property 'db' must not be empty", "08001");
    }
    boolean h2 = !db.startsWith("jdbc:") || db.startsWith("jdbc:h2:");
    String user = info.getProperty("db_user", h2 ? "sa" : null);
    String password = info.getProperty("db_password", h2 ? "" : null);
    int poolSize;
    try {
      poolSize = Integer.parseInt(info.getProperty("pool_size", "" + DEFAULT_POOL_SIZE).trim());
    } catch (NumberFormatException e) {
      throw new SQLException(
          "Connection property 'pool_size' must be an integer, not '"
              + info.getProperty("pool_size") + "'",
          "08001");
    }
    if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
      throw new SQLException(
          "Connection property 'pool_size' = " + poolSize + " is out of range: expected 1 to "
              + MAX_POOL_SIZE,
          "08001");
    }
    return new SibylConnectionConfig(db, user, password, poolSize);
  }

  private static String toJdbcUrl(String db) throws SQLException {
    if (db.startsWith("jdbc:")) {
      return db;
    }
    if (db.startsWith("mem:")) {
      String name = db.substring(4);
      if (name.isEmpty() || name.contains(";")) {
        throw new SQLException("Invalid in-memory database name in db='" + db + "'", "08001");
      }
      return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    }
    if (db.contains(";")) {
      throw new SQLException(
          "db='" + db + "' is not a file path; pass options in a full jdbc:h2: URL", "08001");
    }
    String path = Path.of(db).toAbsolutePath().normalize().toString();
    if (path.endsWith(".mv.db")) {
      path = path.substring(0, path.length() - ".mv.db".length());
    }
    return "jdbc:h2:file:" + path;
  }

  /** The {@code db} property as given. */
  public String db() {
    return db;
  }

  /** The JDBC URL of the backing database. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  public int poolSize() {
    return poolSize;
  }

  /** Whether the backing database is H2. */
  public boolean isH2() {
    return jdbcUrl.startsWith("jdbc:h2:");
  }
}

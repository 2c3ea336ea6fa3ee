package dev.sibyl.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates and upgrades the registry tables by running the numbered scripts shipped from {@code
 * sql/registry/} (one script per schema version, applied in order, each at most once).
 */
public final class RegistrySchema {
  /** The schema scripts, in version order; append, never edit a released one. */
  static final List<String> SCRIPTS =
      List.of("V1__registry.sql", "V2__training_runs.sql", "V3__unsupervised_models.sql");

  private RegistrySchema() {}

  /** The newest schema version this build knows. */
  public static int latestVersion() {
    return SCRIPTS.size();
  }

  /** Brings the registry schema in {@code connection}'s database up to {@link #latestVersion()}. */
  public static void install(Connection connection) throws SQLException {
    int current = installedVersion(connection);
    boolean autoCommit = connection.getAutoCommit();
    for (int version = current + 1; version <= SCRIPTS.size(); version++) {
      try (Statement statement = connection.createStatement()) {
        for (String sql : statements(SCRIPTS.get(version - 1))) {
          statement.execute(sql);
        }
        statement.execute(
            "INSERT INTO SIBYL.SCHEMA_VERSION (VERSION, APPLIED_AT)"
                + " SELECT " + version + ", CURRENT_TIMESTAMP FROM (VALUES (1)) AS T(X)"
                + " WHERE NOT EXISTS (SELECT 1 FROM SIBYL.SCHEMA_VERSION WHERE VERSION = "
                + version + ")");
      }
      if (!autoCommit) {
        connection.commit();
      }
    }
  }

  /** The schema version installed, 0 if none. */
  public static int installedVersion(Connection connection) throws SQLException {
    try (ResultSet tables =
        connection.getMetaData().getTables(null, "SIBYL", "SCHEMA_VERSION", null)) {
      if (!tables.next()) {
        return 0;
      }
    }
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT COALESCE(MAX(VERSION), 0) FROM SIBYL.SCHEMA_VERSION")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  static List<String> statements(String script) {
    String text;
    try (InputStream in = RegistrySchema.class.getResourceAsStream("sql/" + script)) {
      if (in == null) {
        throw new IllegalStateException("registry script " + script + " missing from the build");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read registry script " + script, e);
    }
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("--") || trimmed.isEmpty()) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String sql = current.toString().strip();
        statements.add(sql.substring(0, sql.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      statements.add(current.toString().strip());
    }
    return statements;
  }
}

package dev.sibyl.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates and upgrades the registry tables by running the numbered scripts shipped from {@code
 * sql/registry/} (one script per schema version, {@code V<n>__<what>.sql}).
 *
 * <p>The scripts at the top of that folder are H2's. A database whose DDL differs has its own
 * variant of every script, with the same names and versions, in a folder named for it: {@code
 * postgresql/} for PostgreSQL (see docs/decisions/0012-postgresql.md). The tables and columns are
 * the same everywhere, so the registry's queries (unquoted identifiers) run unchanged.
 *
 * <p>Each script is applied at most once, in ascending version order, and the versions applied
 * are recorded in {@code SIBYL.SCHEMA_VERSION}. Versions need not be contiguous: a script is
 * applied when its own version is not recorded, so a number left free by one change (version 4
 * while version 5 ships) is still applied when its script arrives later. Scripts must therefore
 * not depend on a higher-numbered one.
 */
public final class RegistrySchema {
  /** The schema scripts; append, never edit a released one. */
  static final List<String> SCRIPTS =
      List.of("V1__registry.sql", "V2__training_runs.sql", "V3__unsupervised_models.sql",
          "V4__model_transforms.sql", "V5__training_trials.sql");

  /** The product name PostgreSQL's JDBC driver reports. */
  private static final String POSTGRESQL = "PostgreSQL";

  private static final Pattern SCRIPT_NAME = Pattern.compile("V(\\d+)__\\w+\\.sql");

  private RegistrySchema() {}

  /** The newest schema version this build knows. */
  public static int latestVersion() {
    return SCRIPTS.stream().mapToInt(RegistrySchema::versionOf).max().orElse(0);
  }

  /**
   * Applies, in version order, every script whose version {@code connection}'s database lacks;
   * each script and its version row in one transaction (databases with transactional DDL, such as
   * PostgreSQL, then apply a script entirely or not at all).
   */
  public static void install(Connection connection) throws SQLException {
    Set<Integer> applied = appliedVersions(connection);
    String folder = scriptFolder(connection.getMetaData());
    boolean autoCommit = connection.getAutoCommit();
    List<String> scripts = new ArrayList<>(SCRIPTS);
    scripts.sort(Comparator.comparingInt(RegistrySchema::versionOf));
    connection.setAutoCommit(false);
    try {
      for (String script : scripts) {
        int version = versionOf(script);
        if (applied.contains(version)) {
          continue;
        }
        try (Statement statement = connection.createStatement()) {
          for (String sql : statements(folder + script)) {
            statement.execute(sql);
          }
          statement.execute(
              "INSERT INTO SIBYL.SCHEMA_VERSION (VERSION, APPLIED_AT)"
                  + " SELECT " + version + ", CURRENT_TIMESTAMP FROM (VALUES (1)) AS T(X)"
                  + " WHERE NOT EXISTS (SELECT 1 FROM SIBYL.SCHEMA_VERSION WHERE VERSION = "
                  + version + ")");
          connection.commit();
        } catch (SQLException | RuntimeException e) {
          connection.rollback();
          throw e;
        }
      }
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  /** The resource folder of the scripts for a database: H2's by default. */
  static String scriptFolder(DatabaseMetaData metaData) throws SQLException {
    return POSTGRESQL.equalsIgnoreCase(metaData.getDatabaseProductName()) ? "postgresql/" : "";
  }

  /** The highest schema version installed, 0 if none. */
  public static int installedVersion(Connection connection) throws SQLException {
    return appliedVersions(connection).stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  /** The schema versions recorded as applied, empty before the first install. */
  static Set<Integer> appliedVersions(Connection connection) throws SQLException {
    Set<Integer> versions = new TreeSet<>();
    DatabaseMetaData metaData = connection.getMetaData();
    boolean lower = metaData.storesLowerCaseIdentifiers();
    try (ResultSet tables =
        metaData.getTables(
            null, lower ? "sibyl" : "SIBYL", lower ? "schema_version" : "SCHEMA_VERSION", null)) {
      if (!tables.next()) {
        return versions;
      }
    }
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT VERSION FROM SIBYL.SCHEMA_VERSION")) {
      while (rs.next()) {
        versions.add(rs.getInt(1));
      }
    }
    return versions;
  }

  /** The version number of a script named {@code V<n>__<what>.sql}. */
  static int versionOf(String script) {
    Matcher matcher = SCRIPT_NAME.matcher(script);
    if (!matcher.matches()) {
      throw new IllegalStateException(
          "registry script " + script + " is not named V<n>__<what>.sql");
    }
    return Integer.parseInt(matcher.group(1));
  }

  /** The statements of a script, named relative to {@code sql/registry/}. */
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

package dev.sibyl.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sibyl.registry.format.ModelCodec;
import dev.sibyl.registry.format.ModelFormatException;
import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.PortableModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The models of one database: versions stored as rows of {@code SIBYL.MODELS}, loaded through a
 * checksum check and a cache.
 *
 * <p>Model names match ignoring case, as unquoted SQL identifiers do. Each write is one transaction:
 * a failure leaves the table as it was.
 */
public final class ModelRegistry {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS = "ID, NAME, VERSION, PAYLOAD_SHA256";

  private final DataSource dataSource;
  private final ModelCache<StoredModel> cache;

  /** Opens the registry in {@code dataSource}'s database, creating or upgrading its tables. */
  public ModelRegistry(DataSource dataSource) throws SQLException {
    this.dataSource = dataSource;
    this.cache = new ModelCache<>(ModelCache.DEFAULT_CAPACITY);
    try (Connection connection = dataSource.getConnection()) {
      RegistrySchema.install(connection);
    }
  }

  /** Whether any version of a model exists. */
  public boolean exists(String name) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT 1 FROM SIBYL.MODELS WHERE UPPER(NAME) = ? FETCH FIRST 1 ROWS ONLY")) {
      statement.setString(1, upper(name));
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The version a reference names (the active one if none is given), if it exists. */
  public Optional<ModelVersion> find(ModelRef ref) throws SQLException {
    String sql =
        ref.version().isPresent()
            ? "SELECT " + COLUMNS + " FROM SIBYL.MODELS WHERE UPPER(NAME) = ? AND VERSION = ?"
            : "SELECT " + COLUMNS + " FROM SIBYL.MODELS WHERE UPPER(NAME) = ? AND ACTIVE";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, upper(ref.name()));
      if (ref.version().isPresent()) {
        statement.setInt(2, ref.version().getAsInt());
      }
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new ModelVersion(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4)));
      }
    }
  }

  /** The version a reference names; an error naming the model or version if there is none. */
  public ModelVersion resolve(ModelRef ref) throws SQLException {
    Optional<ModelVersion> found = find(ref);
    if (found.isPresent()) {
      return found.get();
    }
    if (ref.version().isPresent() && exists(ref.name())) {
      throw SibylErrors.unknownVersion(ref.name(), ref.version().getAsInt());
    }
    throw SibylErrors.unknownModel(ref.name());
  }

  /** Resolves a reference and loads its model (from the cache when possible). */
  public StoredModel load(ModelRef ref) throws SQLException {
    return load(resolve(ref));
  }

  /** Loads a model version, verifying its checksum; cached by row id. */
  public StoredModel load(ModelVersion version) throws SQLException {
    StoredModel cached = cache.get(version.id());
    if (cached != null) {
      return cached;
    }
    byte[] payload = readPayload(version);
    PortableModel model;
    try {
      String actual = ModelCodec.checksumOf(payload);
      if (!actual.equalsIgnoreCase(version.sha256().trim())) {
        throw SibylErrors.corruptedPayload(
            version.name(), version.version(),
            "payload checksum " + actual + " does not match the registry's "
                + version.sha256().trim());
      }
      model = ModelCodec.decode(payload);
    } catch (ModelFormatException e) {
      throw SibylErrors.corruptedPayload(version.name(), version.version(), e.getMessage());
    }
    StoredModel stored = new StoredModel(version, model);
    cache.put(version.id(), stored);
    return stored;
  }

  /**
   * Stores a new version and makes it the active one, in one transaction.
   *
   * @param replace whether an existing model may get a new version (CREATE OR REPLACE)
   * @return the version written
   */
  public ModelVersion register(NewModelVersion entry, boolean replace) throws SQLException {
    byte[] payload = ModelCodec.encode(entry.model());
    String sha;
    try {
      sha = ModelCodec.checksumOf(payload);
    } catch (ModelFormatException e) {
      throw new IllegalStateException("freshly encoded payload unreadable", e);
    }
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        int version = nextVersion(connection, entry.name(), replace);
        try (PreparedStatement deactivate =
            connection.prepareStatement(
                "UPDATE SIBYL.MODELS SET ACTIVE = FALSE WHERE UPPER(NAME) = ? AND ACTIVE")) {
          deactivate.setString(1, upper(entry.name()));
          deactivate.executeUpdate();
        }
        long id = insert(connection, entry, version, payload, sha);
        connection.commit();
        return new ModelVersion(id, entry.name(), version, sha);
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    }
  }

  /** Deletes every version of a model; returns how many rows went. */
  public int drop(String name) throws SQLException {
    int removed;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("DELETE FROM SIBYL.MODELS WHERE UPPER(NAME) = ?")) {
      statement.setString(1, upper(name));
      removed = statement.executeUpdate();
    }
    String key = upper(name);
    cache.evictIf(stored -> upper(stored.version().name()).equals(key));
    return removed;
  }

  /** Names of all models, sorted. */
  public List<String> names() throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT DISTINCT NAME FROM SIBYL.MODELS ORDER BY NAME")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  private static int nextVersion(Connection connection, String name, boolean replace)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT MAX(VERSION) FROM SIBYL.MODELS WHERE UPPER(NAME) = ?")) {
      statement.setString(1, upper(name));
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        int max = rs.getInt(1);
        if (!rs.wasNull() && !replace) {
          throw SibylErrors.modelExists(name);
        }
        return max + 1;
      }
    }
  }

  private static long insert(
      Connection connection, NewModelVersion entry, int version, byte[] payload, String sha)
      throws SQLException {
    PortableModel model = entry.model();
    String sql =
        "INSERT INTO SIBYL.MODELS (NAME, VERSION, ACTIVE, ALGORITHM, TASK, LABEL, FEATURES,"
            + " TRANSFORM, LABEL_CLASSES, POSITIVE_CLASS, OPTIONS, TRAINING_QUERY, TRAINING_ROWS,"
            + " HELDOUT_ROWS, SKIPPED_ROWS, METRICS, CREATED_AT, CREATED_BY, SMILE_VERSION,"
            + " FORMAT_VERSION, PAYLOAD_SIZE, PAYLOAD_SHA256, PAYLOAD)"
            + " VALUES (?, ?, TRUE, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    // The key column in lower case: PostgreSQL's driver quotes it; H2 matches it ignoring case.
    try (PreparedStatement insert = connection.prepareStatement(sql, new String[] {"id"})) {
      int i = 1;
      insert.setString(i++, entry.name());
      insert.setInt(i++, version);
      insert.setString(i++, model.algorithm().sqlName());
      insert.setString(i++, model.task().name().toLowerCase(Locale.ROOT));
      insert.setString(i++, model.label().isPresent() ? model.label().name() : null);
      insert.setString(i++, json(featuresAsJson(model)));
      insert.setString(i++, TransformText.of(model));
      insert.setString(i++, model.label().classes().isEmpty()
          ? null : json(model.label().classes()));
      insert.setString(i++, model.label().positiveClass());
      insert.setString(i++, json(entry.options()));
      insert.setString(i++, entry.trainingQuery());
      insert.setLong(i++, entry.trainingRows());
      insert.setLong(i++, entry.heldOutRows());
      insert.setLong(i++, entry.skippedRows());
      insert.setString(i++, json(entry.metrics()));
      insert.setTimestamp(i++, Timestamp.from(Instant.now()));
      insert.setString(i++, entry.createdBy());
      insert.setString(i++, entry.smileVersion());
      insert.setInt(i++, ModelCodec.FORMAT_VERSION);
      insert.setLong(i++, payload.length);
      insert.setString(i++, sha);
      insert.setBinaryStream(i, new ByteArrayInputStream(payload), payload.length);
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  private byte[] readPayload(ModelVersion version) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT PAYLOAD FROM SIBYL.MODELS WHERE ID = ?")) {
      statement.setLong(1, version.id());
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          throw SibylErrors.unknownVersion(version.name(), version.version());
        }
        try (InputStream in = rs.getBinaryStream(1)) {
          return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
          throw SibylErrors.corruptedPayload(version.name(), version.version(), e.getMessage());
        }
      }
    }
  }

  private static List<Map<String, Object>> featuresAsJson(PortableModel model) {
    List<Map<String, Object>> features = new ArrayList<>();
    boolean grouped = model.groups().isPresent();
    for (Feature f : model.signature().features()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", f.name());
      entry.put("type", f.sqlType());
      // a grouped model's first feature is its group column, its categories the groups
      entry.put("kind", grouped && features.isEmpty()
          ? "group" : f.kind().name().toLowerCase(Locale.ROOT));
      if (f.categories().isEmpty()) {
        entry.put("impute", f.imputeValue());
      } else {
        entry.put("categories", f.categories());
      }
      features.add(entry);
    }
    return features;
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write registry JSON", e);
    }
  }

  private static String upper(String name) {
    return name.toUpperCase(Locale.ROOT);
  }
}

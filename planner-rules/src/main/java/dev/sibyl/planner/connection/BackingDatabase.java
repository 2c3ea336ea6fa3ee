package dev.sibyl.planner.connection;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sibyl.functions.calcite.ModelLookup;
import dev.sibyl.functions.calcite.ModelLookups;
import dev.sibyl.registry.ModelRef;
import dev.sibyl.registry.ModelRegistry;
import dev.sibyl.registry.StoredModel;
import dev.sibyl.registry.TrainingRuns;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * One backing database shared by every Sibyl connection to it: a connection pool and the model
 * registry stored in it.
 */
public final class BackingDatabase implements ModelLookup, AutoCloseable {
  private final SibylConnectionConfig config;
  private final HikariDataSource dataSource;
  private final ModelRegistry registry;
  private final TrainingRuns trainingRuns;
  private final boolean lowerCaseIdentifiers;
  private final String registryId = UUID.randomUUID().toString();

  BackingDatabase(SibylConnectionConfig config) throws SQLException {
    this.config = config;
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(config.jdbcUrl());
    if (config.user() != null) {
      hikari.setUsername(config.user());
    }
    if (config.password() != null) {
      hikari.setPassword(config.password());
    }
    hikari.setMaximumPoolSize(config.poolSize());
    hikari.setMinimumIdle(config.poolSize());
    hikari.setPoolName("sibyl-" + registryId.substring(0, 8));
    hikari.setInitializationFailTimeout(-1);
    try {
      this.dataSource = new HikariDataSource(hikari);
    } catch (RuntimeException e) {
      throw new SQLException(
          "Cannot open the backing database " + config.db() + ": " + e.getMessage(), "08001", e);
    }
    try {
      this.registry = new ModelRegistry(dataSource);
      try (Connection connection = dataSource.getConnection()) {
        this.lowerCaseIdentifiers = connection.getMetaData().storesLowerCaseIdentifiers();
      }
    } catch (SQLException | RuntimeException e) {
      dataSource.close();
      throw e;
    }
    this.trainingRuns = new TrainingRuns(dataSource);
    ModelLookups.register(this);
  }

  public SibylConnectionConfig config() {
    return config;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public ModelRegistry registry() {
    return registry;
  }

  /**
   * Whether the database stores unquoted names in lower case (PostgreSQL), where Sibyl's parser
   * and H2 store them in upper case.
   */
  public boolean storesLowerCaseIdentifiers() {
    return lowerCaseIdentifiers;
  }

  /** The log of CREATE MODEL runs in this database. */
  public TrainingRuns trainingRuns() {
    return trainingRuns;
  }

  @Override
  public StoredModel load(ModelRef ref) throws SQLException {
    return registry.load(ref);
  }

  @Override
  public String registryId() {
    return registryId;
  }

  @Override
  public void close() {
    ModelLookups.unregister(this);
    dataSource.close();
  }
}

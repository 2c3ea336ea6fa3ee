package dev.sibyl.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * The {@code SIBYL.TRAINING_RUNS} table: each CREATE MODEL execution writes a row when it starts,
 * updates it as it goes, and records how it ended. Every write commits on its own connection, so
 * other connections see a run while it is in progress. The trials of a hyperparameter search go
 * to {@code SIBYL.TRAINING_TRIALS}, one row each, referring to their run.
 */
public final class TrainingRuns {
  /** How a run ended, or that it has not. */
  public enum State {
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELED;

    String sql() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DataSource dataSource;

  public TrainingRuns(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Records a run that starts now; returns its id. */
  public long start(String model, String createdBy) throws SQLException {
    // The key column in lower case: PostgreSQL's driver quotes it; H2 matches it ignoring case.
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO SIBYL.TRAINING_RUNS (MODEL, STATE, PHASE, ROWS_READ, STARTED_AT,"
                    + " UPDATED_AT, CREATED_BY) VALUES (?, 'running', 'starting', 0, ?, ?, ?)",
                new String[] {"id"})) {
      Timestamp now = Timestamp.from(Instant.now());
      insert.setString(1, model);
      insert.setTimestamp(2, now);
      insert.setTimestamp(3, now);
      insert.setString(4, createdBy);
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  /** Records the phase a run is in and the rows it has read. */
  public void progress(long run, String phase, long rowsRead) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE SIBYL.TRAINING_RUNS SET PHASE = ?, ROWS_READ = ?, UPDATED_AT = ?"
                    + " WHERE ID = ?")) {
      update.setString(1, phase);
      update.setLong(2, rowsRead);
      update.setTimestamp(3, Timestamp.from(Instant.now()));
      update.setLong(4, run);
      update.executeUpdate();
    }
  }

  /** Records how a run ended; {@code version} for a success, {@code error} otherwise. */
  public void finish(long run, State state, Integer version, String error) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE SIBYL.TRAINING_RUNS SET STATE = ?, PHASE = 'done', VERSION = ?,"
                    + " ERROR = ?, FINISHED_AT = ?, UPDATED_AT = ? WHERE ID = ?")) {
      Timestamp now = Timestamp.from(Instant.now());
      update.setString(1, state.sql());
      if (version == null) {
        update.setNull(2, java.sql.Types.INTEGER);
      } else {
        update.setInt(2, version);
      }
      update.setString(3, error == null ? null : truncate(error));
      update.setTimestamp(4, now);
      update.setTimestamp(5, now);
      update.setLong(6, run);
      update.executeUpdate();
    }
  }

  /**
   * Records the trials of a run's hyperparameter search, in one transaction.
   *
   * @param model the model the run trains
   */
  public void recordTrials(long run, String model, List<TrainingTrial> trials)
      throws SQLException {
    if (trials.isEmpty()) {
      return;
    }
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO SIBYL.TRAINING_TRIALS (RUN_ID, MODEL, TRIAL, PARAMS, METRIC,"
                  + " METRIC_MEAN, METRIC_STDDEV, SECONDS, CHOSEN)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (TrainingTrial trial : trials) {
          insert.setLong(1, run);
          insert.setString(2, model);
          insert.setInt(3, trial.number());
          insert.setString(4, JSON.writeValueAsString(trial.params()));
          insert.setString(5, trial.metric());
          insert.setDouble(6, trial.mean());
          insert.setDouble(7, trial.stddev());
          insert.setDouble(8, trial.seconds());
          insert.setBoolean(9, trial.chosen());
          insert.addBatch();
        }
        insert.executeBatch();
        connection.commit();
      } catch (JsonProcessingException e) {
        connection.rollback();
        throw new IllegalStateException("cannot write trial parameters as JSON", e);
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    }
  }

  private static String truncate(String error) {
    return error.length() <= 10_000 ? error : error.substring(0, 9_997) + "...";
  }
}

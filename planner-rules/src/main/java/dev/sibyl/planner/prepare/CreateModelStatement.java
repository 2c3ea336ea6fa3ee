package dev.sibyl.planner.prepare;

import dev.sibyl.functions.calcite.SibylSqlException;
import dev.sibyl.functions.training.ModelTrainer;
import dev.sibyl.functions.training.TrainingOptions;
import dev.sibyl.functions.training.TrainingResult;
import dev.sibyl.functions.transform.TransformFitter;
import dev.sibyl.functions.transform.TransformItem;
import dev.sibyl.functions.transform.TransformItems;
import dev.sibyl.planner.connection.BackingDatabase;
import dev.sibyl.planner.parser.SqlCreateModel;
import dev.sibyl.registry.ModelVersion;
import dev.sibyl.registry.NewModelVersion;
import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.TrainingRuns;
import dev.sibyl.registry.model.ModelTransform;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

/**
 * Executes {@code CREATE MODEL}: runs the training query through Calcite, trains, and stores the
 * new version in one registry transaction. Training happens when the statement executes, not when
 * it is prepared; its progress and outcome are logged in {@code SIBYL.TRAINING_RUNS} (and the
 * trials of a hyperparameter search in {@code SIBYL.TRAINING_TRIALS}), and {@code
 * Statement.cancel()} or the query timeout stop it with nothing stored. Returns one row describing
 * the new version (none for IF NOT EXISTS on an existing model).
 */
final class CreateModelStatement {
  static final List<ColumnMetaData> COLUMNS =
      List.of(
          Signatures.column("MODEL", 0, String.class, false),
          Signatures.column("VERSION", 1, Integer.class, false),
          Signatures.column("ALGORITHM", 2, String.class, false),
          Signatures.column("TRAINING_ROWS", 3, Long.class, false),
          Signatures.column("HELDOUT_ROWS", 4, Long.class, false),
          Signatures.column("METRIC", 5, String.class, false),
          Signatures.column("METRIC_VALUE", 6, Double.class, true),
          Signatures.column("SECONDS", 7, Double.class, false));

  private static final long WATCH_INTERVAL_MILLIS = 100;

  private final BackingDatabase database;
  private final SqlCreateModel node;
  private final TrainingOptions options;
  private final List<TransformItem> transform;
  private final String trainingQuery;

  private CreateModelStatement(
      BackingDatabase database, SqlCreateModel node, TrainingOptions options,
      List<TransformItem> transform, String trainingQuery) {
    this.database = database;
    this.node = node;
    this.options = options;
    this.transform = transform;
    this.trainingQuery = trainingQuery;
  }

  /** Validates the options now; training waits until the statement executes. */
  static CalciteSignature<Object> prepare(
      BackingDatabase database, SqlCreateModel node, String sql) throws SQLException {
    Set<String> seen = new HashSet<>();
    for (String key : node.optionKeys()) {
      if (!seen.add(key)) {
        throw new SQLException(
            "Option '" + key + "' is given more than once", SibylErrors.SYNTAX);
      }
    }
    TrainingOptions options = TrainingOptions.parse(node.optionValues());
    List<TransformItem> transform = node.transform == null
        ? null
        : TransformItems.of(node.modelName(), node.transform.getList(), options.label());
    CreateModelStatement statement =
        new CreateModelStatement(database, node, options, transform,
            QueryText.of(sql, node.query));
    return Signatures.rows(sql, COLUMNS, List.of(),
        dataContext -> new AbstractEnumerable<Object>() {
          @Override
          public Enumerator<Object> enumerator() {
            return Linq4j.enumerator(statement.execute(dataContext));
          }
        });
  }

  private List<Object> execute(DataContext dataContext) {
    String name = node.modelName();
    try {
      boolean exists = database.registry().exists(name);
      if (exists && !node.getReplace()) {
        if (node.ifNotExists()) {
          return List.of();
        }
        throw SibylErrors.modelExists(name);
      }
      long started = System.nanoTime();
      String user = System.getProperty("user.name");
      TrainingRuns runs = database.trainingRuns();
      long run = runs.start(name, user);
      AtomicBoolean cancelFlag = DataContext.Variable.CANCEL_FLAG.get(dataContext);
      Long timeout = (Long) dataContext.get(DataContext.Variable.TIMEOUT.camelName);
      long timeoutMillis = timeout == null ? 0 : timeout;
      RunTracker tracker =
          new RunTracker(runs, run, cancelFlag == null ? new AtomicBoolean() : cancelFlag,
              timeoutMillis);
      try {
        TrainingResult result =
            trainWatched(name, (Connection) dataContext.getQueryProvider(), tracker,
                timeoutMillis);
        runs.recordTrials(run, name, result.trials());
        tracker.phase("storing");
        ModelVersion version =
            database.registry().register(
                new NewModelVersion(
                    name, result.model(), result.options(), trainingQuery,
                    result.trainingRows(), result.heldOutRows(), result.skippedRows(),
                    result.metrics(), user, ModelTrainer.smileVersion()),
                node.getReplace());
        runs.finish(run, TrainingRuns.State.SUCCEEDED, version.version(), null);
        double seconds = (System.nanoTime() - started) / 1e9;
        Object[] row = {
          version.name(), version.version(), options.algorithm().sqlName(),
          result.trainingRows(), result.heldOutRows(), result.mainMetricName(),
          result.mainMetric(), Math.round(seconds * 1000) / 1000.0
        };
        return Collections.singletonList(row);
      } catch (SQLException | RuntimeException e) {
        SQLException cause = e instanceof SQLException sql ? sql : null;
        boolean canceled = cause != null && SibylErrors.CANCELED.equals(cause.getSQLState());
        runs.finish(run, canceled ? TrainingRuns.State.CANCELED : TrainingRuns.State.FAILED,
            null, String.valueOf(e.getMessage()));
        throw e;
      }
    } catch (SQLException e) {
      throw new SibylSqlException(e);
    }
  }

  /** Fits the TRANSFORM, if any, then reads the (transformed) training rows and trains. */
  private TrainingResult train(String name, Connection connection, RunTracker tracker)
      throws SQLException {
    String query = trainingQuery;
    ModelTransform fitted = ModelTransform.NONE;
    if (transform != null) {
      tracker.phase("fitting transform");
      TransformFitter.Fitted fit = TransformFitter.fit(
          name, transform, trainingQuery, options.label(), options.splitBy(), options.groupBy(),
          connection, tracker::isCanceled);
      query = fit.trainingQuery();
      fitted = fit.transform();
    }
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      TrainingResult result = new ModelTrainer().train(name, options, rows, tracker);
      return fitted.isPresent() ? result.withModel(result.model().withTransform(fitted)) : result;
    }
  }

  /**
   * Runs the training query and the fit on a worker thread while this thread watches for a
   * cancel or a timeout; on either it returns at once with SQLState 57014 and leaves the worker
   * to stop at its next check (or, inside a fit, to finish and be discarded).
   */
  private TrainingResult trainWatched(
      String name, Connection connection, RunTracker tracker, long timeoutMillis)
      throws SQLException {
    ExecutorService worker =
        Executors.newSingleThreadExecutor(runnable -> {
          Thread thread = new Thread(runnable, "sibyl-train-" + name);
          thread.setDaemon(true);
          return thread;
        });
    try {
      Future<TrainingResult> training =
          worker.submit(() -> train(name, connection, tracker));
      while (true) {
        try {
          return training.get(WATCH_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
          if (tracker.isCanceled()) {
            tracker.stop();
            training.cancel(false);
            throw tracker.timedOut()
                ? SibylErrors.trainingTimedOut(name, Math.max(1, timeoutMillis / 1000))
                : SibylErrors.trainingCanceled(name);
          }
        } catch (ExecutionException failed) {
          Throwable cause = failed.getCause();
          if (cause instanceof SQLException sql) {
            if (SibylErrors.CANCELED.equals(sql.getSQLState()) && tracker.timedOut()) {
              throw SibylErrors.trainingTimedOut(name, Math.max(1, timeoutMillis / 1000));
            }
            throw sql;
          }
          if (cause instanceof RuntimeException runtime) {
            throw runtime;
          }
          throw new SQLException(String.valueOf(cause.getMessage()), SibylErrors.DATA, cause);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          tracker.stop();
          throw SibylErrors.trainingCanceled(name);
        }
      }
    } finally {
      worker.shutdown();
    }
  }
}

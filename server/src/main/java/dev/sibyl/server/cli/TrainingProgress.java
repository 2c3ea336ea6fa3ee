package dev.sibyl.server.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * Shows how a long CREATE MODEL is getting on: while the statement runs, a background thread
 * reads the newest row of {@code SIBYL.TRAINING_RUNS} through its own connection and, once the
 * training has taken a few seconds ({@code --progress-after}), prints a progress line to standard
 * error every two seconds.
 */
final class TrainingProgress implements AutoCloseable {
  private static final Pattern CREATE_MODEL =
      Pattern.compile("^\\s*CREATE\\s+(OR\\s+REPLACE\\s+)?MODEL\\b", Pattern.CASE_INSENSITIVE);
  /** Default seconds a training runs before the first progress line. */
  static final double DEFAULT_QUIET_SECONDS = 3;
  private static final long INTERVAL_MILLIS = 2_000;

  private final Thread watcher;
  private volatile boolean done;

  private TrainingProgress(
      Callable<Connection> connect, long lastRunBefore, PrintWriter err, long quietMillis) {
    long started = System.currentTimeMillis();
    watcher = new Thread(
        () -> watch(connect, lastRunBefore, err, started, quietMillis), "sibyl-progress");
    watcher.setDaemon(true);
    watcher.start();
  }

  /**
   * Starts watching if {@code sql} is a CREATE MODEL and {@code quietSeconds} is not negative;
   * otherwise returns an idle watcher.
   */
  static AutoCloseable watch(String sql, Connection connection, Callable<Connection> connect,
      PrintWriter err, double quietSeconds) {
    if (quietSeconds < 0 || !CREATE_MODEL.matcher(sql).find()) {
      return () -> { };
    }
    try {
      return new TrainingProgress(connect, lastRun(connection), err,
          Math.round(quietSeconds * 1000));
    } catch (SQLException e) {
      return () -> { };
    }
  }

  private void watch(Callable<Connection> connect, long lastRunBefore, PrintWriter err,
      long started, long quietMillis) {
    try (Connection connection = connect.call();
        Statement statement = connection.createStatement()) {
      sleep(quietMillis);
      while (!done) {
        try (ResultSet run = statement.executeQuery(
            "SELECT MODEL, PHASE, ROWS_READ FROM SIBYL.TRAINING_RUNS WHERE STATE = 'running'"
                + " AND ID > " + lastRunBefore + " ORDER BY ID DESC FETCH FIRST 1 ROWS ONLY")) {
          if (run.next() && !done) {
            long seconds = (System.currentTimeMillis() - started) / 1000;
            synchronized (err) {
              err.println(String.format(Locale.ROOT,
                  "  training %s: %s, %,d rows read, %d s elapsed",
                  run.getString(1), run.getString(2), run.getLong(3), seconds));
              err.flush();
            }
          }
        }
        sleep(INTERVAL_MILLIS);
      }
    } catch (Exception e) {
      // Progress is a courtesy: if it cannot be read, the statement itself still reports.
    }
  }

  private void sleep(long millis) throws InterruptedException {
    long until = System.currentTimeMillis() + millis;
    while (!done && System.currentTimeMillis() < until) {
      Thread.sleep(100);
    }
  }

  private static long lastRun(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(
            "SELECT COALESCE(MAX(ID), 0) FROM SIBYL.TRAINING_RUNS")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public void close() {
    done = true;
    watcher.interrupt();
  }
}

package dev.sibyl.planner.prepare;

import dev.sibyl.functions.training.TrainingListener;
import dev.sibyl.registry.TrainingRuns;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects one training to the world: writes its progress to {@code SIBYL.TRAINING_RUNS} (at most
 * once a second), and tells it to stop when the statement is canceled or its query timeout
 * passes.
 */
final class RunTracker implements TrainingListener {
  private static final Logger LOG = LoggerFactory.getLogger(RunTracker.class);
  private static final long REPORT_INTERVAL_NANOS = 1_000_000_000L;

  private final TrainingRuns runs;
  private final long run;
  private final AtomicBoolean cancelFlag;
  private final long deadlineNanos;
  private final long timeoutNanos;
  private volatile boolean stopped;
  private volatile String phase = "starting";
  private volatile long rows;
  private long lastReport = System.nanoTime();

  /**
   * @param cancelFlag the statement's cancel flag (set by {@code Statement.cancel()})
   * @param timeoutMillis the statement's query timeout, 0 for none
   */
  RunTracker(TrainingRuns runs, long run, AtomicBoolean cancelFlag, long timeoutMillis) {
    this.runs = runs;
    this.run = run;
    this.cancelFlag = cancelFlag;
    this.timeoutNanos = timeoutMillis * 1_000_000L;
    this.deadlineNanos = timeoutMillis > 0 ? System.nanoTime() + timeoutNanos : Long.MAX_VALUE;
  }

  @Override
  public void phase(String phase) {
    this.phase = phase;
    report(true);
  }

  @Override
  public void rowsRead(long rows) {
    this.rows = rows;
    report(false);
  }

  @Override
  public boolean isCanceled() {
    return stopped || cancelFlag.get() || System.nanoTime() > deadlineNanos;
  }

  /**
   * Whether the query timeout has passed. Calcite also raises the cancel flag when the timeout
   * it started before us fires, so a stop within the last tenth of the timeout counts as one.
   */
  boolean timedOut() {
    return timeoutNanos > 0 && System.nanoTime() > deadlineNanos - timeoutNanos / 10;
  }

  /** Makes every later {@link #isCanceled()} true, so a training still running stops. */
  void stop() {
    stopped = true;
  }

  private synchronized void report(boolean always) {
    long now = System.nanoTime();
    if (!always && now - lastReport < REPORT_INTERVAL_NANOS) {
      return;
    }
    lastReport = now;
    try {
      runs.progress(run, phase, rows);
    } catch (SQLException e) {
      LOG.warn("Cannot record the progress of training run {}: {}", run, e.getMessage());
    }
  }
}

package dev.sibyl.functions.training;

/**
 * Watches a training as it runs: told the phase and the rows read, and asked now and then whether
 * to stop. Training checks {@link #isCanceled()} every few thousand rows and between phases.
 */
public interface TrainingListener {
  /** A listener that watches nothing and never cancels. */
  TrainingListener NONE = new TrainingListener() {};

  /** The training entered a phase: {@code reading}, {@code fitting} or {@code evaluating}. */
  default void phase(String phase) {}

  /** The training has read this many rows so far. */
  default void rowsRead(long rows) {}

  /** Whether the training should stop now (it then fails with SQLState 57014). */
  default boolean isCanceled() {
    return false;
  }
}

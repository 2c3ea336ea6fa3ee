package dev.sibyl.functions.training;

import dev.sibyl.registry.SibylErrors;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A deterministic split of row positions into training and held-out rows.
 *
 * @param training row positions to fit on, ascending
 * @param heldOut row positions to evaluate on, ascending (may be empty)
 */
record HoldoutSplit(int[] training, int[] heldOut) {

  /**
   * The held-out split the options ask for, over the kept rows of the table.
   *
   * @throws SQLException if a split column marks every row as held out
   */
  static HoldoutSplit of(String model, TrainingOptions options, TrainingTable table)
      throws SQLException {
    return switch (options.split()) {
      case RANDOM -> of(table.rows(), options.testFraction(), options.seed());
      case LAST -> last(((OrderColumn) table.splitColumn()).ascending(), options.testFraction());
      case COLUMN -> {
        HoldoutSplit split = marked(((TestMarkerColumn) table.splitColumn()).heldOut());
        if (split.training().length == 0) {
          throw SibylErrors.noTrainingRowsInSplit(model, table.splitColumn().name, table.rows());
        }
        yield split;
      }
    };
  }

  /**
   * Shuffles {@code 0 .. rows-1} with a generator seeded by {@code seed} and holds out the first
   * {@code round(rows * testFraction)} positions, keeping at least one row for training.
   */
  static HoldoutSplit of(int rows, double testFraction, long seed) {
    int[] order = shuffled(IntStream.range(0, rows).toArray(), seed);
    int held = heldOutCount(rows, testFraction);
    return sorted(Arrays.copyOfRange(order, held, rows), Arrays.copyOfRange(order, 0, held));
  }

  /**
   * Holds out the last {@code round(rows * testFraction)} of the rows in {@code ascending} order,
   * keeping at least one row for training.
   *
   * @param ascending every row position, in the order that decides which rows come last
   */
  static HoldoutSplit last(int[] ascending, double testFraction) {
    int rows = ascending.length;
    int kept = rows - heldOutCount(rows, testFraction);
    return sorted(Arrays.copyOfRange(ascending, 0, kept),
        Arrays.copyOfRange(ascending, kept, rows));
  }

  /** Holds out the rows marked true; the others train. */
  static HoldoutSplit marked(boolean[] heldOut) {
    int[] held = IntStream.range(0, heldOut.length).filter(row -> heldOut[row]).toArray();
    int[] training = IntStream.range(0, heldOut.length).filter(row -> !heldOut[row]).toArray();
    return new HoldoutSplit(training, held);
  }

  /** A copy of {@code rows} in an order drawn from a generator seeded by {@code seed}. */
  static int[] shuffled(int[] rows, long seed) {
    int[] order = rows.clone();
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }

  private static int heldOutCount(int rows, double testFraction) {
    return (int) Math.min(Math.round(rows * testFraction), Math.max(rows - 1, 0));
  }

  private static HoldoutSplit sorted(int[] training, int[] heldOut) {
    Arrays.sort(training);
    Arrays.sort(heldOut);
    return new HoldoutSplit(training, heldOut);
  }

  /** The rows to compute metrics on: the held-out rows, or the training rows if none are held out. */
  int[] evaluation() {
    return heldOut.length > 0 ? heldOut : training;
  }
}

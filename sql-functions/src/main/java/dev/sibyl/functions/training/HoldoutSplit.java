package dev.sibyl.functions.training;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A deterministic split of row positions into training and held-out rows.
 *
 * @param training row positions to fit on, ascending
 * @param heldOut row positions to evaluate on, ascending (may be empty)
 */
record HoldoutSplit(int[] training, int[] heldOut) {

  /**
   * Shuffles {@code 0 .. rows-1} with a generator seeded by {@code seed} and holds out the first
   * {@code round(rows * testFraction)} positions, keeping at least one row for training.
   */
  static HoldoutSplit of(int rows, double testFraction, long seed) {
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = rows - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    int held = (int) Math.min(Math.round(rows * testFraction), Math.max(rows - 1, 0));
    int[] heldOut = Arrays.copyOfRange(order, 0, held);
    int[] training = Arrays.copyOfRange(order, held, rows);
    Arrays.sort(heldOut);
    Arrays.sort(training);
    return new HoldoutSplit(training, heldOut);
  }

  /** The rows to compute metrics on: the held-out rows, or the training rows if none are held out. */
  int[] evaluation() {
    return heldOut.length > 0 ? heldOut : training;
  }
}

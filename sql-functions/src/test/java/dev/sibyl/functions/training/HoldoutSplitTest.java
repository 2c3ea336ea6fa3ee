package dev.sibyl.functions.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HoldoutSplitTest {

  @Test
  void sameSeedSameSplit() {
    HoldoutSplit a = HoldoutSplit.of(1000, 0.2, 7);
    HoldoutSplit b = HoldoutSplit.of(1000, 0.2, 7);
    assertArrayEquals(a.heldOut(), b.heldOut());
    assertArrayEquals(a.training(), b.training());
    assertFalse(Arrays.equals(a.heldOut(), HoldoutSplit.of(1000, 0.2, 8).heldOut()));
  }

  @Test
  void roundsTheHeldOutShareAndCoversEveryRowOnce() {
    HoldoutSplit split = HoldoutSplit.of(11, 0.25, 1);
    assertEquals(3, split.heldOut().length);
    int[] all = IntStream.concat(Arrays.stream(split.heldOut()), Arrays.stream(split.training()))
        .sorted().toArray();
    assertArrayEquals(IntStream.range(0, 11).toArray(), all);
  }

  @Test
  void keepsOneTrainingRow() {
    HoldoutSplit split = HoldoutSplit.of(2, 0.9, 1);
    assertEquals(1, split.training().length);
    assertEquals(1, split.heldOut().length);
  }

  @Test
  void zeroFractionEvaluatesOnTrainingRows() {
    HoldoutSplit split = HoldoutSplit.of(5, 0, 1);
    assertEquals(0, split.heldOut().length);
    assertArrayEquals(split.training(), split.evaluation());
  }
}

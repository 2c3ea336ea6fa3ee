package dev.sibyl.functions.calcite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sibyl.registry.ModelVersion;
import dev.sibyl.registry.StoredModel;
import dev.sibyl.registry.model.Algorithm;
import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.FeatureSignature;
import dev.sibyl.registry.model.LabelInfo;
import dev.sibyl.registry.model.LinearParameters;
import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.Task;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.junit.jupiter.api.Test;

/**
 * Rows scored a block at a time give the rows, values and errors of scoring row by row, over more
 * rows than a block holds.
 */
class BlockScoredRowsTest {
  /** y = 1 + 2 n' + 10 [c = a], n' = (n - 1) / 2 (NULL n imputed as 1). */
  private static final PortableModel LINEAR = new PortableModel(
      Algorithm.LINEAR_REGRESSION, Task.REGRESSION,
      new FeatureSignature(List.of(
          Feature.numeric("N", "DOUBLE", 1, 1, 2),
          Feature.categorical("C", "VARCHAR", List.of("a", "b")))),
      new LabelInfo("Y", "DOUBLE", List.of()),
      new LinearParameters(new double[] {2, 10, 0}, 1));
  private static final int ROWS = BlockScoredRows.BLOCK_ROWS * 2 + 17;

  private static String bind() {
    return BoundModels.bind("test", "LIN@3",
        new StoredModel(new ModelVersion(1, "LIN", 3, "0"), LINEAR));
  }

  /** Rows (id, n, c, free slot); row i has n = i (NULL every 10th), c = a, b or NULL. */
  private static Object[] row(int i) {
    return new Object[] {i, i % 10 == 0 ? null : (double) i,
        i % 3 == 0 ? "a" : i % 3 == 1 ? "b" : i % 7 == 0 ? null : "unseen", null};
  }

  @Test
  void everyRowComesOutInOrderWithItsRowByRowScore() {
    List<Object[]> input = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      input.add(row(i));
    }
    BoundScorer scorer = BoundModels.scorer(bind());
    List<Object[]> output = BlockScoredRows.of(Linq4j.asEnumerable(input), bind(), "PREDICT",
        new int[] {1}, new int[] {2}).toList();
    assertEquals(ROWS, output.size());
    for (int i = 0; i < ROWS; i++) {
      Object[] expected = row(i);
      double n = FeatureValues.toDouble((Number) expected[1]);
      expected[3] = scorer.regress(new double[] {n}, new String[] {(String) expected[2]});
      assertArrayEquals(expected, output.get(i), "row " + i);
    }
  }

  @Test
  void anInputErrorIsRaisedOnlyWhenItsRowIsReached() {
    for (int failing : new int[] {5, BlockScoredRows.BLOCK_ROWS + 5}) {
      for (boolean inCurrent : new boolean[] {false, true}) {
        assertRowsThenError(failing, inCurrent);
      }
    }
  }

  /**
   * Reads rows that fail at row {@code failing}, in {@code current()} (as a calculation computes
   * its row) or in {@code moveNext()}.
   */
  private static void assertRowsThenError(int failing, boolean inCurrent) {
    Enumerable<Object[]> input = new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return new Enumerator<>() {
          private int i = -1;

          @Override
          public Object[] current() {
            if (inCurrent && i == failing) {
              throw new ArithmeticException("/ by zero");
            }
            return row(i);
          }

          @Override
          public boolean moveNext() {
            if (++i == failing && !inCurrent) {
              throw new ArithmeticException("/ by zero");
            }
            return true;
          }

          @Override
          public void reset() {
            i = -1;
          }

          @Override
          public void close() {}
        };
      }
    };
    Enumerator<Object[]> rows = BlockScoredRows.of(input, bind(), "PREDICT", new int[] {1},
        new int[] {2}).enumerator();
    for (int i = 0; i < failing; i++) {
      assertTrue(rows.moveNext(), "row " + i);
      assertEquals(i, rows.current()[0]);
    }
    ArithmeticException e;
    if (inCurrent) {
      assertTrue(rows.moveNext(), "the failing row is there, but computing it fails");
      e = assertThrows(ArithmeticException.class, rows::current);
    } else {
      e = assertThrows(ArithmeticException.class, rows::moveNext);
    }
    assertEquals("/ by zero", e.getMessage());
  }

  @Test
  void aScorerErrorNamesTheModel() {
    List<Object[]> one = new ArrayList<>();
    one.add(row(1));
    Enumerator<Object[]> rows = BlockScoredRows.of(Linq4j.asEnumerable(one),
        bind(), "PREDICT_PROBA", new int[] {1}, new int[] {2}).enumerator();
    assertTrue(rows.moveNext(), "the row is there; scoring it fails, as PREDICT would");
    SibylSqlException e = assertThrows(SibylSqlException.class, rows::current);
    SQLException cause = e.getCause();
    assertTrue(cause.getMessage().startsWith("Scoring with model 'LIN' (version 3) failed: "),
        cause.getMessage());
    assertEquals("22000", cause.getSQLState());
  }
}

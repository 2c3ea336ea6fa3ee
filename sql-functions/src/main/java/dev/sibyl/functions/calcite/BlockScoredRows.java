package dev.sibyl.functions.calcite;

import dev.sibyl.registry.SibylErrors;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Rows scored a block at a time, called from the code generated for the batch scoring operator:
 * each input row is an {@code Object[]} whose last slot is free for the score; a block of rows is
 * read, its features gathered and scored in one call to the bound scorer, and the rows come out
 * in input order with the score in that slot.
 *
 * <p>The rows a consumer sees, and the errors, are those of scoring row by row. A failure reading
 * the input (a feature expression that fails for one row, say) ends the block before that row and
 * is raised only when the consumer asks for that row, so a LIMIT that stops earlier never sees it;
 * a failure in the scorer is retried row by row for the same reason, and raised naming the model.
 * Numeric features are read as {@link FeatureValues#toDouble} reads them (NULL is NaN, imputed by
 * the scorer) and categories as {@link FeatureValues#toCategory} (NULL stays missing).
 */
public final class BlockScoredRows extends AbstractEnumerable<Object[]> {
  /** Rows per block: enough for the tree scorer to spread a block over the common pool. */
  static final int BLOCK_ROWS = 8192;

  private final Enumerable<Object[]> input;
  private final String key;
  private final PredictFunction.Mode mode;
  private final int[] numericColumns;
  private final int[] categoricalColumns;

  private BlockScoredRows(Enumerable<Object[]> input, String key, PredictFunction.Mode mode,
      int[] numericColumns, int[] categoricalColumns) {
    this.input = input;
    this.key = key;
    this.mode = mode;
    this.numericColumns = numericColumns;
    this.categoricalColumns = categoricalColumns;
  }

  /**
   * The rows of {@code input} with the score of model binding {@code key} in their last slot.
   *
   * @param mode {@code PREDICT} or {@code PREDICT_PROBA}
   * @param numericColumns the slots of the numeric features, in signature order
   * @param categoricalColumns the slots of the categorical features, in signature order
   */
  public static Enumerable<Object[]> of(Enumerable<Object[]> input, String key, String mode,
      int[] numericColumns, int[] categoricalColumns) {
    return new BlockScoredRows(input, key, PredictFunction.Mode.valueOf(mode), numericColumns,
        categoricalColumns);
  }

  @Override
  public Enumerator<Object[]> enumerator() {
    return new Blocks(input.enumerator(), BoundModels.scorer(key));
  }

  /** Reads, scores and hands out one block at a time. */
  private final class Blocks implements Enumerator<Object[]> {
    private final Enumerator<Object[]> rows;
    private final BoundScorer scorer;
    private final Object[][] block = new Object[BLOCK_ROWS][];
    private int size;
    private int position = -1;
    private boolean inputDone;
    /** The error of the row after the block, raised when that row is reached. */
    private RuntimeException pending;
    /** Whether {@link #pending} came from computing the row (raised by current()). */
    private boolean pendingInCurrent;

    Blocks(Enumerator<Object[]> rows, BoundScorer scorer) {
      this.rows = rows;
      this.scorer = scorer;
    }

    @Override
    public Object[] current() {
      if (position == size && pending != null) {
        throw pending;
      }
      return block[position];
    }

    @Override
    public boolean moveNext() {
      if (position + 1 < size) {
        position++;
        return true;
      }
      if (pending != null) {
        // the failing row: its moveNext() or its current() fails, as the input's did
        if (pendingInCurrent && position < size) {
          position = size;
          return true;
        }
        throw pending;
      }
      if (inputDone) {
        return false;
      }
      readBlock();
      position = -1;
      size = score(size);
      return moveNext();
    }

    private void readBlock() {
      size = 0;
      boolean moved = false;
      try {
        while (size < BLOCK_ROWS) {
          moved = false;
          if (!rows.moveNext()) {
            inputDone = true;
            return;
          }
          moved = true;
          Object[] row = rows.current(); // a calculation computes its row here, and may fail
          block[size++] = row;
        }
      } catch (RuntimeException e) {
        pending = e;
        pendingInCurrent = moved;
        inputDone = true;
      }
    }

    /** Scores the first {@code count} rows of the block; returns how many can be handed out. */
    private int score(int count) {
      double[][] numeric = new double[count][numericColumns.length];
      String[][] categorical = new String[count][categoricalColumns.length];
      for (int i = 0; i < count; i++) {
        Object[] row = block[i];
        for (int f = 0; f < numericColumns.length; f++) {
          numeric[i][f] = FeatureValues.toDouble((Number) row[numericColumns[f]]);
        }
        for (int f = 0; f < categoricalColumns.length; f++) {
          categorical[i][f] = FeatureValues.toCategory(row[categoricalColumns[f]]);
        }
      }
      Object[] scores = new Object[count];
      try {
        scorer.scoreBlock(mode, numeric, categorical, scores);
      } catch (RuntimeException blockFailed) {
        return scoreOneByOne(numeric, categorical);
      }
      for (int i = 0; i < count; i++) {
        block[i][block[i].length - 1] = scores[i];
      }
      return count;
    }

    /** Scores row by row up to the first row that fails, whose error becomes pending. */
    private int scoreOneByOne(double[][] numeric, String[][] categorical) {
      Object[] score = new Object[1];
      for (int i = 0; i < numeric.length; i++) {
        try {
          scorer.scoreBlock(mode, new double[][] {numeric[i]}, new String[][] {categorical[i]},
              score);
        } catch (RuntimeException e) {
          pending = new SibylSqlException(SibylErrors.scoringFailed(scorer.version().name(),
              scorer.version().version(), String.valueOf(e.getMessage())));
          pendingInCurrent = true;
          inputDone = true;
          return i;
        }
        block[i][block[i].length - 1] = score[0];
      }
      return numeric.length;
    }

    @Override
    public void reset() {
      rows.reset();
      size = 0;
      position = -1;
      inputDone = false;
      pending = null;
      pendingInCurrent = false;
    }

    @Override
    public void close() {
      rows.close();
    }
  }
}

package dev.sibyl.functions.training;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/** The label of a regression: one double per kept row. */
final class NumericLabel implements LabelColumn {
  private final int jdbcIndex;
  private double[] values = new double[0];
  private int size;

  NumericLabel(int jdbcIndex) {
    this.jdbcIndex = jdbcIndex;
  }

  /** Appends the label of the current row; false (and nothing kept) if it is NULL or not finite. */
  @Override
  public boolean append(ResultSet rows) throws SQLException {
    double value = rows.getDouble(jdbcIndex);
    if (rows.wasNull() || !Double.isFinite(value)) {
      return false;
    }
    if (size == values.length) {
      values = Arrays.copyOf(values, FeatureColumn.grow(values.length, size + 1));
    }
    values[size++] = value;
    return true;
  }

  /** The label of a kept row. */
  double value(int row) {
    return values[row];
  }

  /** The labels of the given rows. */
  double[] values(int[] rows) {
    double[] y = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      y[i] = values[rows[i]];
    }
    return y;
  }
}

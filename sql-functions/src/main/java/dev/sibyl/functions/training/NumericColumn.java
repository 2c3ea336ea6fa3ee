package dev.sibyl.functions.training;

import dev.sibyl.registry.model.Feature;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/** A numeric feature column; SQL NULL and non-finite values are stored as NaN (missing). */
final class NumericColumn extends FeatureColumn {
  private double[] values = new double[0];
  private int size;

  NumericColumn(String name, String sqlType, int jdbcIndex) {
    super(name, sqlType, jdbcIndex);
  }

  @Override
  void append(ResultSet rows) throws SQLException {
    double value = rows.getDouble(jdbcIndex);
    if (rows.wasNull() || !Double.isFinite(value)) {
      value = Double.NaN;
    }
    if (size == values.length) {
      values = Arrays.copyOf(values, grow(values.length, size + 1));
    }
    values[size++] = value;
  }

  /** The value of a row, NaN when missing. */
  double value(int row) {
    return values[row];
  }

  /** Mean imputation and standardisation with the population standard deviation. */
  @Override
  Feature fit(int[] rows) {
    double sum = 0;
    int present = 0;
    for (int row : rows) {
      double x = values[row];
      if (!Double.isNaN(x)) {
        sum += x;
        present++;
      }
    }
    double mean = present == 0 ? 0 : sum / present;
    double squares = 0;
    for (int row : rows) {
      double x = values[row];
      if (!Double.isNaN(x)) {
        squares += (x - mean) * (x - mean);
      }
    }
    // Imputed rows sit on the mean: they add to the count, not to the squares.
    double deviation = Math.sqrt(squares / rows.length);
    double scale = deviation > 0 && Double.isFinite(deviation) ? deviation : 1;
    return Feature.numeric(name, sqlType, mean, mean, scale);
  }

  @Override
  void encode(Feature feature, int[] rows, double[][] out, int offset) {
    double[] column = out[offset];
    double impute = feature.imputeValue();
    double center = feature.center();
    double scale = feature.scale();
    for (int i = 0; i < rows.length; i++) {
      double x = values[rows[i]];
      if (Double.isNaN(x)) {
        x = impute;
      }
      column[i] = (x - center) / scale;
    }
  }
}

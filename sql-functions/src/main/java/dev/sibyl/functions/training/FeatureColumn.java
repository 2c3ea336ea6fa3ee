package dev.sibyl.functions.training;

import dev.sibyl.registry.model.Feature;
import java.sql.ResultSet;
import java.sql.SQLException;

/** One feature column of the training query, held as a growable primitive array. */
abstract sealed class FeatureColumn permits NumericColumn, CategoricalColumn {
  private static final int INITIAL_CAPACITY = 1024;

  final String name;
  final String sqlType;
  final int jdbcIndex;

  FeatureColumn(String name, String sqlType, int jdbcIndex) {
    this.name = name;
    this.sqlType = sqlType;
    this.jdbcIndex = jdbcIndex;
  }

  /** Reads this column of the current row and appends it. */
  abstract void append(ResultSet rows) throws SQLException;

  /** Fits the frozen encoder on the given rows. */
  abstract Feature fit(int[] rows);

  /**
   * Writes the encoded inputs of the given rows into the zero-filled columns {@code out[offset ..
   * offset + width)}, one column per input.
   */
  abstract void encode(Feature feature, int[] rows, double[][] out, int offset);

  static int grow(int capacity, int needed) {
    return Math.max(needed, Math.max(INITIAL_CAPACITY, capacity + (capacity >> 1)));
  }
}

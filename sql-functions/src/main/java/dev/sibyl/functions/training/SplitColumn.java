package dev.sibyl.functions.training;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The column of the training query that decides the held-out rows ({@code order_by} or {@code
 * split_column}): read for every kept row, never a feature.
 */
abstract sealed class SplitColumn permits OrderColumn, TestMarkerColumn {
  final String model;
  final String name;
  final int jdbcIndex;
  int size;

  SplitColumn(String model, String name, int jdbcIndex) {
    this.model = model;
    this.name = name;
    this.jdbcIndex = jdbcIndex;
  }

  /**
   * Reads this column of the current row and appends it.
   *
   * @param row the row's position in the training query, from 1, for messages
   * @throws SQLException if the value cannot split the rows
   */
  abstract void append(ResultSet rows, long row) throws SQLException;
}

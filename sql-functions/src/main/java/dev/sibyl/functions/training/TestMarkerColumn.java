package dev.sibyl.functions.training;

import dev.sibyl.registry.SibylErrors;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The {@code split_column} of {@code split = 'column'}: whether each kept row is held out. TRUE,
 * 1 and {@code 'test'} (any case, surrounding blanks ignored) hold a row out; FALSE, 0 and {@code
 * 'train'} train on it; any other value, NULL included, is an error naming the row.
 */
final class TestMarkerColumn extends SplitColumn {
  /** The SQL types a split column may have, for messages. */
  static final String SUPPORTED_TYPES = "a BOOLEAN, numeric or text column";

  private final int jdbcType;
  private boolean[] heldOut = new boolean[0];

  private TestMarkerColumn(String model, String name, int jdbcIndex, int jdbcType) {
    super(model, name, jdbcIndex);
    this.jdbcType = jdbcType;
  }

  /** The split column, or an error naming it when its type cannot mark rows. */
  static TestMarkerColumn of(String model, String name, int jdbcIndex, int jdbcType,
      String sqlType) throws SQLException {
    if (!SqlTypes.isBoolean(jdbcType) && !SqlTypes.isNumeric(jdbcType)
        && !SqlTypes.isText(jdbcType)) {
      throw SibylErrors.unsupportedSplitColumnType(
          TrainingOptions.SPLIT_COLUMN, name, sqlType, SUPPORTED_TYPES);
    }
    return new TestMarkerColumn(model, name, jdbcIndex, jdbcType);
  }

  @Override
  void append(ResultSet rows, long row) throws SQLException {
    boolean test;
    if (SqlTypes.isBoolean(jdbcType)) {
      boolean value = rows.getBoolean(jdbcIndex);
      if (rows.wasNull()) {
        throw SibylErrors.badSplitMarker(model, name, row, "NULL");
      }
      test = value;
    } else if (SqlTypes.isNumeric(jdbcType)) {
      double value = rows.getDouble(jdbcIndex);
      if (rows.wasNull() || (value != 0 && value != 1)) {
        throw SibylErrors.badSplitMarker(
            model, name, row, rows.wasNull() ? "NULL" : rows.getString(jdbcIndex));
      }
      test = value == 1;
    } else {
      String value = rows.getString(jdbcIndex);
      String marker = value == null ? null : value.trim().toLowerCase(Locale.ROOT);
      if (!"test".equals(marker) && !"train".equals(marker)) {
        throw SibylErrors.badSplitMarker(
            model, name, row, value == null ? "NULL" : "'" + value + "'");
      }
      test = marker.equals("test");
    }
    if (size == heldOut.length) {
      heldOut = Arrays.copyOf(heldOut, FeatureColumn.grow(heldOut.length, size + 1));
    }
    heldOut[size++] = test;
  }

  /** Whether each kept row is held out, by row position. */
  boolean[] heldOut() {
    return Arrays.copyOf(heldOut, size);
  }
}

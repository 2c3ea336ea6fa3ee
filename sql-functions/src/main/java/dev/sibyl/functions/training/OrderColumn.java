package dev.sibyl.functions.training;

import dev.sibyl.registry.SibylErrors;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The {@code order_by} column of {@code split = 'last'}: one key per kept row. Numbers compare as
 * numbers, DATE and TIMESTAMP values in time, text by its characters ({@link String#compareTo}).
 */
final class OrderColumn extends SplitColumn {
  /** The SQL types an order_by column may have, for messages. */
  static final String SUPPORTED_TYPES = "a numeric, text, DATE or TIMESTAMP column";

  private final int jdbcType;
  private final boolean text;
  private double[] numbers = new double[0];
  private String[] texts = new String[0];

  private OrderColumn(String model, String name, int jdbcIndex, int jdbcType) {
    super(model, name, jdbcIndex);
    this.jdbcType = jdbcType;
    this.text = SqlTypes.isText(jdbcType);
  }

  /** The order_by column, or an error naming it when its type cannot be ordered. */
  static OrderColumn of(String model, String name, int jdbcIndex, int jdbcType, String sqlType)
      throws SQLException {
    if (!SqlTypes.isNumeric(jdbcType) && !SqlTypes.isText(jdbcType)
        && jdbcType != Types.DATE && jdbcType != Types.TIMESTAMP) {
      throw SibylErrors.unsupportedSplitColumnType(
          TrainingOptions.ORDER_BY, name, sqlType, SUPPORTED_TYPES);
    }
    return new OrderColumn(model, name, jdbcIndex, jdbcType);
  }

  @Override
  void append(ResultSet rows, long row) throws SQLException {
    if (text) {
      String value = rows.getString(jdbcIndex);
      if (value == null) {
        throw SibylErrors.nullOrderKey(model, name, row);
      }
      if (size == texts.length) {
        texts = Arrays.copyOf(texts, FeatureColumn.grow(texts.length, size + 1));
      }
      texts[size++] = value;
      return;
    }
    double key = numericKey(rows);
    if (rows.wasNull()) {
      throw SibylErrors.nullOrderKey(model, name, row);
    }
    if (size == numbers.length) {
      numbers = Arrays.copyOf(numbers, FeatureColumn.grow(numbers.length, size + 1));
    }
    numbers[size++] = key;
  }

  /** Days since 1970 for a DATE, milliseconds (with a fraction) for a TIMESTAMP. */
  private double numericKey(ResultSet rows) throws SQLException {
    switch (jdbcType) {
      case Types.DATE: {
        java.sql.Date date = rows.getDate(jdbcIndex);
        return date == null ? 0 : date.toLocalDate().toEpochDay();
      }
      case Types.TIMESTAMP: {
        Timestamp timestamp = rows.getTimestamp(jdbcIndex);
        return timestamp == null
            ? 0 : timestamp.getTime() + (timestamp.getNanos() % 1_000_000) / 1e6;
      }
      default:
        return rows.getDouble(jdbcIndex);
    }
  }

  /** Every kept row's position, ordered by its key; ties keep the order of the query. */
  int[] ascending() {
    Comparator<Integer> byKey = text
        ? Comparator.comparing(row -> texts[row])
        : Comparator.comparingDouble(row -> numbers[row]);
    return IntStream.range(0, size).boxed().sorted(byKey).mapToInt(Integer::intValue).toArray();
  }
}

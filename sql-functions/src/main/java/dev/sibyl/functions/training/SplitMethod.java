package dev.sibyl.functions.training;

import dev.sibyl.registry.SibylErrors;
import java.sql.SQLException;
import java.util.Locale;

/** How CREATE MODEL chooses the held-out rows: its {@code split} option. */
enum SplitMethod {
  /** A seeded shuffle holds out {@code test_fraction} of the rows. */
  RANDOM,
  /** The last {@code test_fraction} of the rows, ordered by the {@code order_by} column. */
  LAST,
  /** The {@code split_column} marks each row as a training or a held-out row. */
  COLUMN;

  /** The option value naming this method. */
  String sqlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The method an option value names (any case). */
  static SplitMethod of(String text) throws SQLException {
    for (SplitMethod method : values()) {
      if (method.sqlName().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return method;
      }
    }
    throw SibylErrors.badOptionValue(TrainingOptions.SPLIT, "'" + text + "'",
        "'random', 'last' or 'column'");
  }
}

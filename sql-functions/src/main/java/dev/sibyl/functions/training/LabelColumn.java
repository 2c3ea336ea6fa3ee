package dev.sibyl.functions.training;

import java.sql.ResultSet;
import java.sql.SQLException;

/** The label column of the training query, held as a growable primitive array. */
sealed interface LabelColumn permits NumericLabel, ClassLabel {
  /** Appends the label of the current row; false (and nothing kept) if the row has no label. */
  boolean append(ResultSet rows) throws SQLException;
}

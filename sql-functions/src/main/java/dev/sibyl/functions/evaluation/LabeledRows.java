package dev.sibyl.functions.evaluation;

import dev.sibyl.functions.calcite.FeatureValues;
import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.FeatureKind;
import dev.sibyl.registry.model.PortableModel;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the rows of an evaluation query by column name: the model's features and its label, in
 * the encoding the scorers take (numbers as doubles with NULL as NaN, categories as text).
 */
final class LabeledRows {
  private final ResultSet rows;
  private final int[] numericColumns;
  private final int[] categoricalColumns;
  private final int labelColumn;
  private final double[] numeric;
  private final String[] categorical;

  LabeledRows(String function, String modelName, PortableModel model, ResultSet rows)
      throws SQLException {
    this.rows = rows;
    Map<String, Integer> byName = new HashMap<>();
    ResultSetMetaData meta = rows.getMetaData();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      byName.putIfAbsent(meta.getColumnLabel(i).toUpperCase(Locale.ROOT), i);
    }
    List<String> missing = new ArrayList<>();
    List<Integer> numericList = new ArrayList<>();
    List<Integer> categoricalList = new ArrayList<>();
    for (Feature feature : model.signature().features()) {
      Integer column = byName.get(feature.name().toUpperCase(Locale.ROOT));
      if (column == null) {
        missing.add(feature.name());
      } else if (feature.kind() == FeatureKind.NUMERIC) {
        numericList.add(column);
      } else {
        categoricalList.add(column);
      }
    }
    Integer label = byName.get(model.label().name().toUpperCase(Locale.ROOT));
    if (label == null) {
      missing.add(model.label().name() + " (the label)");
    }
    if (!missing.isEmpty()) {
      throw SibylErrors.missingEvaluationColumns(function, modelName, missing);
    }
    this.numericColumns = numericList.stream().mapToInt(Integer::intValue).toArray();
    this.categoricalColumns = categoricalList.stream().mapToInt(Integer::intValue).toArray();
    this.labelColumn = label;
    this.numeric = new double[numericColumns.length];
    this.categorical = new String[categoricalColumns.length];
  }

  /** Moves to the next row, filling {@link #numeric()} and {@link #categorical()}. */
  boolean next() throws SQLException {
    if (!rows.next()) {
      return false;
    }
    for (int i = 0; i < numericColumns.length; i++) {
      Object value = rows.getObject(numericColumns[i]);
      numeric[i] = value instanceof Number n ? n.doubleValue() : Double.NaN;
    }
    for (int i = 0; i < categoricalColumns.length; i++) {
      categorical[i] = FeatureValues.toCategory(rows.getObject(categoricalColumns[i]));
    }
    return true;
  }

  double[] numeric() {
    return numeric;
  }

  String[] categorical() {
    return categorical;
  }

  /** The label of the current row as a number; NaN if NULL or not a number. */
  double numericLabel() throws SQLException {
    Object value = rows.getObject(labelColumn);
    return value instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /** The label of the current row as a class string; null if NULL. */
  String classLabel() throws SQLException {
    return FeatureValues.toCategory(rows.getObject(labelColumn));
  }
}

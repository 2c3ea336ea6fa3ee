package dev.sibyl.functions.training;

import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.model.Algorithm;
import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.FeatureSignature;
import dev.sibyl.registry.model.Task;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rows of a training query with a non-NULL label, held column by column in primitive arrays.
 *
 * <p>Column kinds are decided from the metadata before any row is read: every column except the
 * label is a feature.
 */
final class TrainingTable {
  private static final int CANCEL_CHECK_INTERVAL = 4096;

  private final String labelName;
  private final String labelSqlType;
  private final Task task;
  private final LabelColumn label;
  private final List<FeatureColumn> features;
  private final int numericCount;
  private final int categoricalCount;
  private int rows;
  private long skippedRows;

  private TrainingTable(String labelName, String labelSqlType, Task task, LabelColumn label,
      List<FeatureColumn> features) {
    this.labelName = labelName;
    this.labelSqlType = labelSqlType;
    this.task = task;
    this.label = label;
    this.features = List.copyOf(features);
    this.numericCount = (int) features.stream().filter(f -> f instanceof NumericColumn).count();
    this.categoricalCount = features.size() - numericCount;
  }

  /**
   * Reads every row of the query; rows whose label is NULL are counted, not kept.
   *
   * @throws SQLException if the label is missing, a column type is unsupported, the reading fails
   *     or the thread is interrupted
   */
  static TrainingTable read(
      String model, Algorithm algorithm, Task requestedTask, String label, ResultSet rows,
      TrainingListener listener)
      throws SQLException {
    TrainingTable table = describe(algorithm, requestedTask, label, rows.getMetaData());
    long seen = 0;
    while (rows.next()) {
      if (++seen % CANCEL_CHECK_INTERVAL == 0) {
        listener.rowsRead(seen);
        if (listener.isCanceled() || Thread.currentThread().isInterrupted()) {
          throw SibylErrors.trainingCanceled(model);
        }
      }
      if (!table.label.append(rows)) {
        table.skippedRows++;
        continue;
      }
      for (FeatureColumn feature : table.features) {
        feature.append(rows);
      }
      table.rows++;
    }
    return table;
  }

  private static TrainingTable describe(
      Algorithm algorithm, Task requestedTask, String label, ResultSetMetaData meta)
      throws SQLException {
    int labelIndex = labelIndex(label, meta);
    String labelName = meta.getColumnLabel(labelIndex);
    String labelType = meta.getColumnTypeName(labelIndex);
    int labelJdbcType = meta.getColumnType(labelIndex);
    Task task = taskOf(algorithm, requestedTask, labelJdbcType);
    LabelColumn labelColumn =
        labelColumn(algorithm, requestedTask, task, labelIndex, labelName, labelType,
            labelJdbcType);
    List<FeatureColumn> features = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      if (i == labelIndex) {
        continue;
      }
      String name = meta.getColumnLabel(i);
      String sqlType = meta.getColumnTypeName(i);
      int jdbcType = meta.getColumnType(i);
      if (SqlTypes.isNumeric(jdbcType)) {
        features.add(new NumericColumn(name, sqlType, i));
      } else if (SqlTypes.isText(jdbcType) || SqlTypes.isBoolean(jdbcType)) {
        features.add(new CategoricalColumn(name, sqlType, i, SqlTypes.isBoolean(jdbcType)));
      } else {
        throw SibylErrors.unsupportedFeatureType(name, sqlType);
      }
    }
    if (features.isEmpty()) {
      throw SibylErrors.noFeatures(labelName);
    }
    return new TrainingTable(labelName, labelType, task, labelColumn, features);
  }

  /**
   * The task of a training: fixed for linear (regression) and logistic (classification)
   * regression; for the tree algorithms the requested one, else regression for a numeric label and
   * classification for a text or boolean one.
   */
  static Task taskOf(Algorithm algorithm, Task requested, int labelJdbcType) {
    return switch (algorithm) {
      case LINEAR_REGRESSION -> Task.REGRESSION;
      case LOGISTIC_REGRESSION -> Task.CLASSIFICATION;
      case DECISION_TREE, RANDOM_FOREST, GRADIENT_BOOSTING -> requested != null
          ? requested
          : SqlTypes.isNumeric(labelJdbcType) ? Task.REGRESSION : Task.CLASSIFICATION;
    };
  }

  /** The label column: an exact name match first, else the only match ignoring case. */
  private static int labelIndex(String label, ResultSetMetaData meta) throws SQLException {
    int count = meta.getColumnCount();
    for (int i = 1; i <= count; i++) {
      if (meta.getColumnLabel(i).equals(label)) {
        return i;
      }
    }
    for (int i = 1; i <= count; i++) {
      if (meta.getColumnLabel(i).toLowerCase(Locale.ROOT).equals(label.toLowerCase(Locale.ROOT))) {
        return i;
      }
    }
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      names.add(meta.getColumnLabel(i));
    }
    throw SibylErrors.labelNotInQuery(label, String.join(", ", names));
  }

  private static LabelColumn labelColumn(Algorithm algorithm, Task requested, Task task,
      int index, String name, String sqlType, int jdbcType) throws SQLException {
    if (task == Task.REGRESSION) {
      if (SqlTypes.isNumeric(jdbcType)) {
        return new NumericLabel(index);
      }
      if (requested != null) {
        throw SibylErrors.unsupportedLabelType(
            name, sqlType, algorithm.sqlName() + " with task = 'regression'");
      }
    } else if (SqlTypes.isNumeric(jdbcType)) {
      return new ClassLabel(index, ClassLabel.Kind.NUMBER);
    } else if (SqlTypes.isText(jdbcType)) {
      return new ClassLabel(index, ClassLabel.Kind.TEXT);
    } else if (SqlTypes.isBoolean(jdbcType)) {
      return new ClassLabel(index, ClassLabel.Kind.BOOLEAN);
    }
    throw SibylErrors.unsupportedLabelType(name, sqlType, algorithm.sqlName());
  }

  /** Rows kept (label not NULL). */
  int rows() {
    return rows;
  }

  /** Rows skipped because their label was NULL. */
  long skippedRows() {
    return skippedRows;
  }

  /** Label column name, as the query spells it. */
  String labelName() {
    return labelName;
  }

  /** What the label asks for: a number or a class. */
  Task task() {
    return task;
  }

  /** Label column SQL type name. */
  String labelSqlType() {
    return labelSqlType;
  }

  /** The label of a regression. */
  NumericLabel numericLabel() {
    return (NumericLabel) label;
  }

  /** The label of a classifier. */
  ClassLabel classLabel() {
    return (ClassLabel) label;
  }

  /** Number of numeric features. */
  int numericCount() {
    return numericCount;
  }

  /** Number of categorical features. */
  int categoricalCount() {
    return categoricalCount;
  }

  /** Fits every feature's encoder on the given rows. */
  FeatureSignature fitSignature(int[] trainingRows) {
    List<Feature> fitted = new ArrayList<>(features.size());
    for (FeatureColumn feature : features) {
      fitted.add(feature.fit(trainingRows));
    }
    return new FeatureSignature(fitted);
  }

  /** The encoded inputs of the given rows, one array per input: {@code [input][row]}. */
  double[][] encodeColumns(FeatureSignature signature, int[] rows) {
    double[][] columns = new double[signature.encodedWidth()][rows.length];
    int offset = 0;
    for (int i = 0; i < features.size(); i++) {
      Feature feature = signature.get(i);
      features.get(i).encode(feature, rows, columns, offset);
      offset += feature.width();
    }
    return columns;
  }

  /**
   * Copies one row's raw feature values into the scorer's slots: numeric features in order into
   * {@code numeric} (NaN = missing), categorical ones into {@code categorical} (null = missing).
   */
  void fill(int row, double[] numeric, String[] categorical) {
    int n = 0;
    int c = 0;
    for (FeatureColumn feature : features) {
      if (feature instanceof NumericColumn) {
        numeric[n++] = ((NumericColumn) feature).value(row);
      } else {
        categorical[c++] = ((CategoricalColumn) feature).value(row);
      }
    }
  }
}

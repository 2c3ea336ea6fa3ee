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
 * label (if the model has one) and the column that splits the rows (if the options name one) is a
 * feature.
 */
final class TrainingTable {
  private static final int CANCEL_CHECK_INTERVAL = 4096;

  private final Task task;
  private final String labelName;
  private final String labelSqlType;
  private final LabelColumn label;
  private final List<FeatureColumn> features;
  private final SplitColumn splitColumn;
  private final GroupColumn groupColumn;
  private final int numericCount;
  private final int categoricalCount;
  private int rows;
  private long skippedRows;
  private long nullGroupRows;

  private TrainingTable(Task task, String labelName, String labelSqlType, LabelColumn label,
      List<FeatureColumn> features, SplitColumn splitColumn, GroupColumn groupColumn) {
    this.task = task;
    this.splitColumn = splitColumn;
    this.groupColumn = groupColumn;
    this.labelName = labelName;
    this.labelSqlType = labelSqlType;
    this.label = label;
    this.features = List.copyOf(features);
    this.numericCount = (int) features.stream().filter(f -> f instanceof NumericColumn).count();
    this.categoricalCount = features.size() - numericCount;
  }

  /**
   * Reads every row of the query; rows whose label is NULL are counted, not kept, and so are
   * the rows of a NULL group ({@code group_by}). Without a label ({@code options.label()} null:
   * an unsupervised model) every column is a feature and every row is kept.
   *
   * @throws SQLException if the label is missing, a column type is unsupported, the group column
   *     has more than {@value TrainingOptions#MAX_GROUPS} values, the reading fails or the thread
   *     is interrupted
   */
  static TrainingTable read(
      String model, TrainingOptions options, ResultSet rows, TrainingListener listener)
      throws SQLException {
    TrainingTable table = describe(model, options, rows.getMetaData());
    long seen = 0;
    while (rows.next()) {
      if (++seen % CANCEL_CHECK_INTERVAL == 0) {
        listener.rowsRead(seen);
        if (listener.isCanceled() || Thread.currentThread().isInterrupted()) {
          throw SibylErrors.trainingCanceled(model);
        }
      }
      String group = null;
      if (table.groupColumn != null) {
        group = table.groupColumn.read(rows);
        if (group == null) {
          table.skippedRows++;
          table.nullGroupRows++;
          continue;
        }
        if (!table.groupColumn.admits(group, TrainingOptions.MAX_GROUPS)) {
          continue;
        }
      }
      if (table.label != null && !table.label.append(rows)) {
        table.skippedRows++;
        continue;
      }
      if (group != null) {
        table.groupColumn.append(group);
      }
      if (table.splitColumn != null) {
        table.splitColumn.append(rows, seen);
      }
      for (FeatureColumn feature : table.features) {
        feature.append(rows);
      }
      table.rows++;
    }
    if (table.groupColumn != null && table.groupColumn.distinct() > TrainingOptions.MAX_GROUPS) {
      throw SibylErrors.tooManyGroups(model, table.groupColumn.name,
          table.groupColumn.distinct(), TrainingOptions.MAX_GROUPS);
    }
    return table;
  }

  private static TrainingTable describe(
      String model, TrainingOptions options, ResultSetMetaData meta) throws SQLException {
    int labelIndex = 0;
    String labelName = null;
    String labelType = null;
    LabelColumn labelColumn = null;
    Task task = Task.CLUSTERING;
    if (options.label() != null) {
      labelIndex = columnIndex(options.label(), meta);
      if (labelIndex == 0) {
        throw SibylErrors.labelNotInQuery(options.label(), columnNames(meta));
      }
      labelName = meta.getColumnLabel(labelIndex);
      labelType = meta.getColumnTypeName(labelIndex);
      int jdbcType = meta.getColumnType(labelIndex);
      task = options.algorithmOptions().fixedTask().orElse(
          SqlTypes.isNumeric(jdbcType) ? Task.REGRESSION : Task.CLASSIFICATION);
      labelColumn = labelColumn(options.algorithm(),
          options.algorithmOptions() instanceof TreeOptions tree && tree.task() != null, task,
          labelIndex, labelName,
          labelType, jdbcType);
    }
    SplitColumn splitColumn = splitColumn(model, options, meta, labelIndex);
    GroupColumn groupColumn = groupColumn(options, meta, labelIndex);
    List<FeatureColumn> features = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      if (i == labelIndex || (splitColumn != null && i == splitColumn.jdbcIndex)
          || (groupColumn != null && i == groupColumn.jdbcIndex)) {
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
    return new TrainingTable(
        task, labelName, labelType, labelColumn, features, splitColumn, groupColumn);
  }

  /** The {@code group_by} column; null for a model of all rows. */
  private static GroupColumn groupColumn(TrainingOptions options, ResultSetMetaData meta,
      int labelIndex) throws SQLException {
    if (options.groupBy() == null) {
      return null;
    }
    int index = columnIndex(options.groupBy(), meta);
    if (index == 0) {
      throw SibylErrors.splitColumnNotInQuery(
          TrainingOptions.GROUP_BY, options.groupBy(), columnNames(meta));
    }
    String name = meta.getColumnLabel(index);
    if (index == labelIndex) {
      throw SibylErrors.splitColumnIsLabel(TrainingOptions.GROUP_BY, name);
    }
    return GroupColumn.of(name, index, meta.getColumnType(index), meta.getColumnTypeName(index));
  }

  /** The {@code order_by} or {@code split_column} column; null for a random split. */
  private static SplitColumn splitColumn(String model, TrainingOptions options,
      ResultSetMetaData meta, int labelIndex) throws SQLException {
    if (options.split() == SplitMethod.RANDOM) {
      return null;
    }
    String option = options.split() == SplitMethod.LAST
        ? TrainingOptions.ORDER_BY : TrainingOptions.SPLIT_COLUMN;
    int index = columnIndex(options.splitBy(), meta);
    if (index == 0) {
      throw SibylErrors.splitColumnNotInQuery(option, options.splitBy(), columnNames(meta));
    }
    String name = meta.getColumnLabel(index);
    if (index == labelIndex) {
      throw SibylErrors.splitColumnIsLabel(option, name);
    }
    int jdbcType = meta.getColumnType(index);
    String sqlType = meta.getColumnTypeName(index);
    return options.split() == SplitMethod.LAST
        ? OrderColumn.of(model, name, index, jdbcType, sqlType)
        : TestMarkerColumn.of(model, name, index, jdbcType, sqlType);
  }

  /** A column by name: an exact match first, else the first match ignoring case; 0 if none. */
  private static int columnIndex(String name, ResultSetMetaData meta) throws SQLException {
    int count = meta.getColumnCount();
    for (int i = 1; i <= count; i++) {
      if (meta.getColumnLabel(i).equals(name)) {
        return i;
      }
    }
    for (int i = 1; i <= count; i++) {
      if (meta.getColumnLabel(i).toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return i;
      }
    }
    return 0;
  }

  private static String columnNames(ResultSetMetaData meta) throws SQLException {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      names.add(meta.getColumnLabel(i));
    }
    return String.join(", ", names);
  }

  private static LabelColumn labelColumn(Algorithm algorithm, boolean taskRequested, Task task,
      int index, String name, String sqlType, int jdbcType) throws SQLException {
    if (task == Task.REGRESSION) {
      if (SqlTypes.isNumeric(jdbcType)) {
        return new NumericLabel(index);
      }
      if (taskRequested) {
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

  /** What the model learns: the label's task, or clustering when there is no label. */
  Task task() {
    return task;
  }

  /** Rows kept (label not NULL). */
  int rows() {
    return rows;
  }

  /** Rows skipped because their label was NULL. */
  long skippedRows() {
    return skippedRows;
  }

  /** Rows skipped because their group ({@code group_by}) was NULL; counted in skipped rows. */
  long nullGroupRows() {
    return nullGroupRows;
  }

  /** The column that decides the held-out rows; null for a random split. */
  SplitColumn splitColumn() {
    return splitColumn;
  }

  /** The {@code group_by} column; null for a model of all rows. */
  GroupColumn groupColumn() {
    return groupColumn;
  }

  /** Label column name, as the query spells it; null without a label. */
  String labelName() {
    return labelName;
  }

  /** Label column SQL type name; null without a label. */
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

package dev.sibyl.functions.transform;

import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.model.ModelTransform;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Fits a TRANSFORM on the rows of a training query: checks every column it reads, computes the
 * statistics of its learned functions ({@link FittedFunction}) over the rows with a non-NULL
 * label, and freezes them into plain SQL. Nested learned functions are fitted inside out, one
 * pass over the query per nesting level.
 */
public final class TransformFitter {
  private static final int CANCEL_CHECK_ROWS = 8192;

  /**
   * A fitted transform and the query that computes the features for training.
   *
   * @param transform the frozen transform, to store with the model
   * @param trainingQuery the features and the label of every training row
   */
  public record Fitted(ModelTransform transform, String trainingQuery) {}

  private final String model;
  private final String query;
  private final Connection connection;
  private final BooleanSupplier canceled;

  private TransformFitter(
      String model, String query, Connection connection, BooleanSupplier canceled) {
    this.model = model;
    this.query = query;
    this.connection = connection;
    this.canceled = canceled;
  }

  /**
   * Fits {@code items} on the rows of {@code query}.
   *
   * @param label the label option (any case), or null for a model without a label
   * @param splitBy the column that splits the rows (any case), carried into the training query as
   *     it is, or null
   * @param groupBy the {@code group_by} column (any case), carried the same way, or null
   * @param canceled polled between rows; when true, fitting stops with SQLState 57014
   */
  public static Fitted fit(
      String model, List<TransformItem> items, String query, String label, String splitBy,
      String groupBy, Connection connection, BooleanSupplier canceled) throws SQLException {
    return new TransformFitter(model, query, connection, canceled)
        .fit(items, label, splitBy, groupBy);
  }

  private Fitted fit(List<TransformItem> items, String label, String splitBy, String groupBy)
      throws SQLException {
    QueryColumns columns = QueryColumns.of(connection, query);
    String labelColumn = null;
    List<String> carried = new ArrayList<>();
    if (label != null) {
      labelColumn = columns.find(label)
          .orElseThrow(() -> SibylErrors.labelNotInQuery(label, columns.describe()));
      carried.add(labelColumn);
    }
    if (splitBy != null) {
      for (TransformItem item : items) {
        if (item.feature().equalsIgnoreCase(splitBy)) {
          throw SibylErrors.transformFeatureIsSplitColumn(model, item.feature());
        }
      }
      // a missing split column is reported by the training, which names the option
      columns.find(splitBy).filter(c -> !carried.contains(c)).ifPresent(carried::add);
    }
    if (groupBy != null) {
      for (TransformItem item : items) {
        if (item.feature().equalsIgnoreCase(groupBy)) {
          throw SibylErrors.transformFeatureIsGroupColumn(model, item.feature());
        }
      }
      // a missing group column is reported by the training, which names the option
      columns.find(groupBy).filter(c -> !carried.contains(c)).ifPresent(carried::add);
    }
    List<TransformItem> current = bindColumns(items, columns, labelColumn);
    while (true) {
      List<SqlCall> ready = new ArrayList<>();
      Map<SqlCall, TransformItem> itemOf = new IdentityHashMap<>();
      for (TransformItem item : current) {
        for (SqlCall call : innermostFittedCalls(item.expression())) {
          ready.add(call);
          itemOf.put(call, item);
        }
      }
      if (ready.isEmpty()) {
        break;
      }
      Map<SqlCall, SqlNode> frozen = fitRound(ready, itemOf, labelColumn);
      List<TransformItem> next = new ArrayList<>();
      for (TransformItem item : current) {
        next.add(item.withExpression(replace(item.expression(), frozen)));
      }
      current = next;
    }
    ModelTransform transform = new ModelTransform(inputs(current, columns), derived(current));
    return new Fitted(transform, TransformSql.trainingQuery(transform, carried, query));
  }

  /** Checks every column an item reads and spells it as the query does. */
  private List<TransformItem> bindColumns(
      List<TransformItem> items, QueryColumns columns, String labelColumn) throws SQLException {
    List<TransformItem> bound = new ArrayList<>();
    for (TransformItem item : items) {
      for (SqlIdentifier id : TransformItems.columnsOf(item.expression())) {
        String written = String.join(".", id.names);
        int index = id.isSimple() ? columns.indexOf(id.getSimple()) : -1;
        if (index < 0) {
          throw SibylErrors.transformUnknownColumn(
              model, item.position(), item.feature(), written, columns.describe());
        }
        if (columns.names().get(index).equals(labelColumn)) {
          throw SibylErrors.transformUsesLabel(
              model, item.position(), item.feature(), labelColumn);
        }
      }
      bound.add(item.withExpression(item.expression().accept(new SqlShuttle() {
        @Override
        public SqlNode visit(SqlIdentifier id) {
          return new SqlIdentifier(
              columns.find(id.getSimple()).orElseThrow(), id.getParserPosition());
        }
      })));
    }
    return bound;
  }

  /** The learned calls of an expression whose arguments hold no learned call. */
  private static List<SqlCall> innermostFittedCalls(SqlNode node) {
    List<SqlCall> calls = new ArrayList<>();
    collectInnermost(node, calls);
    return calls;
  }

  private static boolean collectInnermost(SqlNode node, List<SqlCall> calls) {
    if (!(node instanceof SqlCall call)) {
      return false;
    }
    boolean nested = false;
    for (SqlNode operand : call.getOperandList()) {
      if (operand != null) {
        nested |= collectInnermost(operand, calls);
      }
    }
    if (FittedFunction.of(call).isEmpty()) {
      return nested;
    }
    if (!nested) {
      calls.add(call);
    }
    return true;
  }

  /** One pass over the rows: the statistics of every ready call, frozen into SQL. */
  private Map<SqlCall, SqlNode> fitRound(
      List<SqlCall> ready, Map<SqlCall, TransformItem> itemOf, String labelColumn)
      throws SQLException {
    List<String> selected = new ArrayList<>();
    List<Statistics> statistics = new ArrayList<>();
    for (SqlCall call : ready) {
      FittedFunction function = FittedFunction.of(call).orElseThrow();
      FittedFunction.Statistic statistic = function.statistic(call);
      SqlNode argument = function == FittedFunction.ONE_HOT
          ? FrozenExpressions.asText(call.operand(0))
          : call.operand(0);
      statistics.add(new Statistics(call, function, statistic, itemOf.get(call)));
      if (statistic != FittedFunction.Statistic.NONE) {
        selected.add(TransformSql.text(argument) + " AS " + TransformSql.quoted("S" + selected.size()));
      }
    }
    if (!selected.isEmpty()) {
      readStatistics(selected, statistics, labelColumn);
    }
    Map<SqlCall, SqlNode> frozen = new IdentityHashMap<>();
    for (Statistics s : statistics) {
      frozen.put(s.call(), s.freeze(model));
    }
    return frozen;
  }

  private void readStatistics(
      List<String> selected, List<Statistics> statistics, String labelColumn)
      throws SQLException {
    String sql = TransformSql.wrap(selected, query);
    if (labelColumn != null) {
      sql += " WHERE " + TransformSql.quoted(TransformSql.INPUT_ALIAS) + "."
          + TransformSql.quoted(labelColumn) + " IS NOT NULL";
    }
    List<Statistics> reading = statistics.stream()
        .filter(s -> s.statistic() != FittedFunction.Statistic.NONE).toList();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      ResultSetMetaData meta = rows.getMetaData();
      for (int i = 0; i < reading.size(); i++) {
        Statistics s = reading.get(i);
        if (s.statistic() == FittedFunction.Statistic.NUMBERS && !isNumeric(meta, i + 1)) {
          throw SibylErrors.transformNeedsNumbers(model, s.item().position(),
              s.item().feature(), s.function().name(), meta.getColumnTypeName(i + 1));
        }
      }
      long count = 0;
      while (rows.next()) {
        for (int i = 0; i < reading.size(); i++) {
          reading.get(i).add(rows, i + 1);
        }
        if (++count % CANCEL_CHECK_ROWS == 0 && canceled.getAsBoolean()) {
          throw SibylErrors.trainingCanceled(model);
        }
      }
    }
  }

  private static boolean isNumeric(ResultSetMetaData meta, int column) throws SQLException {
    return switch (meta.getColumnType(column)) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.REAL, Types.FLOAT,
          Types.DOUBLE, Types.NUMERIC, Types.DECIMAL -> true;
      default -> false;
    };
  }

  private static SqlNode replace(SqlNode expression, Map<SqlCall, SqlNode> frozen) {
    return expression.accept(new SqlShuttle() {
      @Override
      public SqlNode visit(SqlCall call) {
        SqlNode replacement = frozen.get(call);
        return replacement != null ? replacement : super.visit(call);
      }
    });
  }

  /** The query columns the fitted expressions read, in query order. */
  private static List<ModelTransform.Input> inputs(
      List<TransformItem> items, QueryColumns columns) {
    Set<String> used = new LinkedHashSet<>();
    for (TransformItem item : items) {
      for (SqlIdentifier id : TransformItems.columnsOf(item.expression())) {
        used.add(id.getSimple());
      }
    }
    List<ModelTransform.Input> inputs = new ArrayList<>();
    for (int i = 0; i < columns.names().size(); i++) {
      if (used.contains(columns.names().get(i))) {
        inputs.add(new ModelTransform.Input(columns.names().get(i), columns.types().get(i)));
      }
    }
    return inputs;
  }

  private static List<ModelTransform.DerivedFeature> derived(List<TransformItem> items) {
    List<ModelTransform.DerivedFeature> features = new ArrayList<>();
    for (TransformItem item : items) {
      features.add(new ModelTransform.DerivedFeature(
          item.feature(), TransformSql.text(item.expression())));
    }
    return features;
  }
}

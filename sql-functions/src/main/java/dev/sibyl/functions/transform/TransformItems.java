package dev.sibyl.functions.transform;

import dev.sibyl.registry.SibylErrors;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Checks the items of a TRANSFORM clause before any row is read: each names its feature (an
 * expression other than a bare column needs {@code AS name}), names are unique and differ from the
 * label, nothing is a {@code *} or a sub-query, and the learned functions get valid arguments.
 */
public final class TransformItems {
  private TransformItems() {}

  /**
   * The items of a parsed TRANSFORM list.
   *
   * @param model the model being created, for messages
   * @param nodes the parsed items, each an expression or {@code expression AS name}
   * @param label the label column (null for a model without one)
   */
  public static List<TransformItem> of(String model, List<SqlNode> nodes, String label)
      throws SQLException {
    List<TransformItem> items = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int position = 0;
    for (SqlNode node : nodes) {
      position++;
      TransformItem item = item(model, position, node);
      String key = item.feature().toUpperCase(Locale.ROOT);
      if (label != null && key.equals(label.toUpperCase(Locale.ROOT))) {
        throw SibylErrors.transformFeatureIsLabel(model, item.feature());
      }
      if (!names.add(key)) {
        throw SibylErrors.transformDuplicateFeature(model, item.feature());
      }
      checkExpression(model, item);
      items.add(item);
    }
    return List.copyOf(items);
  }

  private static TransformItem item(String model, int position, SqlNode node)
      throws SQLException {
    SqlNode expression = node;
    String feature = null;
    if (node.getKind() == SqlKind.AS) {
      SqlCall as = (SqlCall) node;
      expression = as.operand(0);
      feature = ((SqlIdentifier) as.operand(1)).getSimple();
    }
    if (expression instanceof SqlIdentifier identifier) {
      if (identifier.isStar()) {
        throw SibylErrors.transformStar(model);
      }
      if (feature == null) {
        feature = identifier.names.get(identifier.names.size() - 1);
      }
    }
    if (feature == null) {
      throw SibylErrors.transformItemUnnamed(model, position, TransformSql.text(expression));
    }
    return new TransformItem(position, feature, expression);
  }

  private static void checkExpression(String model, TransformItem item) throws SQLException {
    List<SQLException> problems = new ArrayList<>();
    item.expression().accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (call instanceof SqlSelect || call.getKind() == SqlKind.SELECT
            || call.getKind().belongsTo(SqlKind.QUERY)) {
          problems.add(SibylErrors.transformSubQuery(model, item.position(), item.feature()));
          return null;
        }
        FittedFunction.of(call).ifPresent(function -> {
          try {
            function.checkArguments(call, model, item);
          } catch (SQLException e) {
            problems.add(e);
          }
        });
        return super.visit(call);
      }
    });
    if (!problems.isEmpty()) {
      throw problems.get(0);
    }
  }

  /** The column names an expression reads, in the order they appear. */
  static List<SqlIdentifier> columnsOf(SqlNode expression) {
    List<SqlIdentifier> columns = new ArrayList<>();
    expression.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlIdentifier id) {
        columns.add(id);
        return null;
      }
    });
    return columns;
  }
}

package dev.sibyl.functions.calcite;

import dev.sibyl.functions.transform.TransformSql;
import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.StoredModel;
import dev.sibyl.registry.model.ModelTransform;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * The feature expressions of a TRANSFORM model, read back from the registry for one PREDICT call:
 * over the columns in scope (by-name PREDICT), or with the call's arguments in place of the raw
 * input columns (positional PREDICT).
 */
final class TransformBinding {
  private TransformBinding() {}

  /**
   * One expression per feature, in signature order.
   *
   * @param arguments the raw input arguments in input order, or empty to bind by name
   */
  static List<SqlNode> expressions(StoredModel stored, List<SqlNode> arguments) {
    ModelTransform transform = stored.model().transform();
    Map<String, SqlNode> byInput = new HashMap<>();
    for (int i = 0; i < arguments.size(); i++) {
      byInput.put(key(transform.inputs().get(i).name()), arguments.get(i));
    }
    SqlShuttle substitution = new SqlShuttle() {
      @Override
      public SqlNode visit(SqlIdentifier id) {
        SqlNode argument = byInput.get(key(id.getSimple()));
        return argument != null ? argument : id;
      }
    };
    List<SqlNode> expressions = new ArrayList<>();
    for (ModelTransform.DerivedFeature feature : transform.features()) {
      SqlNode expression;
      try {
        expression = TransformSql.parse(feature.expression());
      } catch (IllegalArgumentException e) {
        throw new SibylSqlException(SibylErrors.corruptedPayload(
            stored.version().name(), stored.version().version(), e.getMessage()));
      }
      expressions.add(byInput.isEmpty() ? expression : expression.accept(substitution));
    }
    return expressions;
  }

  private static String key(String name) {
    return name.toUpperCase(Locale.ROOT);
  }
}

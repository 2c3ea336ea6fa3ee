package dev.sibyl.planner.prepare;

import dev.sibyl.functions.calcite.ModelLookup;
import dev.sibyl.functions.calcite.SibylSqlException;
import dev.sibyl.registry.ModelRef;
import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.ModelTransform;
import dev.sibyl.registry.model.PortableModel;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Explains a failed by-name PREDICT: when {@code PREDICT('model')} cannot bind a feature (no
 * such column in scope, or an ambiguous one), the error lists every column the model needs (its
 * features, or the raw inputs of its TRANSFORM, after the group column of a grouped model).
 */
final class ByNameBinding {
  private ByNameBinding() {}

  static RuntimeException explain(RuntimeException error, SqlNode node, ModelLookup lookup) {
    CalciteContextException validation = validationError(error);
    if (validation == null) {
      return error;
    }
    String message = validation.getMessage();
    if (!message.contains("not found in") && !message.contains("is ambiguous")) {
      return error;
    }
    List<String> hints = new ArrayList<>();
    for (String reference : byNameModels(node)) {
      try {
        PortableModel model = lookup.load(ModelRef.parse(reference)).model();
        List<String> names = new ArrayList<>();
        boolean grouped = model.groups().isPresent();
        if (grouped && model.transform().isPresent()) {
          names.add(model.signature().get(0).name());
        }
        if (model.transform().isPresent()) {
          for (ModelTransform.Input input : model.transform().inputs()) {
            names.add(input.name());
          }
        } else {
          for (Feature feature : model.signature().features()) {
            names.add(feature.name());
          }
        }
        hints.add(
            "PREDICT('" + reference + "') binds the model's "
                + (grouped ? "group column " + model.signature().get(0).name() + " and its " : "")
                + (model.transform().isPresent() ? "TRANSFORM inputs" : "features")
                + " by name and needs the columns " + String.join(", ", names));
      } catch (SQLException ignored) {
        // the model error itself would have been reported first
      }
    }
    if (hints.isEmpty()) {
      return error;
    }
    return new SibylSqlException(
        new SQLException(message + "; " + String.join("; ", hints), SibylErrors.UNDEFINED_COLUMN,
            error));
  }

  private static Set<String> byNameModels(SqlNode node) {
    Set<String> references = new LinkedHashSet<>();
    node.accept(
        new SqlBasicVisitor<Void>() {
          @Override
          public Void visit(SqlCall call) {
            String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
            if ((name.equals("PREDICT") || name.equals("PREDICT_PROBA"))
                && call.operandCount() == 1
                && call.operand(0) instanceof SqlLiteral literal) {
              references.add(literal.getValueAs(String.class));
            }
            return super.visit(call);
          }
        });
    return references;
  }

  private static CalciteContextException validationError(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof CalciteContextException e) {
        return e;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}

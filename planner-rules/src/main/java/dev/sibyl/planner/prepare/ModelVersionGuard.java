package dev.sibyl.planner.prepare;

import dev.sibyl.functions.calcite.SibylSqlException;
import dev.sibyl.registry.ModelRef;
import dev.sibyl.registry.ModelRegistry;
import dev.sibyl.registry.ModelVersion;
import dev.sibyl.registry.SibylErrors;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Keeps a prepared query from scoring with a model version that is no longer the active one. A
 * plan binds the versions its {@code PREDICT('name', ...)} calls resolved to when it was prepared
 * (a scorer in the generated code, or coefficients inlined by the planner rules); each execution
 * first checks, with one indexed registry lookup per model, that each is still active, and fails
 * with SQLState 0A000 naming the model if not, so the statement is prepared again. References with
 * an explicit version ({@code 'name@3'}) never go stale and are not checked.
 */
final class ModelVersionGuard {
  private record Binding(ModelRef ref, long versionId, int version) {}

  private final ModelRegistry registry;
  private final List<Binding> bindings;

  private ModelVersionGuard(ModelRegistry registry, List<Binding> bindings) {
    this.registry = registry;
    this.bindings = bindings;
  }

  /**
   * Wraps a prepared query's signature so each execution checks the versions the plan bound; the
   * signature as it is when the query names no model by its active version.
   */
  static <T> CalciteSignature<T> guard(
      CalciteSignature<T> signature, SqlNode query, ModelRegistry registry) {
    List<Binding> bindings = new ArrayList<>();
    for (String reference : activeReferences(query)) {
      try {
        ModelRef ref = ModelRef.parse(reference);
        ModelVersion version = registry.resolve(ref);
        bindings.add(new Binding(ref, version.id(), version.version()));
      } catch (SQLException e) {
        throw new SibylSqlException(e);
      }
    }
    if (bindings.isEmpty()) {
      return signature;
    }
    ModelVersionGuard guard = new ModelVersionGuard(registry, List.copyOf(bindings));
    Bindable<T> checked = dataContext -> {
      guard.check();
      return signature.enumerable(dataContext);
    };
    return new CalciteSignature<>(signature.sql, signature.parameters,
        signature.internalParameters, signature.rowType, signature.columns,
        signature.cursorFactory, signature.rootSchema, signature.getCollationList(), -1,
        checked, signature.statementType);
  }

  private void check() {
    for (Binding binding : bindings) {
      try {
        ModelVersion current = registry.resolve(binding.ref());
        if (current.id() != binding.versionId()) {
          throw SibylErrors.staleModel(
              current.name(), binding.version(), current.version());
        }
      } catch (SQLException e) {
        throw new SibylSqlException(e);
      }
    }
  }

  /** The model references without a version in the PREDICT-family calls of a query. */
  private static Set<String> activeReferences(SqlNode node) {
    Set<String> references = new LinkedHashSet<>();
    node.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        if ((name.equals("PREDICT") || name.equals("PREDICT_PROBA")
                || name.equals("CLUSTER_DISTANCE"))
            && call.operandCount() >= 1
            && call.operand(0) instanceof SqlLiteral literal) {
          String reference = literal.getValueAs(String.class);
          if (reference != null && !reference.contains("@")) {
            references.add(reference);
          }
        }
        return super.visit(call);
      }
    });
    return references;
  }
}

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
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Keeps a prepared query from scoring with a model version that is no longer the active one. A
 * plan binds the versions its {@code PREDICT('name', ...)} calls resolved to when it was prepared
 * (a scorer in the generated code, or coefficients inlined by the planner rules); each execution
 * first checks, with one indexed registry lookup per model, that each is still active. If one is
 * not, the query is planned again, transparently, and the new plan serves this and later
 * executions; only if the new plan's result columns differ (a new version with another label
 * type) does the execution fail, with SQLState 0A000 naming the model. References with an
 * explicit version ({@code 'name@3'}) never go stale and are not checked.
 *
 * @param <T> the row type of the query
 */
final class ModelVersionGuard<T> {
  private record Binding(ModelRef ref, long versionId, int version) {}

  /** A plan and the versions it bound. */
  private record Plan<T>(CalciteSignature<T> signature, List<Binding> bindings) {}

  private final ModelRegistry registry;
  private final Set<String> references;
  private final Supplier<CalciteSignature<T>> planner;
  private volatile Plan<T> current;

  private ModelVersionGuard(ModelRegistry registry, Set<String> references,
      Supplier<CalciteSignature<T>> planner, Plan<T> first) {
    this.registry = registry;
    this.references = references;
    this.planner = planner;
    this.current = first;
  }

  /**
   * Plans a query with {@code planner} and wraps its signature so each execution checks the
   * versions the plan bound, planning the query again when one is stale; the signature as it is
   * when the query names no model by its active version. The versions are resolved before the
   * plan is made, so a version activated while planning is caught by the first execution.
   */
  static <T> CalciteSignature<T> plan(SqlNode query, ModelRegistry registry,
      Supplier<CalciteSignature<T>> planner) {
    Set<String> references = activeReferences(query);
    if (references.isEmpty()) {
      return planner.get();
    }
    List<Binding> bindings;
    try {
      bindings = resolve(registry, references);
    } catch (SibylSqlException unknownModel) {
      planner.get(); // reports the unknown model as validation does, when it can
      throw unknownModel;
    }
    CalciteSignature<T> signature = planner.get();
    ModelVersionGuard<T> guard = new ModelVersionGuard<>(registry, references, planner,
        new Plan<>(signature, bindings));
    Bindable<T> checked = dataContext -> {
      CalciteSignature<T> plan = guard.currentPlan();
      return plan == signature
          ? plan.enumerable(dataContext)
          : plan.enumerable(new ReplannedContext(dataContext, plan.internalParameters));
    };
    return new CalciteSignature<>(signature.sql, signature.parameters,
        signature.internalParameters, signature.rowType, signature.columns,
        signature.cursorFactory, signature.rootSchema, signature.getCollationList(), -1,
        checked, signature.statementType);
  }

  /** The plan for the active versions: the current one, or a new one if a version changed. */
  private CalciteSignature<T> currentPlan() {
    Plan<T> plan = current;
    if (staleBinding(plan) == null) {
      return plan.signature();
    }
    synchronized (this) {
      plan = current;
      Binding stale = staleBinding(plan);
      if (stale == null) {
        return plan.signature();
      }
      // resolved before planning: a version activated meanwhile makes the next check replan
      List<Binding> bindings = resolve(registry, references);
      CalciteSignature<T> replanned = planner.get();
      if (!replanned.rowType.equals(plan.signature().rowType)
          || !sameParameters(replanned.parameters, plan.signature().parameters)) {
        Binding now = bindings.stream().filter(b -> b.ref().equals(stale.ref())).findFirst()
            .orElse(stale);
        throw new SibylSqlException(
            SibylErrors.staleModelResultType(now.ref().name(), stale.version(), now.version()));
      }
      current = new Plan<>(replanned, bindings);
      return replanned;
    }
  }

  /** Whether the client may bind the same values to both lists of parameters. */
  private static boolean sameParameters(List<AvaticaParameter> a, List<AvaticaParameter> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i).parameterType != b.get(i).parameterType
          || !Objects.equals(a.get(i).className, b.get(i).className)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The data context of an execution, as Calcite built it for the first plan (its parameter
   * values, schema and connection), with the objects a new plan stashed for its generated code in
   * place of the first plan's.
   */
  private static final class ReplannedContext implements DataContext {
    private final DataContext execution;
    private final Map<String, Object> stashed;

    ReplannedContext(DataContext execution, Map<String, Object> stashed) {
      this.execution = execution;
      this.stashed = stashed;
    }

    @Override
    public SchemaPlus getRootSchema() {
      return execution.getRootSchema();
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
      return execution.getTypeFactory();
    }

    @Override
    public QueryProvider getQueryProvider() {
      return execution.getQueryProvider();
    }

    @Override
    public Object get(String name) {
      return stashed.containsKey(name) ? stashed.get(name) : execution.get(name);
    }
  }

  /** The first binding of {@code plan} that is no longer the active version, or null. */
  private Binding staleBinding(Plan<T> plan) {
    for (Binding binding : plan.bindings()) {
      try {
        if (registry.resolve(binding.ref()).id() != binding.versionId()) {
          return binding;
        }
      } catch (SQLException e) {
        throw new SibylSqlException(e);
      }
    }
    return null;
  }

  private static List<Binding> resolve(ModelRegistry registry, Set<String> references) {
    List<Binding> bindings = new ArrayList<>();
    for (String reference : references) {
      try {
        ModelRef ref = ModelRef.parse(reference);
        ModelVersion version = registry.resolve(ref);
        bindings.add(new Binding(ref, version.id(), version.version()));
      } catch (SQLException e) {
        throw new SibylSqlException(e);
      }
    }
    return List.copyOf(bindings);
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

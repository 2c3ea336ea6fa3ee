package dev.sibyl.functions.calcite;

import dev.sibyl.registry.StoredModel;
import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.FeatureKind;
import dev.sibyl.registry.model.Task;
import java.lang.reflect.Type;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.EnumUtils;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Primitive;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;

/**
 * Generates the code that scores PREDICT / PREDICT_PROBA / CLUSTER_DISTANCE calls.
 *
 * <p>The model is resolved once, when the query is compiled, and reached from the generated class
 * through a static field; per row the generated code fills a {@code double[]} of numeric features
 * (NULL as NaN) and a {@code String[]} of categories and calls the scorer, without boxing
 * numeric values.
 */
final class PredictImplementation implements ImplementableFunction {
  private final PredictFunction.Mode mode;
  private final ModelLookup lookup;

  PredictImplementation(PredictFunction.Mode mode, ModelLookup lookup) {
    this.mode = mode;
    this.lookup = lookup;
  }

  @Override
  public List<FunctionParameter> getParameters() {
    return List.of();
  }

  @Override
  public CallImplementor getImplementor() {
    return RexImpTable.createImplementor(this::implement, NullPolicy.NONE, false);
  }

  private Expression implement(
      RexToLixTranslator translator, RexCall call, List<Expression> arguments) {
    String reference = RexLiteral.stringValue(translator.deref(call.getOperands().get(0)));
    StoredModel stored = load(reference);
    String key = BoundModels.bind(lookup.registryId(), reference, stored);
    Expression scorer =
        Expressions.call(BoundModels.class, "scorer", Expressions.constant(key));
    List<Feature> features = stored.model().signature().features();
    boolean grouped = stored.model().groups().isPresent();
    int first = grouped ? 1 : 0;
    List<Expression> numeric = new ArrayList<>();
    List<Expression> categorical = new ArrayList<>();
    for (int i = first; i < features.size(); i++) {
      Expression argument = arguments.get(i + 1);
      if (features.get(i).kind() == FeatureKind.NUMERIC) {
        numeric.add(asDouble(argument));
      } else {
        categorical.add(asCategory(argument));
      }
    }
    Expression numericArray = Expressions.newArrayInit(double.class, numeric);
    Expression categoricalArray = Expressions.newArrayInit(String.class, categorical);
    if (grouped) {
      return implementGrouped(stored, scorer, asCategory(arguments.get(1)), numericArray,
          categoricalArray);
    }
    if (mode == PredictFunction.Mode.PREDICT_PROBA) {
      return Expressions.call(scorer, "probability", numericArray, categoricalArray);
    }
    if (mode == PredictFunction.Mode.CLUSTER_DISTANCE) {
      return Expressions.call(scorer, "distance", numericArray, categoricalArray);
    }
    if (stored.model().task() == Task.REGRESSION) {
      return Expressions.call(scorer, "regress", numericArray, categoricalArray);
    }
    if (stored.model().task() == Task.CLUSTERING) {
      return Expressions.call(scorer, "cluster", numericArray, categoricalArray);
    }
    Expression value = Expressions.call(scorer, "predictClass", numericArray, categoricalArray);
    return EnumUtils.convert(value, LabelTypes.javaClass(stored.model().label().sqlType()));
  }

  /**
   * A grouped model's call: the bound scorer routes the row by its group and returns a boxed
   * result, null when the group has no model.
   */
  private Expression implementGrouped(StoredModel stored, Expression scorer, Expression group,
      Expression numericArray, Expression categoricalArray) {
    String method;
    Class<?> type;
    if (mode == PredictFunction.Mode.PREDICT_PROBA) {
      method = "probabilityIn";
      type = Double.class;
    } else if (mode == PredictFunction.Mode.CLUSTER_DISTANCE) {
      method = "distanceIn";
      type = Double.class;
    } else if (stored.model().task() == Task.REGRESSION) {
      method = "regressIn";
      type = Double.class;
    } else if (stored.model().task() == Task.CLUSTERING) {
      method = "clusterIn";
      type = Integer.class;
    } else {
      method = "predictClassIn";
      type = Primitive.box(LabelTypes.javaClass(stored.model().label().sqlType()));
    }
    return Expressions.convert_(
        Expressions.call(scorer, method, group, numericArray, categoricalArray), type);
  }

  private StoredModel load(String reference) {
    try {
      return PrunedModelReference.load(lookup, reference);
    } catch (SQLException e) {
      throw new SibylSqlException(e);
    }
  }

  private static Expression asDouble(Expression argument) {
    if (argument.getType() instanceof Class<?> c && c.isPrimitive()) {
      return Expressions.convert_(argument, double.class);
    }
    return Expressions.call(FeatureValues.class, "toDouble",
        Expressions.convert_(argument, Number.class));
  }

  private static Expression asCategory(Expression argument) {
    Type type = argument.getType();
    Expression boxed =
        type instanceof Class<?> c && c.isPrimitive() ? Expressions.box(argument) : argument;
    return Expressions.call(FeatureValues.class, "toCategory",
        Expressions.convert_(boxed, Object.class));
  }
}

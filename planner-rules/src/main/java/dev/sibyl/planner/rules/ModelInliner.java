package dev.sibyl.planner.rules;

import dev.sibyl.functions.calcite.PredictFunction;
import dev.sibyl.registry.StoredModel;
import dev.sibyl.registry.model.Algorithm;
import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.FeatureKind;
import dev.sibyl.registry.model.LinearParameters;
import dev.sibyl.registry.model.LogisticParameters;
import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.Task;
import dev.sibyl.registry.model.TreeEnsemble;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Rewrites a PREDICT or PREDICT_PROBA call of a linear model (and, through {@link TreeInliner}, of
 * a small tree model) into plain SQL arithmetic that any
 * source database evaluates: {@code bias + w1 * ((COALESCE(x1, m1) - c1) / s1) + ... + CASE WHEN
 * plan = 'pro' THEN w ELSE 0 END}, and for a binary logistic model {@code 1 / (1 + EXP(-z))}. The
 * terms are summed in the scorer's order with the scorer's operations, so the result is the same
 * double (NaN inputs aside: the scorer imputes them, SQL arithmetic propagates them). Every
 * constant is a DOUBLE literal.
 */
final class ModelInliner {
  /** The largest argument of {@code Math.exp} with a finite result. */
  static final double EXP_OVERFLOW = Math.log(Double.MAX_VALUE);
  /** Above this, {@code exp(-z)} is below half an ulp of 1, so {@code 1 + exp(-z)} is 1. */
  static final double ONE_PLUS_EXP_IS_ONE = 37;
  private final RexBuilder rex;

  ModelInliner(RexBuilder rex) {
    this.rex = rex;
  }

  /** The inlined form of a PREDICT / PREDICT_PROBA call, when its model can be inlined. */
  Optional<RexNode> inline(RexCall call) {
    Optional<StoredModel> stored = PredictCalls.model(call);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    PortableModel model = stored.get().model();
    PredictFunction.Mode mode = ((PredictFunction) call.getOperator()).mode();
    List<RexNode> features = call.getOperands().subList(1, call.getOperands().size());
    if (model.body() instanceof TreeEnsemble trees && model.groups().isEmpty()) {
      return new TreeInliner(this, rex).inline(model, trees, mode, features, call.getType())
          .map(tree -> cast(tree, call.getType()));
    }
    if (model.body() instanceof LinearParameters linear && model.task() == Task.REGRESSION
        && mode == PredictFunction.Mode.PREDICT) {
      return margin(model, linear.weights(), linear.intercept(), features)
          .map(z -> cast(z, call.getType()));
    }
    if (!(model.body() instanceof LogisticParameters logistic) || logistic.rows() != 1
        || model.algorithm() != Algorithm.LOGISTIC_REGRESSION) {
      return Optional.empty();
    }
    Optional<RexNode> z =
        margin(model, logistic.weightsOf(0), logistic.intercepts()[0], features);
    if (z.isEmpty()) {
      return Optional.empty();
    }
    RexNode probability = probability(z.get());
    if (mode == PredictFunction.Mode.PREDICT_PROBA) {
      return Optional.of(cast(probability, call.getType()));
    }
    if (mode != PredictFunction.Mode.PREDICT) {
      return Optional.empty();
    }
    List<String> classes = model.label().classes();
    RelDataType type = call.getType();
    Optional<RexNode> positive = classLiteral(classes.get(1), type);
    Optional<RexNode> negative = classLiteral(classes.get(0), type);
    if (positive.isEmpty() || negative.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(rex.makeCall(SqlStdOperatorTable.CASE,
        rex.makeCall(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, probability, number(0.5)),
        positive.get(), negative.get()));
  }

  /**
   * {@code bias + w . encode(features)} as SQL, or empty if a category argument is not text (its
   * conversion to a category is the scorer's, not SQL's).
   */
  Optional<RexNode> margin(
      PortableModel model, double[] weights, double bias, List<RexNode> features) {
    List<Feature> signature = model.signature().features();
    List<RexNode> numericTerms = new ArrayList<>();
    List<RexNode> categoryTerms = new ArrayList<>();
    int input = 0;
    for (int i = 0; i < signature.size(); i++) {
      Feature feature = signature.get(i);
      RexNode argument = features.get(i);
      if (allZero(weights, input, feature.width())) {
        input += feature.width();
        continue; // adds 0 to the scorer's sum: leaving it out gives the same double
      }
      if (feature.kind() == FeatureKind.NUMERIC) {
        numericTerms.add(numericTerm(feature, weights[input], argument));
      } else {
        if (!SqlTypeUtil.inCharFamily(argument.getType())
            && argument.getType().getSqlTypeName() != SqlTypeName.NULL) {
          return Optional.empty();
        }
        categoryTerm(feature, weights, input, argument).ifPresent(categoryTerms::add);
      }
      input += feature.width();
    }
    RexNode sum = number(bias);
    for (RexNode term : numericTerms) {
      sum = plus(sum, term);
    }
    for (RexNode term : categoryTerms) {
      sum = plus(sum, term);
    }
    return Optional.of(sum);
  }

  /** {@code sum + term}, added at planning time when both are constants (the same double). */
  private RexNode plus(RexNode sum, RexNode term) {
    if (sum instanceof RexLiteral a && term instanceof RexLiteral b) {
      return number(a.getValueAs(Double.class) + b.getValueAs(Double.class));
    }
    return rex.makeCall(SqlStdOperatorTable.PLUS, sum, term);
  }

  /**
   * The value a numeric feature takes when its argument is a constant (NULL: the imputed value),
   * or empty when the argument varies by row.
   */
  static Optional<Double> constantNumber(Feature feature, RexNode argument) {
    RexLiteral literal = literalOf(argument);
    if (literal == null) {
      return Optional.empty();
    }
    Double value = RexLiteral.isNullLiteral(literal) ? null : literal.getValueAs(Double.class);
    return Optional.of(value == null || value.isNaN() ? feature.imputeValue() : value);
  }

  /**
   * The literal {@code node} is, or null. A literal under a CAST is not one: the cast may change
   * its value (padding, rounding) in ways only the database computes.
   */
  static RexLiteral literalOf(RexNode node) {
    return node instanceof RexLiteral literal ? literal : null;
  }

  private static boolean allZero(double[] weights, int from, int width) {
    for (int i = from; i < from + width; i++) {
      if (weights[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** {@code w * ((COALESCE(x, impute) - center) / scale)}. */
  private RexNode numericTerm(Feature feature, double weight, RexNode argument) {
    Optional<Double> constant = constantNumber(feature, argument);
    if (constant.isPresent()) {
      return number(weight * ((constant.get() - feature.center()) / feature.scale()));
    }
    RexNode x = imputed(feature, argument);
    RexNode standardised = rex.makeCall(SqlStdOperatorTable.DIVIDE,
        rex.makeCall(SqlStdOperatorTable.MINUS, x, number(feature.center())),
        number(feature.scale()));
    return rex.makeCall(SqlStdOperatorTable.MULTIPLY, number(weight), standardised);
  }

  /** {@code COALESCE(CAST(x AS DOUBLE), impute)}: a numeric feature as the scorer reads it. */
  RexNode imputed(Feature feature, RexNode argument) {
    return rex.makeCall(SqlStdOperatorTable.COALESCE,
        rex.makeCast(doubleType(true), argument), number(feature.imputeValue()));
  }

  /** {@code CASE WHEN x = 'a' THEN wa WHEN x = 'b' THEN wb ... ELSE 0 END}. */
  private Optional<RexNode> categoryTerm(
      Feature feature, double[] weights, int base, RexNode argument) {
    List<String> categories = feature.categories();
    RexLiteral literal = literalOf(argument);
    if (literal != null) {
      // a constant category adds its weight; NULL and unseen ones add nothing
      int index = RexLiteral.isNullLiteral(literal)
          ? -1 : categories.indexOf(literal.getValueAs(String.class));
      return index < 0 ? Optional.empty() : Optional.of(number(weights[base + index]));
    }
    List<RexNode> operands = new ArrayList<>();
    for (int c = 0; c < categories.size(); c++) {
      operands.add(rex.makeCall(SqlStdOperatorTable.EQUALS, argument,
          rex.makeLiteral(categories.get(c))));
      operands.add(number(weights[base + c]));
    }
    operands.add(number(0));
    return Optional.of(operands.size() == 1
        ? operands.get(0)
        : rex.makeCall(SqlStdOperatorTable.CASE, operands));
  }

  /**
   * The scorer's logistic function {@code 1 / (1 + EXP(-z))}, guarded so that no database
   * evaluates an EXP that overflows or underflows (PostgreSQL raises an error where Java gives
   * infinity or 0): below {@link #EXP_OVERFLOW} the scorer's value is exactly 0, and above {@link
   * #ONE_PLUS_EXP_IS_ONE} exactly 1.
   */
  RexNode probability(RexNode z) {
    RexNode logistic = rex.makeCall(SqlStdOperatorTable.DIVIDE, number(1),
        rex.makeCall(SqlStdOperatorTable.PLUS, number(1),
            rex.makeCall(SqlStdOperatorTable.EXP,
                rex.makeCall(SqlStdOperatorTable.UNARY_MINUS, z))));
    return rex.makeCall(SqlStdOperatorTable.CASE,
        rex.makeCall(SqlStdOperatorTable.LESS_THAN, z, number(-EXP_OVERFLOW)), number(0),
        rex.makeCall(SqlStdOperatorTable.GREATER_THAN, z, number(ONE_PLUS_EXP_IS_ONE)),
        number(1), logistic);
  }

  /** A DOUBLE literal. */
  RexNode number(double value) {
    return rex.makeApproxLiteral(new BigDecimal(Double.toString(value)), doubleType(false));
  }

  private RelDataType doubleType(boolean nullable) {
    return rex.getTypeFactory().createTypeWithNullability(
        rex.getTypeFactory().createSqlType(SqlTypeName.DOUBLE), nullable);
  }

  private static BigDecimal number(String value) {
    try {
      return new BigDecimal(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private RexNode cast(RexNode value, RelDataType type) {
    return value.getType().equals(type) ? value : rex.makeCast(type, value, true, false);
  }

  /** A class label as a literal of the call's type, or empty for a type it cannot be. */
  Optional<RexNode> classLiteral(String value, RelDataType type) {
    Object typed = switch (type.getSqlTypeName()) {
      case BOOLEAN -> Boolean.valueOf(value);
      case INTEGER, BIGINT, DOUBLE -> number(value);
      case VARCHAR, CHAR -> value;
      default -> null;
    };
    return typed == null
        ? Optional.empty()
        : Optional.of(rex.makeLiteral(typed, type, true));
  }
}

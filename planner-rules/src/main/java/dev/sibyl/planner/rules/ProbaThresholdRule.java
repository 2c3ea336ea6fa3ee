package dev.sibyl.planner.rules;

import dev.sibyl.functions.calcite.PredictFunction;
import dev.sibyl.registry.StoredModel;
import dev.sibyl.registry.model.Algorithm;
import dev.sibyl.registry.model.LogisticParameters;
import java.util.Optional;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Turns {@code PREDICT_PROBA('m', ...) > t} (or {@code >=, <, <=}, either side) for a binary
 * logistic model into the linear inequality {@code bias + w . x > LN(t / (1 - t))} on the features:
 * no exponential per row, and a condition the source database can evaluate (and index ranges can
 * serve).
 */
public final class ProbaThresholdRule extends RelRule<RuleConfig> {

  ProbaThresholdRule(RuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Filter filter = call.rel(0);
    RexNode condition = rewrite(filter.getCondition(), filter.getCluster().getRexBuilder());
    if (condition == filter.getCondition()
        || !InliningCost.chooses(call, filter.getCondition(), condition,
            InliningCost.outputFraction(filter, filter.getInput(), call.getMetadataQuery()))) {
      return; // no threshold to rewrite, or scoring in Calcite is estimated cheaper
    }
    call.transformTo(filter.copy(filter.getTraitSet(), filter.getInput(), condition));
  }

  /** {@code node} with every threshold comparison on a logistic probability made linear. */
  static RexNode rewrite(RexNode node, RexBuilder rex) {
    ModelInliner inliner = new ModelInliner(rex);
    return node.accept(new RexShuttle() {
      @Override
      public RexNode visitCall(RexCall call) {
        return threshold(call, inliner, rex).orElseGet(() -> super.visitCall(call));
      }
    });
  }

  private static Optional<RexNode> threshold(RexCall call, ModelInliner inliner, RexBuilder rex) {
    SqlKind kind = call.getKind();
    if (kind != SqlKind.GREATER_THAN && kind != SqlKind.GREATER_THAN_OR_EQUAL
        && kind != SqlKind.LESS_THAN && kind != SqlKind.LESS_THAN_OR_EQUAL) {
      return Optional.empty();
    }
    RexNode left = call.getOperands().get(0);
    RexNode right = call.getOperands().get(1);
    SqlOperator operator = call.getOperator();
    if (!isProba(left) && isProba(right)) {
      RexNode swap = left;
      left = right;
      right = swap;
      operator = call.getOperator().reverse();
    }
    if (!isProba(left) || !(right instanceof RexLiteral literal)
        || !SqlTypeUtil.isNumeric(literal.getType()) || literal.isNull()) {
      return Optional.empty();
    }
    double t = literal.getValueAs(Double.class);
    if (!(t > 0 && t < 1)) {
      return Optional.empty();
    }
    RexCall proba = (RexCall) left;
    Optional<StoredModel> stored = PredictCalls.model(proba);
    if (stored.isEmpty()
        || stored.get().model().algorithm() != Algorithm.LOGISTIC_REGRESSION
        || !(stored.get().model().body() instanceof LogisticParameters logistic)
        || logistic.rows() != 1) {
      return Optional.empty();
    }
    Optional<RexNode> z = inliner.margin(stored.get().model(), logistic.weightsOf(0),
        logistic.intercepts()[0], proba.getOperands().subList(1, proba.getOperands().size()));
    SqlOperator comparison = operator;
    return z.map(margin -> rex.makeCall(comparison, margin,
        inliner.number(Math.log(t / (1 - t)))));
  }

  private static boolean isProba(RexNode node) {
    return node instanceof RexCall call && PredictCalls.isPredict(call)
        && ((PredictFunction) call.getOperator()).mode() == PredictFunction.Mode.PREDICT_PROBA;
  }

  /** Matches any filter whose condition holds a threshold on a logistic probability. */
  public static final RuleConfig DEFAULT = RuleConfig.of("ProbaThresholdRule",
      b -> b.operand(Filter.class)
        .predicate(f -> rewrite(f.getCondition(), f.getCluster().getRexBuilder())
            != f.getCondition())
        .anyInputs(),
      ProbaThresholdRule::new);
}

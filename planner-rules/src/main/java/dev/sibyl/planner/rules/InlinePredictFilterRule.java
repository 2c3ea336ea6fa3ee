package dev.sibyl.planner.rules;

import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rex.RexNode;

/**
 * Rewrites PREDICT / PREDICT_PROBA calls of linear and binary logistic models in a filter
 * condition into SQL arithmetic, so the JDBC adapter can push the filter into the source and only
 * the matching rows cross the wire.
 */
public final class InlinePredictFilterRule extends RelRule<RuleConfig> {

  InlinePredictFilterRule(RuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Filter filter = call.rel(0);
    ModelInliner inliner = new ModelInliner(filter.getCluster().getRexBuilder());
    RexNode condition = PredictCalls.inlineAll(filter.getCondition(), inliner);
    if (condition != filter.getCondition()) {
      call.transformTo(filter.copy(filter.getTraitSet(), filter.getInput(), condition));
    }
  }

  /** Matches any filter whose condition calls an inlinable model. */
  public static final RuleConfig DEFAULT = RuleConfig.of("InlinePredictFilterRule",
      b -> b.operand(Filter.class)
        .predicate(f -> PredictCalls.containsInlinable(f.getCondition(),
            new ModelInliner(f.getCluster().getRexBuilder())))
        .anyInputs(),
      InlinePredictFilterRule::new);
}

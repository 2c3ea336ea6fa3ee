package dev.sibyl.planner.rules;

import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.tools.RelBuilderFactory;

/**
 * Rewrites PREDICT / PREDICT_PROBA calls of linear and binary logistic models in a filter
 * condition into SQL arithmetic, so the JDBC adapter can push the filter into the source and only
 * the matching rows cross the wire.
 */
public final class InlinePredictFilterRule extends RelRule<InlinePredictFilterRule.Config> {

  InlinePredictFilterRule(Config config) {
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

  /**
   * The rule's configuration.
   *
   * @param description the rule's name in plans and traces
   * @param operandSupplier a filter whose condition holds an inlinable PREDICT call
   * @param relBuilderFactory builds the rewritten relational expressions
   */
  public record Config(
      String description, OperandTransform operandSupplier, RelBuilderFactory relBuilderFactory)
      implements RelRule.Config {
    /** Matches any filter whose condition calls an inlinable model. */
    public static final Config DEFAULT = new Config("InlinePredictFilterRule",
        b -> b.operand(Filter.class)
            .predicate(f -> PredictCalls.containsInlinable(f.getCondition(),
                new ModelInliner(f.getCluster().getRexBuilder())))
            .anyInputs(),
        RelRules.DEFAULT_BUILDER);

    @Override
    public InlinePredictFilterRule toRule() {
      return new InlinePredictFilterRule(this);
    }

    @Override
    public Config withDescription(String newDescription) {
      return new Config(newDescription, operandSupplier, relBuilderFactory);
    }

    @Override
    public Config withOperandSupplier(OperandTransform transform) {
      return new Config(description, transform, relBuilderFactory);
    }

    @Override
    public Config withRelBuilderFactory(RelBuilderFactory factory) {
      return new Config(description, operandSupplier, factory);
    }
  }
}

package dev.sibyl.planner.rules;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;

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
    List<RexNode> conjuncts = RelOptUtil.conjunctions(filter.getCondition());
    List<RexNode> inlined = new ArrayList<>();
    boolean changed = false;
    for (int i = 0; i < conjuncts.size(); i++) {
      RexNode conjunct = conjuncts.get(i);
      RexNode rewritten = PredictCalls.inlineAll(conjunct, inliner);
      if (rewritten != conjunct) {
        rewritten = simplify(filter, rewritten, call.getMetadataQuery());
        if (InliningCost.chooses(call, conjunct, rewritten, InliningCost.outputFraction(
            filter, filter.getInput(), call.getMetadataQuery()))) {
          changed = true;
        } else {
          rewritten = conjunct;
        }
      }
      inlined.add(rewritten);
    }
    if (!changed) {
      return; // nothing could be inlined, or scoring in Calcite is estimated cheaper
    }
    if (call.getPlanner().getContext().unwrap(InliningCost.class) != null
        && inlined.stream().anyMatch(PredictCalls::containsPredict)) {
      return; // a model stays, so the filter cannot reach the source: inlining gains nothing
    }
    RexBuilder rex = filter.getCluster().getRexBuilder();
    call.transformTo(filter.copy(filter.getTraitSet(), filter.getInput(),
        RexUtil.composeConjunction(rex, inlined)));
  }

  /**
   * Rule 5, branch pruning: an inlined conjunct, simplified knowing that the input's predicates
   * and the conjuncts that call no model hold, so that a tree split they decide loses its dead
   * branch. Exact for a filter: a row that fails another conjunct is dropped either way.
   */
  private static RexNode simplify(Filter filter, RexNode inlined, RelMetadataQuery mq) {
    return inlined.accept(new SplitPruner(KnownConditions.of(filter, mq)));
  }

  /** Matches any filter whose condition calls an inlinable model. */
  public static final RuleConfig DEFAULT = RuleConfig.of("InlinePredictFilterRule",
      b -> b.operand(Filter.class)
        .predicate(f -> PredictCalls.containsInlinable(f.getCondition(),
            new ModelInliner(f.getCluster().getRexBuilder())))
        .anyInputs(),
      InlinePredictFilterRule::new);
}

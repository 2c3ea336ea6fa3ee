package dev.sibyl.planner.rules;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rex.RexNode;

/**
 * Rewrites PREDICT / PREDICT_PROBA calls of linear and binary logistic models in the projection
 * an aggregate reads into SQL arithmetic, so the projection and the aggregate can run in the source
 * and only the groups cross the wire.
 */
public final class InlinePredictAggregateRule extends RelRule<RuleConfig> {

  InlinePredictAggregateRule(RuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Aggregate aggregate = call.rel(0);
    Project project = call.rel(1);
    ModelInliner inliner = new ModelInliner(project.getCluster().getRexBuilder());
    List<RexNode> expressions = new ArrayList<>();
    boolean changed = false;
    for (RexNode expression : project.getProjects()) {
      RexNode inlined = PredictCalls.inlineAll(expression, inliner);
      changed |= inlined != expression;
      expressions.add(inlined);
    }
    boolean costed = call.getPlanner().getContext().unwrap(InliningCost.class) != null;
    if (costed && expressions.stream().anyMatch(PredictCalls::containsPredict)) {
      return; // a model stays, so the aggregate cannot reach the source: inlining gains nothing
    }
    if (!changed || !InliningCost.chooses(call, project.getProjects(), expressions,
        InliningCost.outputFraction(aggregate, project, call.getMetadataQuery()))) {
      return; // nothing could be inlined, or scoring in Calcite is estimated cheaper
    }
    Project newProject = project.copy(project.getTraitSet(), project.getInput(), expressions,
        project.getRowType());
    call.transformTo(aggregate.copy(aggregate.getTraitSet(), List.of(newProject)));
  }

  /** Matches an aggregate whose input projection calls an inlinable model. */
  public static final RuleConfig DEFAULT = RuleConfig.of("InlinePredictAggregateRule",
      b -> b.operand(Aggregate.class).oneInput(p -> p.operand(Project.class)
        .predicate(project -> project.getProjects().stream().anyMatch(e ->
            PredictCalls.containsInlinable(e,
                new ModelInliner(project.getCluster().getRexBuilder()))))
        .anyInputs()),
      InlinePredictAggregateRule::new);
}

package dev.sibyl.planner.rules;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.tools.RelBuilderFactory;

/**
 * Rewrites PREDICT / PREDICT_PROBA calls of linear and binary logistic models in the projection
 * an aggregate reads into SQL arithmetic, so the projection and the aggregate can run in the source
 * and only the groups cross the wire.
 */
public final class InlinePredictAggregateRule extends RelRule<InlinePredictAggregateRule.Config> {

  InlinePredictAggregateRule(Config config) {
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
    if (!changed) {
      return;
    }
    Project newProject = project.copy(project.getTraitSet(), project.getInput(), expressions,
        project.getRowType());
    call.transformTo(aggregate.copy(aggregate.getTraitSet(), List.of(newProject)));
  }

  /**
   * The rule's configuration.
   *
   * @param description the rule's name in plans and traces
   * @param operandSupplier an aggregate over a projection that holds an inlinable PREDICT call
   * @param relBuilderFactory builds the rewritten relational expressions
   */
  public record Config(
      String description, OperandTransform operandSupplier, RelBuilderFactory relBuilderFactory)
      implements RelRule.Config {
    /** Matches an aggregate whose input projection calls an inlinable model. */
    public static final Config DEFAULT = new Config("InlinePredictAggregateRule",
        b -> b.operand(Aggregate.class).oneInput(p -> p.operand(Project.class)
            .predicate(project -> project.getProjects().stream().anyMatch(e ->
                PredictCalls.containsInlinable(e,
                    new ModelInliner(project.getCluster().getRexBuilder()))))
            .anyInputs()),
        RelRules.DEFAULT_BUILDER);

    @Override
    public InlinePredictAggregateRule toRule() {
      return new InlinePredictAggregateRule(this);
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

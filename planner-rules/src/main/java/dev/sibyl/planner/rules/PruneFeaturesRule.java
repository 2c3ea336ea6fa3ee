package dev.sibyl.planner.rules;

import dev.sibyl.registry.StoredModel;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;

/**
 * Planner rule that replaces the arguments of PREDICT-family calls whose features the model
 * ignores ({@link IgnoredFeatures}: zero weights after L1, features no tree splits on) by typed
 * NULLs. The scorer's output does not change, the columns drop out of the expression, and the
 * projection pushed into the source no longer fetches them.
 */
public final class PruneFeaturesRule extends RelRule<RuleConfig> {

  PruneFeaturesRule(RuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    RelNode rel = call.rel(0);
    RelNode pruned = rel.accept(new ArgumentPruner(rel.getCluster().getRexBuilder()));
    if (pruned == rel) {
      return; // every argument the models read, or already pruned
    }
    call.transformTo(pruned);
  }

  /** Matches projections and filters that call a model. */
  public static final RuleConfig DEFAULT =
      RuleConfig.onModelCalls("PruneFeaturesRule", PruneFeaturesRule::new);

  /** Rewrites each PREDICT-family call with NULL for the features its model ignores. */
  private static final class ArgumentPruner extends RexShuttle {
    private final RexBuilder rex;

    ArgumentPruner(RexBuilder rex) {
      this.rex = rex;
    }

    @Override
    public RexNode visitCall(RexCall call) {
      RexNode visited = super.visitCall(call);
      if (!(visited instanceof RexCall predict) || !PredictCalls.isPredict(predict)) {
        return visited;
      }
      Optional<StoredModel> model = PredictCalls.model(predict);
      if (model.isEmpty()) {
        return visited;
      }
      BitSet ignored = IgnoredFeatures.of(model.get().model());
      List<RexNode> operands = new ArrayList<>(predict.getOperands());
      boolean changed = false;
      for (int feature = ignored.nextSetBit(0); feature >= 0;
          feature = ignored.nextSetBit(feature + 1)) {
        RexNode argument = operands.get(feature + 1);
        if (!RexLiteral.isNullLiteral(argument)) {
          operands.set(feature + 1, rex.makeNullLiteral(argument.getType()));
          changed = true;
        }
      }
      return changed ? predict.clone(predict.getType(), operands) : visited;
    }
  }
}

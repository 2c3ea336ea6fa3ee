package dev.sibyl.planner.rules;

import dev.sibyl.functions.calcite.PredictFunction;
import dev.sibyl.registry.StoredModel;
import dev.sibyl.registry.model.TreeEnsemble;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;

/**
 * Planner rule that scores a tree model's PREDICT / PREDICT_PROBA call in a calculation a block of
 * rows at a time: the call becomes a reference to the score an {@link EnumerableBatchPredict}
 * under the calculation appends to each row.
 *
 * <p>It runs on the physical plan, after the cost-based planner. Only calls every row reaches are
 * batched (none inside a CASE branch, a COALESCE fallback or the right of an AND or OR), so no row
 * is scored that scoring row by row would skip. A call in the condition is scored for every input
 * row; a call in the projection, for the rows the condition keeps (the condition moves into a
 * calculation under the operator). Features that are not input columns are computed by a
 * calculation under the operator. One call per match: the rule applies again to the rest.
 */
public final class BatchScoreRule extends RelRule<RuleConfig> {

  BatchScoreRule(RuleConfig config) {
    super(config);
  }

  /**
   * Whether calls of a model are scored in blocks: tree models, whose block scorer walks a tree
   * for many rows at once (measured: docs/performance.md); not linear ones, which gain nothing,
   * nor grouped models, whose rows go to different models.
   */
  static boolean batches(StoredModel stored) {
    return stored.model().body() instanceof TreeEnsemble && stored.model().groups().isEmpty();
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    EnumerableCalc calc = call.rel(0);
    RexProgram program = calc.getProgram();
    RexNode condition =
        program.getCondition() == null ? null : program.expandLocalRef(program.getCondition());
    List<RexNode> projects = new ArrayList<>();
    program.getProjectList().forEach(p -> projects.add(program.expandLocalRef(p)));
    Optional<RexCall> inCondition =
        condition == null ? Optional.empty() : firstBatchable(condition);
    Optional<RexCall> inProjects = firstBatchable(projects);
    RexCall predict = inCondition.or(() -> inProjects).orElse(null);
    if (predict == null) {
      return; // every call is conditional, or of a model scored row by row
    }
    boolean filterFirst = inCondition.isEmpty() && condition != null;
    RelNode input = calc.getInput();
    RexBuilder rexBuilder = calc.getCluster().getRexBuilder();
    int width = input.getRowType().getFieldCount();
    List<RexNode> below = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      below.add(RexInputRef.of(i, input.getRowType()));
    }
    List<Integer> features = new ArrayList<>();
    for (RexNode feature : predict.getOperands().subList(1, predict.getOperands().size())) {
      if (feature instanceof RexInputRef ref) {
        features.add(ref.getIndex());
      } else {
        features.add(below.size());
        below.add(feature);
      }
    }
    RelNode scoredInput = input;
    if (filterFirst || below.size() > width) {
      RexProgram compute = RexProgram.create(input.getRowType(), below,
          filterFirst ? condition : null, (List<String>) null, rexBuilder);
      scoredInput = EnumerableCalc.create(input, compute);
    }
    StoredModel model = PredictCalls.model(predict).orElseThrow();
    EnumerableBatchPredict batch = new EnumerableBatchPredict(calc.getCluster(),
        scoredInput.getTraitSet(), scoredInput, (PredictFunction) predict.getOperator(),
        RexLiteral.stringValue(predict.getOperands().get(0)), model, features, predict.getType(),
        "$score" + scoredInput.getRowType().getFieldCount());
    RexNode score = rexBuilder.makeInputRef(batch, scoredInput.getRowType().getFieldCount());
    RexShuttle replace = new RexShuttle() {
      @Override
      public RexNode visitCall(RexCall c) {
        return c.equals(predict) ? score : super.visitCall(c);
      }
    };
    RexProgram above = RexProgram.create(batch.getRowType(), replace.apply(projects),
        filterFirst || condition == null ? null : condition.accept(replace),
        calc.getRowType(), rexBuilder);
    call.transformTo(EnumerableCalc.create(batch, above));
  }

  /** The first call, in any of {@code nodes}, that is batched and reached by every row. */
  private static Optional<RexCall> firstBatchable(List<RexNode> nodes) {
    for (RexNode node : nodes) {
      Optional<RexCall> found = firstBatchable(node);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static Optional<RexCall> firstBatchable(RexNode node) {
    if (!(node instanceof RexCall call)) {
      return Optional.empty();
    }
    if (isBatchable(call)) {
      return Optional.of(call);
    }
    List<RexNode> operands = call.getOperands();
    // the branches of a CASE and what follows the first operand of COALESCE, AND, OR are lazy
    boolean lazy = call.isA(SqlKind.CASE) || call.isA(SqlKind.COALESCE)
        || call.isA(SqlKind.AND) || call.isA(SqlKind.OR);
    return firstBatchable(lazy ? operands.subList(0, Math.min(1, operands.size())) : operands);
  }

  private static boolean isBatchable(RexCall call) {
    if (!PredictCalls.isPredict(call)
        || ((PredictFunction) call.getOperator()).mode() == PredictFunction.Mode.CLUSTER_DISTANCE) {
      return false;
    }
    return PredictCalls.model(call).filter(BatchScoreRule::batches).isPresent();
  }

  /** Whether a calculation calls a batched model where every row reaches the call. */
  private static boolean hasBatchable(EnumerableCalc calc) {
    RexProgram program = calc.getProgram();
    List<RexNode> nodes = new ArrayList<>();
    if (program.getCondition() != null) {
      nodes.add(program.expandLocalRef(program.getCondition()));
    }
    program.getProjectList().forEach(p -> nodes.add(program.expandLocalRef(p)));
    return firstBatchable(nodes).isPresent();
  }

  /** Matches a physical calculation that calls a batched model unconditionally. */
  public static final RuleConfig DEFAULT = RuleConfig.of("BatchScoreRule",
      b -> b.operand(EnumerableCalc.class).predicate(BatchScoreRule::hasBatchable).anyInputs(),
      BatchScoreRule::new);
}

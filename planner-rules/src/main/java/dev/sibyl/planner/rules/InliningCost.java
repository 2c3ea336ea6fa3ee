package dev.sibyl.planner.rules;

import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;

/**
 * Whether inlining a model into the source database pays, estimated per input row in abstract
 * units from a source's profile. Scoring in Calcite costs the values fetched for the model's
 * arguments plus the scorer's calls; inlining costs the expression nodes the source evaluates per
 * row plus the fetches of the rows that still leave the source (the filter's or the aggregate's
 * output, as a fraction of its input).
 *
 * @param fetchPerValue one value sent by the source to Calcite
 * @param perSourceNode one expression node the source evaluates for one row
 * @param perScorerCall one call of the compiled scorer, its per-row overhead
 */
public record InliningCost(double fetchPerValue, double perSourceNode, double perScorerCall) {
  /**
   * H2 in the same JVM: a value costs a method call, but H2 interprets each arithmetic node with
   * boxed values. Calibrated on RulesBenchmark (inlined B2 and B3 took 1.1 to 2.9 times longer on
   * H2 than the scorer).
   */
  public static final InliningCost EMBEDDED = new InliningCost(1, 4, 10);

  /**
   * A database across a socket (PostgreSQL): each value is encoded, sent and decoded; the source
   * evaluates arithmetic in its executor. Calibrated on RulesBenchmark (inlined B2 and B3 were 11
   * and 13 times faster on PostgreSQL).
   */
  public static final InliningCost REMOTE = new InliningCost(30, 0.5, 10);

  /**
   * Whether to replace {@code original} by {@code inlined} in the rule's plan: always when the
   * planner carries no cost profile ({@code rules=on}), else when {@link #pays} says so.
   */
  static boolean chooses(RelOptRuleCall call, RexNode original, RexNode inlined,
      double outputFraction) {
    return chooses(call, List.of(original), List.of(inlined), outputFraction);
  }

  /** {@link #chooses(RelOptRuleCall, RexNode, RexNode, double)} for several expressions. */
  static boolean chooses(RelOptRuleCall call, List<RexNode> original, List<RexNode> inlined,
      double outputFraction) {
    InliningCost cost = call.getPlanner().getContext().unwrap(InliningCost.class);
    int scorerCalls = original.stream().mapToInt(PredictCalls::count).sum();
    return cost == null || cost.pays(original, inlined, scorerCalls, outputFraction);
  }

  /** The share of {@code input}'s rows that {@code output} produces, at most 1. */
  static double outputFraction(RelNode output, RelNode input, RelMetadataQuery mq) {
    Double in = mq.getRowCount(input);
    Double out = mq.getRowCount(output);
    return in == null || out == null || in <= 0 ? 1 : Math.min(1, out / in);
  }

  /**
   * Whether {@code inlined} evaluated in the source is estimated cheaper than {@code original}
   * scored in Calcite ({@code scorerCalls} model calls), when {@code outputFraction} of the rows
   * still leave the source.
   */
  public boolean pays(List<RexNode> original, List<RexNode> inlined, int scorerCalls,
      double outputFraction) {
    int columns = RelOptUtil.InputFinder.bits(original, null).cardinality();
    double scored = fetchPerValue * columns + perScorerCall * scorerCalls;
    double inSource = perSourceNode * RexUtil.nodeCount(inlined)
        + fetchPerValue * columns * outputFraction;
    return inSource < scored;
  }
}

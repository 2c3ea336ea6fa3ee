package dev.sibyl.planner.rules;

import java.util.List;
import org.apache.calcite.plan.RelOptRule;

/**
 * Sibyl's planner rules, applied in this order in a heuristic pass before Calcite's cost-based
 * planner (see {@link #ALL}).
 */
public final class SibylRules {
  /** Makes {@code PREDICT_PROBA('m', ...) > t} of a binary logistic model a linear inequality. */
  public static final RelOptRule PROBA_THRESHOLD = ProbaThresholdRule.DEFAULT.toRule();
  /** Inlines linear and logistic models in filter conditions, so the filter reaches the source. */
  public static final RelOptRule INLINE_FILTER = InlinePredictFilterRule.DEFAULT.toRule();
  /** Inlines linear and logistic models in the projection under an aggregate. */
  public static final RelOptRule INLINE_AGGREGATE =
      InlinePredictAggregateRule.DEFAULT.toRule();

  /** Every rule, in the order the pass applies them. */
  public static final List<RelOptRule> ALL =
      List.of(PROBA_THRESHOLD, INLINE_FILTER, INLINE_AGGREGATE);

  private SibylRules() {}
}

package dev.sibyl.planner.rules;

import java.util.List;
import org.apache.calcite.plan.RelOptRule;

/**
 * Sibyl's planner rules: those of {@link #ALL}, applied in this order in a heuristic pass before
 * Calcite's cost-based planner, and {@link #BATCH_SCORE}, applied to the physical plan after it.
 */
public final class SibylRules {
  /** Makes {@code PREDICT_PROBA('m', ...) > t} of a binary logistic model a linear inequality. */
  public static final RelOptRule PROBA_THRESHOLD = ProbaThresholdRule.DEFAULT.toRule();
  /** Inlines linear and logistic models in filter conditions, so the filter reaches the source. */
  public static final RelOptRule INLINE_FILTER = InlinePredictFilterRule.DEFAULT.toRule();
  /** Inlines linear and logistic models in the projection under an aggregate. */
  public static final RelOptRule INLINE_AGGREGATE =
      InlinePredictAggregateRule.DEFAULT.toRule();

  /** Scores tree models' PREDICT calls in blocks of rows with the compiled scorer. */
  public static final RelOptRule BATCH_SCORE = BatchScoreRule.DEFAULT.toRule();

  /** Every rule of the pass before the cost-based planner, in the order it applies them. */
  public static final List<RelOptRule> ALL =
      List.of(PROBA_THRESHOLD, INLINE_FILTER, INLINE_AGGREGATE);

  private SibylRules() {}
}

package dev.sibyl.planner.rules;

import java.util.List;
import org.apache.calcite.plan.RelOptRule;

/**
 * Sibyl's planner rules. The logical rules run in a heuristic pass before Calcite's cost-based
 * planner, in the order of {@link #PRUNING} then {@link #INLINING}; the physical rules run on the
 * plan it chooses ({@link #PHYSICAL}).
 */
public final class SibylRules {
  /** Gives PREDICT the constant a WHERE condition pins a feature to, for folding and pruning. */
  public static final RelOptRule PREDICATE_CONSTANTS = PredicateConstantsRule.DEFAULT.toRule();
  /**
   * Points a tree model's call at a copy without the branches that WHERE ranges and constant
   * arguments rule out, before it is inlined or scored.
   */
  public static final RelOptRule PRUNE_TREE_BRANCHES = PruneTreeBranchesRule.DEFAULT.toRule();
  /** Replaces the arguments of features a model ignores by NULL, so they are not fetched. */
  public static final RelOptRule PRUNE_FEATURES = PruneFeaturesRule.DEFAULT.toRule();
  /** Makes {@code PREDICT_PROBA('m', ...) > t} of a binary logistic model a linear inequality. */
  public static final RelOptRule PROBA_THRESHOLD = ProbaThresholdRule.DEFAULT.toRule();
  /**
   * Inlines linear, logistic and small tree models in filter conditions, pruning the branches the
   * other conditions rule out, so the filter reaches the source.
   */
  public static final RelOptRule INLINE_FILTER = InlinePredictFilterRule.DEFAULT.toRule();
  /** Inlines linear, logistic and small tree models in the projection under an aggregate. */
  public static final RelOptRule INLINE_AGGREGATE =
      InlinePredictAggregateRule.DEFAULT.toRule();
  /** Fetches from the source only the columns a calculation in Calcite reads. */
  public static final RelOptRule NARROW_SOURCE_PROJECTION =
      NarrowSourceProjectionRule.DEFAULT.toRule();

  /** Scores tree models' PREDICT calls in blocks of rows with the compiled scorer. */
  public static final RelOptRule BATCH_SCORE = BatchScoreRule.DEFAULT.toRule();

  /** The rules that drop work without changing where it runs: worth it on every source. */
  public static final List<RelOptRule> PRUNING =
      List.of(PREDICATE_CONSTANTS, PRUNE_TREE_BRANCHES, PRUNE_FEATURES);

  /** The rules that move scoring into the source database as SQL. */
  public static final List<RelOptRule> INLINING =
      List.of(PROBA_THRESHOLD, INLINE_FILTER, INLINE_AGGREGATE);

  /** The rules for the physical plan, in order: narrowing first, then batch scoring over it. */
  public static final List<RelOptRule> PHYSICAL = List.of(NARROW_SOURCE_PROJECTION, BATCH_SCORE);

  private SibylRules() {}
}

package dev.sibyl.planner.rules;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;

/**
 * The conditions known to hold for every row a model call in a projection or filter scores that
 * can matter: the predicates of its input and, in a filter, the conjuncts that call no model (a
 * row failing one is dropped whatever the model says). Each is split into conjuncts, with a
 * {@code SEARCH} (Calcite's form of ranges) expanded into comparisons.
 */
final class KnownConditions {
  private KnownConditions() {}

  /** The known conditions of {@code rel}, a projection or a filter. */
  static List<RexNode> of(RelNode rel, RelMetadataQuery mq) {
    List<RexNode> known = new ArrayList<>(
        mq.getPulledUpPredicates(rel.getInput(0)).pulledUpPredicates);
    if (rel instanceof Filter filter) {
      for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
        if (!PredictCalls.containsPredict(conjunct)) {
          known.add(conjunct);
        }
      }
    }
    RexBuilder rex = rel.getCluster().getRexBuilder();
    List<RexNode> expanded = new ArrayList<>();
    for (RexNode condition : known) {
      expanded.addAll(RelOptUtil.conjunctions(RexUtil.expandSearch(rex, null, condition)));
    }
    return expanded;
  }
}

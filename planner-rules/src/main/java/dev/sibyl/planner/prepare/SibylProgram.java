package dev.sibyl.planner.prepare;

import dev.sibyl.planner.rules.SibylRules;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

/** The heuristic passes that apply {@link SibylRules} around Calcite's cost-based planner. */
final class SibylProgram {
  private SibylProgram() {}

  /** The logical rules, each to a fixpoint, bottom-up: pruning, then inlining if asked. */
  static Program beforePlanning(boolean inline) {
    List<RelOptRule> rules = new ArrayList<>(SibylRules.PRUNING);
    if (inline) {
      rules.addAll(SibylRules.INLINING);
    }
    return heuristic(rules);
  }

  /** The physical rules, on the plan the cost-based planner chose. */
  static Program afterPlanning() {
    return heuristic(SibylRules.PHYSICAL);
  }

  private static Program heuristic(List<RelOptRule> rules) {
    HepProgramBuilder builder = new HepProgramBuilder().addMatchOrder(HepMatchOrder.BOTTOM_UP);
    rules.forEach(builder::addRuleInstance);
    return Programs.of(builder.build(), true, DefaultRelMetadataProvider.INSTANCE);
  }
}

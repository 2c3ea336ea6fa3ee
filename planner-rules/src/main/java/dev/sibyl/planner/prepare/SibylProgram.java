package dev.sibyl.planner.prepare;

import dev.sibyl.planner.rules.InliningCost;
import dev.sibyl.planner.rules.PlanningModels;
import dev.sibyl.planner.rules.SibylRules;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.Context;
import org.apache.calcite.plan.Contexts;
import org.apache.calcite.plan.RelOptCostImpl;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.metadata.ChainedRelMetadataProvider;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.tools.Program;

/** The heuristic passes that apply {@link SibylRules} around Calcite's cost-based planner. */
final class SibylProgram {
  private SibylProgram() {}

  /**
   * The logical rules, each to a fixpoint, bottom-up: pruning, then inlining. With a {@code cost}
   * profile the inlining rules inline only where it is estimated to pay; without one (null),
   * wherever they can.
   */
  static Program beforePlanning(InliningCost cost) {
    List<RelOptRule> rules = new ArrayList<>(SibylRules.PRUNING);
    rules.addAll(SibylRules.INLINING);
    return heuristic(rules, cost == null ? Contexts.empty() : Contexts.of(cost));
  }

  /** The physical rules, on the plan the cost-based planner chose. */
  static Program afterPlanning() {
    return heuristic(SibylRules.PHYSICAL, Contexts.empty());
  }

  /** A Hep pass, as {@code Programs.of(HepProgram, ...)} makes one, with a planner context. */
  private static Program heuristic(List<RelOptRule> rules, Context context) {
    HepProgramBuilder builder = new HepProgramBuilder().addMatchOrder(HepMatchOrder.BOTTOM_UP);
    rules.forEach(builder::addRuleInstance);
    HepProgram program = builder.build();
    return (planner, rel, traits, materializations, lattices) -> {
      HepPlanner hep = new HepPlanner(program, context, true, null, RelOptCostImpl.FACTORY);
      List<RelMetadataProvider> providers = new ArrayList<>();
      providers.add(DefaultRelMetadataProvider.INSTANCE);
      hep.registerMetadataProviders(providers);
      rel.getCluster().setMetadataProvider(ChainedRelMetadataProvider.of(providers));
      hep.setRoot(rel);
      return PlanningModels.resolvingOnce(hep::findBestExp);
    };
  }
}

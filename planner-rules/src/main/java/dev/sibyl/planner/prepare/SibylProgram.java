package dev.sibyl.planner.prepare;

import dev.sibyl.planner.rules.SibylRules;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

/**
 * The heuristic passes of {@link SibylRules}: one before Calcite's cost-based planner, one over the
 * physical plan it chose.
 */
final class SibylProgram {
  private SibylProgram() {}

  /** The rules one after another, each to a fixpoint, bottom-up. */
  static Program rules() {
    HepProgramBuilder builder = new HepProgramBuilder().addMatchOrder(HepMatchOrder.BOTTOM_UP);
    SibylRules.ALL.forEach(builder::addRuleInstance);
    return Programs.of(builder.build(), true, DefaultRelMetadataProvider.INSTANCE);
  }

  /** {@link SibylRules#BATCH_SCORE} over the physical plan, to a fixpoint. */
  static Program batchScoring() {
    HepProgramBuilder builder = new HepProgramBuilder().addMatchOrder(HepMatchOrder.BOTTOM_UP)
        .addRuleInstance(SibylRules.BATCH_SCORE);
    return Programs.of(builder.build(), true, DefaultRelMetadataProvider.INSTANCE);
  }
}

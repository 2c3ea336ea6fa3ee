package dev.sibyl.planner.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.jdbc.JdbcRel;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverter;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexPermuteInputsShuttle;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mappings;

/**
 * Planner rule that narrows what a source database sends for a calculation Calcite must run
 * itself (PREDICT is not SQL the source knows): when an {@link EnumerableCalc} over a JDBC
 * subtree reads only some of its columns, a projection of just those goes into the source query.
 * Calcite's cost model does not see row width, so the cost-based planner merges such a projection
 * back into the calculation; this rule runs on the finished physical plan.
 */
public final class NarrowSourceProjectionRule extends RelRule<RuleConfig> {

  NarrowSourceProjectionRule(RuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    EnumerableCalc calc = call.rel(0);
    JdbcToEnumerableConverter converter = call.rel(1);
    RelNode source = call.rel(2);
    RexProgram program = calc.getProgram();
    List<RexNode> projects = program.expandList(program.getProjectList());
    RexNode condition =
        program.getCondition() == null ? null : program.expandLocalRef(program.getCondition());
    ImmutableBitSet used = RelOptUtil.InputFinder.bits(projects, condition);
    int width = source.getRowType().getFieldCount();
    if (used.isEmpty() || used.cardinality() == width) {
      return; // nothing to drop, or no column left to select
    }
    if (source instanceof Sort) {
      return; // a projection over ORDER BY ... FETCH would make the order a sub-query's
    }
    RelNode narrowed = narrow(source, used);
    Map<Integer, Integer> positions = new HashMap<>();
    used.forEach(i -> positions.put(i, positions.size()));
    Mappings.TargetMapping mapping = Mappings.target(positions, width, positions.size());
    RexPermuteInputsShuttle permute = RexPermuteInputsShuttle.of(mapping);
    RexBuilder rex = calc.getCluster().getRexBuilder();
    RexProgram narrowProgram = RexProgram.create(narrowed.getRowType(),
        permute.visitList(projects), condition == null ? null : condition.accept(permute),
        calc.getRowType(), rex);
    RelNode newConverter = converter.copy(converter.getTraitSet(), List.of(narrowed));
    call.transformTo(calc.copy(calc.getTraitSet(), newConverter, narrowProgram));
  }

  /** A JDBC projection of the {@code used} columns of {@code source}, merged into its own. */
  private static RelNode narrow(RelNode source, ImmutableBitSet used) {
    RelNode input = source;
    List<RexNode> expressions = new ArrayList<>();
    List<RelDataTypeField> fields = source.getRowType().getFieldList();
    if (source instanceof JdbcRules.JdbcProject project) {
      input = project.getInput();
      used.forEach(i -> expressions.add(project.getProjects().get(i)));
    } else {
      used.forEach(i -> expressions.add(new RexInputRef(i, fields.get(i).getType())));
    }
    List<String> names = new ArrayList<>();
    used.forEach(i -> names.add(fields.get(i).getName()));
    RelDataType rowType = source.getCluster().getTypeFactory().createStructType(
        expressions.stream().map(RexNode::getType).toList(), names);
    return new JdbcRules.JdbcProject(source.getCluster(),
        source.getTraitSet().replace(RelCollations.EMPTY), input, expressions, rowType);
  }

  /** Matches a calculation over a JDBC subtree. */
  public static final RuleConfig DEFAULT = RuleConfig.of("NarrowSourceProjectionRule",
      b -> b.operand(EnumerableCalc.class).oneInput(c ->
          c.operand(JdbcToEnumerableConverter.class).oneInput(s ->
              s.operand(RelNode.class).predicate(r -> r instanceof JdbcRel).anyInputs())),
      NarrowSourceProjectionRule::new);
}

package dev.sibyl.planner.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.RelOptPredicateList;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Planner rule that gives a PREDICT-family call the constant a WHERE condition pins a feature to:
 * under {@code WHERE plan = 'pro'} the argument {@code plan} becomes {@code 'pro'}. The inliners
 * then fold the feature's linear term or choose its tree branches at planning time, and a scored
 * call no longer needs the column. Exact: every row that reaches the call has that value.
 */
public final class PredicateConstantsRule extends RelRule<RuleConfig> {

  PredicateConstantsRule(RuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    RelNode rel = call.rel(0);
    Map<RexNode, RexNode> constants = constants(rel, call.getMetadataQuery());
    if (constants.isEmpty()) {
      return; // no condition pins a column
    }
    RelNode bound = rel.accept(new ArgumentBinder(rel.getCluster().getRexBuilder(), constants));
    if (bound == rel) {
      return; // no model reads a pinned column
    }
    call.transformTo(bound);
  }

  /** The columns pinned to a constant for the rows {@code rel} computes on. */
  private static Map<RexNode, RexNode> constants(RelNode rel, RelMetadataQuery mq) {
    RelNode input = rel.getInput(0);
    List<RexNode> predicates = new ArrayList<>(mq.getPulledUpPredicates(input).pulledUpPredicates);
    if (rel instanceof Filter filter) {
      // only rows that satisfy every conjunct pass, so the others may bind a model's arguments
      predicates.addAll(RelOptUtil.conjunctions(filter.getCondition()));
    }
    RexBuilder rex = rel.getCluster().getRexBuilder();
    return RelOptPredicateList.of(rex, predicates).constantMap;
  }

  /** Matches projections and filters that call a model. */
  public static final RuleConfig DEFAULT =
      RuleConfig.onModelCalls("PredicateConstantsRule", PredicateConstantsRule::new);

  /** Replaces PREDICT arguments that are pinned columns by their constants. */
  private static final class ArgumentBinder extends RexShuttle {
    private final RexBuilder rex;
    private final Map<RexNode, RexNode> constants;

    ArgumentBinder(RexBuilder rex, Map<RexNode, RexNode> constants) {
      this.rex = rex;
      this.constants = constants;
    }

    @Override
    public RexNode visitCall(RexCall call) {
      RexNode visited = super.visitCall(call);
      if (!(visited instanceof RexCall predict) || !PredictCalls.isPredict(predict)) {
        return visited;
      }
      List<RexNode> operands = new ArrayList<>(predict.getOperands());
      boolean changed = false;
      for (int i = 1; i < operands.size(); i++) {
        RexNode argument = operands.get(i);
        RexNode constant = argument instanceof RexInputRef ? constants.get(argument) : null;
        if (!(constant instanceof RexLiteral literal) || RexLiteral.isNullLiteral(literal)) {
          continue;
        }
        RexNode value = valueOf(argument, literal);
        if (value != null) {
          operands.set(i, value);
          changed = true;
        }
      }
      return changed ? predict.clone(predict.getType(), operands) : visited;
    }

    /**
     * The value every row has in {@code column} when {@code column = literal} holds, or null when
     * the comparison may match values that differ from the literal: a CHAR column (compared
     * with padding), or a literal of another type (compared after a conversion).
     */
    private RexNode valueOf(RexNode column, RexLiteral literal) {
      SqlTypeName type = column.getType().getSqlTypeName();
      if (type == SqlTypeName.VARCHAR && SqlTypeUtil.inCharFamily(literal.getType())) {
        return rex.makeLiteral(literal.getValueAs(String.class));
      }
      return type == literal.getType().getSqlTypeName() && type != SqlTypeName.CHAR
          ? literal : null;
    }
  }
}

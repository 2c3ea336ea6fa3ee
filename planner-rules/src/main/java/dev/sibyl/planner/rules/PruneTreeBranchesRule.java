package dev.sibyl.planner.rules;

import dev.sibyl.functions.calcite.PredictFunction;
import dev.sibyl.functions.calcite.PrunedModelReference;
import dev.sibyl.functions.scoring.KnownValues;
import dev.sibyl.registry.StoredModel;
import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.FeatureKind;
import dev.sibyl.registry.model.FeatureSignature;
import dev.sibyl.registry.model.TreeEnsemble;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Planner rule that gives a PREDICT-family call of a tree model a copy of the model without the
 * branches no row of the call can reach: under {@code WHERE x2 > 6} every split {@code x2 <= 5.5}
 * goes right, and a constant argument decides its splits. The call then names the pruned model
 * ({@code 'forest@3{"x2" > 6.0}'}, see {@link PrunedModelReference}), which the scorer runs, the
 * batch operator scores and the inliners write as SQL; a feature only the pruned branches tested
 * is no longer fetched. Exact: the pruned model scores every row that reaches the call as the
 * whole model does.
 */
public final class PruneTreeBranchesRule extends RelRule<RuleConfig> {

  PruneTreeBranchesRule(RuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    RelNode rel = call.rel(0);
    List<RexNode> known = KnownConditions.of(rel, call.getMetadataQuery());
    RelNode pruned = rel.accept(new ModelPruner(rel.getCluster().getRexBuilder(), known));
    if (pruned != rel) {
      call.transformTo(pruned);
    }
  }

  /** Matches projections and filters that call a model. */
  public static final RuleConfig DEFAULT =
      RuleConfig.onModelCalls("PruneTreeBranchesRule", PruneTreeBranchesRule::new);

  /** Points each call of a tree model that can be pruned at its pruned model. */
  private static final class ModelPruner extends RexShuttle {
    private final RexBuilder rex;
    private final List<RexNode> conditions;

    ModelPruner(RexBuilder rex, List<RexNode> conditions) {
      this.rex = rex;
      this.conditions = conditions;
    }

    @Override
    public RexNode visitCall(RexCall call) {
      RexNode visited = super.visitCall(call);
      if (!(visited instanceof RexCall predict) || !PredictCalls.isPredict(predict)) {
        return visited;
      }
      Optional<StoredModel> model = PredictCalls.model(predict);
      if (model.isEmpty() || !(model.get().model().body() instanceof TreeEnsemble current)
          || model.get().model().groups().isPresent()) {
        return visited;
      }
      String reference = RexLiteral.stringValue(predict.getOperands().get(0));
      StoredModel stored = model.get();
      try {
        // what the reference already knew stays: a constant may since have become the NULL of
        // a feature the pruned model no longer reads
        KnownValues known = PrunedModelReference.known(reference, stored)
            .refinedBy(known(stored.model().signature(), predict.getOperands()));
        String prunedReference = PrunedModelReference.of(stored, known);
        Optional<StoredModel> pruned = prunedReference.equals(reference) ? Optional.empty()
            : PredictCalls.model((PredictFunction) predict.getOperator(), prunedReference);
        if (pruned.isEmpty() || !(pruned.get().model().body() instanceof TreeEnsemble trees)
            || trees.nodeCount() >= current.nodeCount()) {
          return visited; // nothing more to prune
        }
        List<RexNode> operands = new ArrayList<>(predict.getOperands());
        operands.set(0, rex.makeLiteral(prunedReference));
        return predict.clone(predict.getType(), operands);
      } catch (SQLException e) {
        return visited; // the model cannot be loaded again: leave the call as validated
      }
    }

    /** What the conditions and the constant arguments say about the features. */
    private KnownValues known(FeatureSignature signature, List<RexNode> operands) {
      KnownValues known = KnownValues.nothing(signature);
      for (int f = 0; f < signature.size(); f++) {
        if (!uniqueName(signature, f)) {
          continue; // the text form could not name it
        }
        Feature feature = signature.get(f);
        RexNode argument = operands.get(f + 1);
        RexLiteral literal = ModelInliner.literalOf(argument);
        if (literal != null) {
          known = constant(known, f, feature, literal);
        } else if (argument instanceof RexInputRef ref && feature.kind() == FeatureKind.NUMERIC) {
          known = known.refinedBy(bounds(signature, f, ref));
        }
      }
      return known;
    }

    /** A constant argument: exactly the value the scorer receives. */
    private static KnownValues constant(KnownValues known, int f, Feature feature,
        RexLiteral literal) {
      boolean isNull = RexLiteral.isNullLiteral(literal);
      if (feature.kind() == FeatureKind.NUMERIC) {
        if (isNull || !SqlTypeUtil.isNumeric(literal.getType())) {
          return isNull ? known.number(f, Double.NaN) : known;
        }
        double value = literal.getValueAs(Double.class);
        // generated code gives the scorer a REAL literal as a float
        return known.number(f, literal.getType().getSqlTypeName() == SqlTypeName.REAL
            ? (float) value : value);
      }
      return isNull ? known.category(f, null)
          : SqlTypeUtil.inCharFamily(literal.getType())
              ? known.category(f, literal.getValueAs(String.class)) : known;
    }

    /**
     * The bounds the conditions put on a column, as the doubles the scorer receives: a strict
     * comparison stays strict only between a DOUBLE column and a DOUBLE literal, where the
     * database compares those same doubles; otherwise the double of a value above a bound is at
     * least the double of the bound.
     */
    private KnownValues bounds(FeatureSignature signature, int f, RexInputRef column) {
      KnownValues known = KnownValues.nothing(signature);
      for (RexNode condition : conditions) {
        if (!(condition instanceof RexCall comparison)
            || comparison.getOperands().size() != 2) {
          continue;
        }
        SqlKind kind = comparison.getKind();
        RexNode left = comparison.getOperands().get(0);
        RexNode right = comparison.getOperands().get(1);
        if (right.equals(column)) {
          kind = kind.reverse();
          RexNode swap = left;
          left = right;
          right = swap;
        }
        RexLiteral bound = ModelInliner.literalOf(right);
        if (!left.equals(column) || bound == null || RexLiteral.isNullLiteral(bound)
            || !SqlTypeUtil.isNumeric(bound.getType()) || isReal(column) || isReal(bound)) {
          continue; // a REAL may be compared as a float, whose value the double does not bound
        }
        double value = bound.getValueAs(Double.class);
        if (Double.isNaN(value)) {
          continue;
        }
        boolean exact = column.getType().getSqlTypeName() == SqlTypeName.DOUBLE
            && bound.getType().getSqlTypeName() == SqlTypeName.DOUBLE;
        known = switch (kind) {
          case GREATER_THAN -> known.above(f, value, exact);
          case GREATER_THAN_OR_EQUAL -> known.above(f, value, false);
          case LESS_THAN -> known.below(f, value, exact);
          case LESS_THAN_OR_EQUAL -> known.below(f, value, false);
          case EQUALS -> known.above(f, value, false).below(f, value, false);
          default -> known;
        };
      }
      return known;
    }

    private static boolean isReal(RexNode node) {
      return node.getType().getSqlTypeName() == SqlTypeName.REAL;
    }

    /** Whether the text form can name feature {@code f}: no other feature has its name. */
    private static boolean uniqueName(FeatureSignature signature, int f) {
      String name = signature.get(f).name();
      return signature.features().stream().filter(x -> x.name().equals(name)).count() == 1;
    }
  }
}

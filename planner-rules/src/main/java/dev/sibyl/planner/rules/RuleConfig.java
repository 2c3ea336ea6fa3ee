package dev.sibyl.planner.rules;

import java.util.function.Function;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.tools.RelBuilderFactory;

/**
 * The configuration of a Sibyl rule, in Calcite's {@code RelRule.Config} style (a value with
 * withers) without an annotation processor: each rule supplies its operands and its constructor.
 *
 * @param description the rule's name in plans and traces
 * @param operandSupplier the relational expressions the rule matches
 * @param relBuilderFactory builds the rewritten relational expressions
 * @param factory makes the rule from this configuration
 */
public record RuleConfig(
    String description,
    RelRule.OperandTransform operandSupplier,
    RelBuilderFactory relBuilderFactory,
    Function<RuleConfig, RelOptRule> factory) implements RelRule.Config {

  /** A configuration with Calcite's logical builder. */
  static RuleConfig of(String description, RelRule.OperandTransform operands,
      Function<RuleConfig, RelOptRule> factory) {
    return new RuleConfig(description, operands, RelFactories.LOGICAL_BUILDER, factory);
  }

  /** A configuration matching every projection and filter whose expressions call a model. */
  static RuleConfig onModelCalls(String description, Function<RuleConfig, RelOptRule> factory) {
    return of(description,
        b -> b.operand(RelNode.class)
          .predicate(r -> (r instanceof Project || r instanceof Filter)
              && PredictCalls.callsModel(r))
          .anyInputs(),
        factory);
  }

  @Override
  public RelOptRule toRule() {
    return factory.apply(this);
  }

  @Override
  public RuleConfig withDescription(String newDescription) {
    return new RuleConfig(newDescription, operandSupplier, relBuilderFactory, factory);
  }

  @Override
  public RuleConfig withOperandSupplier(RelRule.OperandTransform transform) {
    return new RuleConfig(description, transform, relBuilderFactory, factory);
  }

  @Override
  public RuleConfig withRelBuilderFactory(RelBuilderFactory builderFactory) {
    return new RuleConfig(description, operandSupplier, builderFactory, factory);
  }
}

package dev.sibyl.planner.rules;

import dev.sibyl.functions.calcite.BlockScoredRows;
import dev.sibyl.functions.calcite.PredictFunction;
import dev.sibyl.functions.calcite.PrunedModelReference;
import dev.sibyl.registry.StoredModel;
import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.FeatureKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumUtils;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.ParameterExpression;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.util.BuiltInMethod;

/**
 * Scores a model's PREDICT or PREDICT_PROBA for every input row a block of rows at a time: its
 * rows are its input's, in the same order, with the score appended as a last column. The features
 * are input columns, in the model's signature order. The generated code reads the input as
 * {@code Object[]} rows and hands them to {@link BlockScoredRows}.
 */
public final class EnumerableBatchPredict extends SingleRel implements EnumerableRel {
  private final PredictFunction function;
  private final String reference;
  private final StoredModel model;
  private final List<Integer> features;
  private final RelDataType scoreType;
  private final String scoreName;

  EnumerableBatchPredict(RelOptCluster cluster, RelTraitSet traits, RelNode input,
      PredictFunction function, String reference, StoredModel model, List<Integer> features,
      RelDataType scoreType, String scoreName) {
    super(cluster, traits, input);
    this.function = function;
    this.reference = reference;
    this.model = model;
    this.features = List.copyOf(features);
    this.scoreType = scoreType;
    this.scoreName = scoreName;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new EnumerableBatchPredict(getCluster(), traitSet, sole(inputs), function,
        reference, model, features, scoreType, scoreName);
  }

  @Override
  protected RelDataType deriveRowType() {
    List<RelDataTypeField> fields = new ArrayList<>(input.getRowType().getFieldList());
    List<RelDataType> types = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (RelDataTypeField field : fields) {
      types.add(field.getType());
      names.add(field.getName());
    }
    types.add(scoreType);
    names.add(scoreName);
    return getCluster().getTypeFactory().createStructType(types, names);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    String featureRefs = String.join(", ", features.stream().map(i -> "$" + i).toList());
    return super.explainTerms(pw)
        .item("model", model.version().name())
        .item("version", model.version().version())
        .itemIf("reference", reference, PrunedModelReference.isPruned(reference))
        .item("mode", function.mode())
        .item("features", featureRefs);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder builder = new BlockBuilder();
    Result child = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
    Expression rows = builder.append("rows", child.block, false);
    PhysType inputType = child.physType;
    int width = input.getRowType().getFieldCount();
    ParameterExpression row = Expressions.parameter(Object.class, "row");
    Expression typedRow = EnumUtils.convert(row, inputType.getJavaRowType());
    List<Expression> slots = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      slots.add(Expressions.box(inputType.fieldReference(typedRow, i)));
    }
    slots.add(Expressions.constant(null));
    Expression widen = Expressions.lambda(Function1.class,
        Expressions.newArrayInit(Object.class, slots), row);
    List<Feature> signature = model.model().signature().features();
    List<Expression> numeric = new ArrayList<>();
    List<Expression> categorical = new ArrayList<>();
    for (int f = 0; f < signature.size(); f++) {
      Expression column = Expressions.constant(features.get(f));
      (signature.get(f).kind() == FeatureKind.NUMERIC ? numeric : categorical).add(column);
    }
    Expression scored = Expressions.call(BlockScoredRows.class, "of",
        Expressions.call(rows, BuiltInMethod.SELECT.method, widen),
        Expressions.constant(function.bind(reference, model)),
        Expressions.constant(function.mode().name()),
        Expressions.newArrayInit(int.class, numeric),
        Expressions.newArrayInit(int.class, categorical));
    builder.add(Expressions.return_(null, scored));
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        JavaRowFormat.ARRAY);
    return implementor.result(physType, builder.toBlock());
  }
}

package dev.sibyl.functions.calcite;

import dev.sibyl.registry.ModelRef;
import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.StoredModel;
import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.FeatureKind;
import dev.sibyl.registry.model.FeatureSignature;
import dev.sibyl.registry.model.ModelTransform;
import dev.sibyl.registry.model.Task;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.util.NlsString;

/**
 * The {@code PREDICT('model', f1, ..., fn)}, {@code PREDICT_PROBA('model', f1, ..., fn)} and
 * {@code CLUSTER_DISTANCE('model', f1, ..., fn)} SQL functions.
 *
 * <p>The first argument must be a string literal, {@code 'name'} or {@code 'name@version'}. With
 * no further arguments the features bind by name to the columns in scope. At
 * validation the model's signature is read: a wrong argument count or a type that cannot feed a
 * feature fails before any row is read, with the signature in the message. PREDICT returns the
 * label's type (DOUBLE for regression, INTEGER, the cluster id, for clustering); PREDICT_PROBA
 * (classifiers only) and CLUSTER_DISTANCE (clustering only) return DOUBLE.
 *
 * <p>A grouped model ({@code group_by}) takes its group column first, then its features (or its
 * TRANSFORM inputs); by name, the group column binds like a feature. Its result is nullable: a
 * row of a group that has no model of its own, with no fallback, scores NULL.
 */
public final class PredictFunction extends SqlUserDefinedFunction {
  /** Which of the functions an instance is; the name is the SQL function's. */
  public enum Mode {
    PREDICT,
    PREDICT_PROBA,
    CLUSTER_DISTANCE
  }

  private final Mode mode;
  private final ModelLookup lookup;

  public PredictFunction(Mode mode, ModelLookup lookup) {
    super(
        new SqlIdentifier(mode.name(), SqlParserPos.ZERO),
        SqlKind.OTHER_FUNCTION,
        opBinding -> ((PredictFunction) opBinding.getOperator()).returnType(opBinding),
        (callBinding, returnType, operandTypes) ->
            ((PredictFunction) callBinding.getOperator())
                .inferOperandTypes(callBinding, operandTypes),
        null,
        new PredictImplementation(mode, lookup));
    this.mode = mode;
    this.lookup = lookup;
  }

  public Mode mode() {
    return mode;
  }

  /**
   * Loads the model a call of this function names, as validation does, or a pruned model's
   * reference the planner wrote (for planner rules).
   */
  public StoredModel load(String reference) throws SQLException {
    return PrunedModelReference.load(lookup, reference);
  }

  /**
   * Binds a call to the model's features. {@code PREDICT('model')} (no feature arguments) binds
   * them by name to the columns in scope: each feature becomes an identifier, or, for a model
   * trained with TRANSFORM, the feature's stored expression over the raw columns, so it resolves
   * as any column reference would (and fails the same way, naming the column, if one is missing
   * or ambiguous). For a TRANSFORM model, positional arguments are its raw input columns, in the
   * registry's order, and are substituted into the expressions; the model name of the result is a
   * {@link BoundModelName}, so the call is not rewritten again.
   */
  @Override
  public SqlNode rewriteCall(SqlValidator validator, SqlCall call) {
    if (!(call.operand(0) instanceof SqlLiteral name) || name instanceof BoundModelName) {
      return call;
    }
    String reference = name.getValueAs(String.class);
    StoredModel stored;
    try {
      stored = lookup.load(ModelRef.parse(reference));
    } catch (SQLException e) {
      throw new SibylSqlException(e);
    }
    ModelTransform transform = stored.model().transform();
    int group = stored.model().groups().isPresent() ? 1 : 0;
    int arguments = call.operandCount() - 1;
    if (arguments != 0
        && !(transform.isPresent() && arguments == group + transform.inputs().size())) {
      return call;
    }
    SqlParserPos pos = call.getParserPosition();
    List<SqlNode> operands = new ArrayList<>();
    if (transform.isPresent()) {
      operands.add(new BoundModelName(name.getValueAs(NlsString.class), name.getParserPosition()));
      if (group == 1) {
        operands.add(arguments == 0
            ? new SqlIdentifier(stored.model().signature().get(0).name(), pos)
            : call.operand(1));
      }
      operands.addAll(TransformBinding.expressions(stored,
          call.getOperandList().subList(Math.min(1 + group, call.operandCount()),
              call.operandCount())));
    } else {
      operands.add(name);
      for (Feature feature : stored.model().signature().features()) {
        operands.add(new SqlIdentifier(feature.name(), pos));
      }
    }
    return createCall(call.getFunctionQuantifier(), pos, operands.toArray(new SqlNode[0]));
  }

  /**
   * Binds the model this function loaded from {@code reference} for generated code outside
   * PREDICT's own (the batch scoring operator), returning the key {@link BoundModels#scorer}
   * takes.
   */
  public String bind(String reference, StoredModel stored) {
    return BoundModels.bind(lookup.registryId(), reference, stored);
  }

  @Override
  public SqlOperandCountRange getOperandCountRange() {
    return SqlOperandCountRanges.from(1);
  }

  @Override
  public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
    if (binding.getOperandCount() >= 1 && binding.isOperandLiteral(0, false)) {
      String reference = binding.getOperandLiteralValue(0, String.class);
      if (PrunedModelReference.isPruned(reference)) { // only the planner writes them
        throw new SibylSqlException(SibylErrors.badModelReference(reference));
      }
    }
    StoredModel stored = model(binding);
    FeatureSignature signature = stored.model().signature();
    String name = stored.version().name();
    int actual = binding.getOperandCount() - 1;
    ModelTransform transform = stored.model().transform();
    boolean grouped = stored.model().groups().isPresent();
    if (transform.isPresent() && !(binding.getCall().operand(0) instanceof BoundModelName)) {
      String inputs = transform.describeInputs();
      if (grouped) {
        inputs = "(" + groupText(signature)
            + (transform.inputs().isEmpty() ? ")" : ", " + inputs.substring(1));
      }
      throw new SibylSqlException(SibylErrors.wrongTransformArity(mode.name(), name,
          transform.inputs().size() + (grouped ? 1 : 0), actual, inputs));
    }
    if (actual != signature.size()) {
      throw new SibylSqlException(
          SibylErrors.wrongArity(mode.name(), name, signature.size(), actual,
              describe(stored)));
    }
    for (int i = 0; i < signature.size(); i++) {
      Feature feature = signature.get(i);
      RelDataType type = binding.getOperandType(i + 1);
      if (!accepts(feature, type)) {
        throw new SibylSqlException(
            SibylErrors.wrongArgumentType(mode.name(), name, i + 2, feature.name(),
                feature.kind() == FeatureKind.NUMERIC ? "numeric" : "a category (text, boolean or number)",
                type.getFullTypeString(), describe(stored)));
      }
    }
    return true;
  }

  /** The signature for messages; a grouped model's group column is marked as such. */
  private static String describe(StoredModel stored) {
    FeatureSignature signature = stored.model().signature();
    if (stored.model().groups().isEmpty()) {
      return signature.describe();
    }
    String rest = new FeatureSignature(signature.features().subList(1, signature.size()))
        .describe();
    return "(" + groupText(signature) + (signature.size() > 1 ? ", " + rest.substring(1) : ")");
  }

  private static String groupText(FeatureSignature signature) {
    Feature group = signature.get(0);
    return group.name() + " " + group.sqlType() + " (group)";
  }

  private static boolean accepts(Feature feature, RelDataType type) {
    SqlTypeName name = type.getSqlTypeName();
    if (name == SqlTypeName.NULL || name == SqlTypeName.UNKNOWN) {
      return true;
    }
    if (feature.kind() == FeatureKind.NUMERIC) {
      return SqlTypeUtil.isNumeric(type);
    }
    return SqlTypeUtil.inCharFamily(type)
        || name == SqlTypeName.BOOLEAN
        || SqlTypeUtil.isNumeric(type);
  }

  /**
   * The result type: NOT NULL, except for a grouped model, whose rows of a group without a model
   * (and without a fallback) score NULL.
   */
  RelDataType returnType(SqlOperatorBinding binding) {
    StoredModel stored = model(binding);
    RelDataType type = scoredType(stored, binding.getTypeFactory());
    return stored.model().groups().isPresent()
        ? binding.getTypeFactory().createTypeWithNullability(type, true)
        : type;
  }

  private RelDataType scoredType(StoredModel stored, RelDataTypeFactory factory) {
    Task task = stored.model().task();
    if (mode == Mode.PREDICT_PROBA) {
      requireTask(stored, Task.CLASSIFICATION, "a classifier");
      return factory.createSqlType(SqlTypeName.DOUBLE);
    }
    if (mode == Mode.CLUSTER_DISTANCE) {
      requireTask(stored, Task.CLUSTERING, "a clustering model");
      return factory.createSqlType(SqlTypeName.DOUBLE);
    }
    if (task == Task.REGRESSION) {
      return factory.createSqlType(SqlTypeName.DOUBLE);
    }
    if (task == Task.CLUSTERING) {
      return factory.createSqlType(SqlTypeName.INTEGER);
    }
    return LabelTypes.returnType(factory, stored.model().label().sqlType());
  }

  private void requireTask(StoredModel stored, Task needed, String what) {
    Task task = stored.model().task();
    if (task != needed) {
      throw new SibylSqlException(SibylErrors.wrongModelTask(mode.name(),
          stored.version().name(), what, task.name().toLowerCase(Locale.ROOT)));
    }
  }

  void inferOperandTypes(SqlCallBinding binding, RelDataType[] operandTypes) {
    RelDataTypeFactory factory = binding.getTypeFactory();
    RelDataType varchar =
        factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.VARCHAR), true);
    RelDataType dbl =
        factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.DOUBLE), true);
    List<Feature> features = List.of();
    try {
      features = model(binding).model().signature().features();
    } catch (SibylSqlException e) {
      // validation proper reports the problem; infer generic types here
    }
    for (int i = 0; i < operandTypes.length; i++) {
      if (i == 0 || i - 1 >= features.size()) {
        operandTypes[i] = varchar;
      } else {
        operandTypes[i] =
            features.get(i - 1).kind() == FeatureKind.NUMERIC ? dbl : varchar;
      }
    }
  }

  private StoredModel model(SqlOperatorBinding binding) {
    if (binding.getOperandCount() < 1 || !binding.isOperandLiteral(0, false)) {
      throw new SibylSqlException(SibylErrors.modelNameNotLiteral(mode.name()));
    }
    String reference = binding.getOperandLiteralValue(0, String.class);
    if (reference == null) {
      throw new SibylSqlException(SibylErrors.modelNameNotLiteral(mode.name()));
    }
    try {
      return PrunedModelReference.load(lookup, reference);
    } catch (SQLException e) {
      throw new SibylSqlException(e);
    }
  }
}

package dev.sibyl.functions.evaluation;

import dev.sibyl.functions.calcite.ModelLookup;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.TableFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedTableFunction;

/**
 * One of Sibyl's table functions, such as {@code TABLE(EVALUATE('model', 'query'))}: string
 * arguments, a fixed result row type, and rows produced at execution by a public static method
 * that receives the id of the connection's model lookup, the arguments and the data context.
 */
final class ModelTableFunction implements TableFunction, ImplementableFunction {
  /** A result column. */
  record Column(String name, SqlTypeName type) {}

  private final Class<?> runtimeClass;
  private final String runtimeMethod;
  private final List<String> parameterNames;
  private final List<Column> columns;
  private final ModelLookup lookup;

  private ModelTableFunction(
      Class<?> runtimeClass, String runtimeMethod, List<String> parameterNames,
      List<Column> columns, ModelLookup lookup) {
    this.runtimeClass = runtimeClass;
    this.runtimeMethod = runtimeMethod;
    this.parameterNames = parameterNames;
    this.columns = columns;
    this.lookup = lookup;
  }

  /** The SQL operator {@code name(parameters...)} returning {@code columns}. */
  static SqlUserDefinedTableFunction operator(
      String name, Class<?> runtimeClass, String runtimeMethod, List<String> parameterNames,
      List<Column> columns, ModelLookup lookup) {
    ModelTableFunction function =
        new ModelTableFunction(runtimeClass, runtimeMethod, parameterNames, columns, lookup);
    List<SqlTypeFamily> families = new ArrayList<>();
    parameterNames.forEach(p -> families.add(SqlTypeFamily.CHARACTER));
    return new SqlUserDefinedTableFunction(
        new SqlIdentifier(name, SqlParserPos.ZERO),
        SqlKind.OTHER_FUNCTION,
        ReturnTypes.CURSOR,
        InferTypes.explicit(List.of()),
        OperandTypes.operandMetadata(
            families,
            factory -> parameterNames.stream()
                .map(p -> factory.createSqlType(SqlTypeName.VARCHAR))
                .toList(),
            i -> parameterNames.get(i),
            i -> false),
        function);
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory factory, List<? extends Object> arguments) {
    RelDataTypeFactory.Builder builder = factory.builder();
    for (Column column : columns) {
      builder.add(column.name(),
          factory.createTypeWithNullability(factory.createSqlType(column.type()), true));
    }
    return builder.build();
  }

  @Override
  public Type getElementType(List<? extends Object> arguments) {
    return Object[].class;
  }

  @Override
  public List<FunctionParameter> getParameters() {
    List<FunctionParameter> parameters = new ArrayList<>();
    for (int i = 0; i < parameterNames.size(); i++) {
      int ordinal = i;
      parameters.add(new FunctionParameter() {
        @Override
        public int getOrdinal() {
          return ordinal;
        }

        @Override
        public String getName() {
          return parameterNames.get(ordinal).toLowerCase(Locale.ROOT);
        }

        @Override
        public RelDataType getType(RelDataTypeFactory factory) {
          return factory.createSqlType(SqlTypeName.VARCHAR);
        }

        @Override
        public boolean isOptional() {
          return false;
        }
      });
    }
    return parameters;
  }

  @Override
  public CallImplementor getImplementor() {
    return RexImpTable.createImplementor(
        (translator, call, arguments) -> {
          List<Expression> callArguments = new ArrayList<>();
          callArguments.add(Expressions.constant(lookup.registryId()));
          for (Expression argument : arguments) {
            callArguments.add(Expressions.convert_(argument, String.class));
          }
          callArguments.add(Expressions.convert_(translator.getRoot(), DataContext.class));
          return Expressions.call(runtimeClass, runtimeMethod, callArguments);
        },
        NullPolicy.NONE,
        false);
  }
}

package dev.sibyl.functions.evaluation;

import dev.sibyl.functions.calcite.ModelLookup;
import dev.sibyl.functions.evaluation.ModelTableFunction.Column;
import java.util.List;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.SqlTypeName;

/** The model table functions of a connection, for its operator table. */
public final class ModelTableFunctions {
  private ModelTableFunctions() {}

  /** EVALUATE, CONFUSION_MATRIX, ROC_CURVE and EXPLAIN_MODEL, reading models through lookup. */
  public static List<SqlOperator> create(ModelLookup lookup) {
    List<String> modelAndQuery = List.of("MODEL", "QUERY");
    return List.of(
        ModelTableFunction.operator("EVALUATE", "evaluate", modelAndQuery,
            List.of(new Column("METRIC", SqlTypeName.VARCHAR),
                new Column("METRIC_VALUE", SqlTypeName.DOUBLE)),
            lookup),
        ModelTableFunction.operator("CONFUSION_MATRIX", "confusionMatrix", modelAndQuery,
            List.of(new Column("ACTUAL", SqlTypeName.VARCHAR),
                new Column("PREDICTED", SqlTypeName.VARCHAR),
                new Column("ROW_COUNT", SqlTypeName.BIGINT)),
            lookup),
        ModelTableFunction.operator("ROC_CURVE", "rocCurve", modelAndQuery,
            List.of(new Column("THRESHOLD", SqlTypeName.DOUBLE),
                new Column("TPR", SqlTypeName.DOUBLE),
                new Column("FPR", SqlTypeName.DOUBLE),
                new Column("PRECISION", SqlTypeName.DOUBLE),
                new Column("RECALL", SqlTypeName.DOUBLE)),
            lookup),
        ModelTableFunction.operator("EXPLAIN_MODEL", "explainModel", List.of("MODEL"),
            List.of(new Column("FEATURE", SqlTypeName.VARCHAR),
                new Column("CLASS", SqlTypeName.VARCHAR),
                new Column("COEFFICIENT", SqlTypeName.DOUBLE)),
            lookup));
  }
}

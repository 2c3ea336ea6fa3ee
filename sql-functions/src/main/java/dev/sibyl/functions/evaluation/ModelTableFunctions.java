package dev.sibyl.functions.evaluation;

import dev.sibyl.functions.calcite.ModelLookup;
import dev.sibyl.functions.evaluation.ModelTableFunction.Column;
import java.util.List;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.SqlTypeName;

/** Sibyl's table functions of a connection, for its operator table. */
public final class ModelTableFunctions {
  private ModelTableFunctions() {}

  /**
   * EVALUATE, CONFUSION_MATRIX, ROC_CURVE, EXPLAIN_MODEL (reading models through lookup) and
   * PROFILE.
   */
  public static List<SqlOperator> create(ModelLookup lookup) {
    List<String> modelAndQuery = List.of("MODEL", "QUERY");
    List<Column> profileColumns =
        List.of(new Column("COLUMN_NAME", SqlTypeName.VARCHAR),
            new Column("TYPE", SqlTypeName.VARCHAR),
            new Column("ROW_COUNT", SqlTypeName.BIGINT),
            new Column("NULLS", SqlTypeName.BIGINT),
            new Column("DISTINCT_VALUES", SqlTypeName.BIGINT),
            new Column("MIN_VALUE", SqlTypeName.DOUBLE),
            new Column("MAX_VALUE", SqlTypeName.DOUBLE),
            new Column("MEAN", SqlTypeName.DOUBLE),
            new Column("STDDEV", SqlTypeName.DOUBLE),
            new Column("Q1", SqlTypeName.DOUBLE),
            new Column("MEDIAN", SqlTypeName.DOUBLE),
            new Column("Q3", SqlTypeName.DOUBLE),
            new Column("OUTLIERS", SqlTypeName.BIGINT),
            new Column("TOP_VALUES", SqlTypeName.VARCHAR),
            new Column("LABEL_CORRELATION", SqlTypeName.DOUBLE),
            new Column("DUPLICATE_ROWS", SqlTypeName.BIGINT));
    return List.of(
        ModelTableFunction.operator("PROFILE", DataProfiles.class, "profile", List.of("QUERY"),
            profileColumns, lookup),
        ModelTableFunction.operator("PROFILE", DataProfiles.class, "profileWithLabel",
            List.of("QUERY", "LABEL"), profileColumns, lookup),
        ModelTableFunction.operator("EVALUATE", ModelTables.class, "evaluate", modelAndQuery,
            List.of(new Column("METRIC", SqlTypeName.VARCHAR),
                new Column("METRIC_VALUE", SqlTypeName.DOUBLE)),
            lookup),
        ModelTableFunction.operator("CONFUSION_MATRIX", ModelTables.class, "confusionMatrix", modelAndQuery,
            List.of(new Column("ACTUAL", SqlTypeName.VARCHAR),
                new Column("PREDICTED", SqlTypeName.VARCHAR),
                new Column("ROW_COUNT", SqlTypeName.BIGINT)),
            lookup),
        ModelTableFunction.operator("ROC_CURVE", ModelTables.class, "rocCurve", modelAndQuery,
            List.of(new Column("THRESHOLD", SqlTypeName.DOUBLE),
                new Column("TPR", SqlTypeName.DOUBLE),
                new Column("FPR", SqlTypeName.DOUBLE),
                new Column("PRECISION", SqlTypeName.DOUBLE),
                new Column("RECALL", SqlTypeName.DOUBLE)),
            lookup),
        ModelTableFunction.operator("EXPLAIN_MODEL", ModelTables.class, "explainModel", List.of("MODEL"),
            List.of(new Column("DETAIL", SqlTypeName.VARCHAR),
                new Column("CLASS", SqlTypeName.VARCHAR),
                new Column("CLUSTER", SqlTypeName.INTEGER),
                new Column("FEATURE", SqlTypeName.VARCHAR),
                new Column("DETAIL_VALUE", SqlTypeName.DOUBLE)),
            lookup));
  }
}

package dev.sibyl.functions.calcite;

import dev.sibyl.functions.evaluation.ModelTableFunctions;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;

/** The SQL functions Sibyl adds to a connection, bound to that connection's models. */
public final class SibylOperatorTable {
  private SibylOperatorTable() {}

  /**
   * An operator table with PREDICT, PREDICT_PROBA, CLUSTER_DISTANCE and the table functions, reading models
   * through {@code lookup}.
   */
  public static SqlOperatorTable create(ModelLookup lookup) {
    List<SqlOperator> operators = new ArrayList<>();
    operators.add(new PredictFunction(PredictFunction.Mode.PREDICT, lookup));
    operators.add(new PredictFunction(PredictFunction.Mode.PREDICT_PROBA, lookup));
    operators.add(new PredictFunction(PredictFunction.Mode.CLUSTER_DISTANCE, lookup));
    operators.addAll(ModelTableFunctions.create(lookup));
    return SqlOperatorTables.of(operators);
  }
}

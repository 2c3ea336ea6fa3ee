package dev.sibyl.functions.calcite;

import java.util.List;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;

/** The SQL functions Sibyl adds to a connection, bound to that connection's models. */
public final class SibylOperatorTable {
  private SibylOperatorTable() {}

  /**
   * An operator table with PREDICT, PREDICT_PROBA and CLUSTER_DISTANCE reading models through
   * {@code lookup}.
   */
  public static SqlOperatorTable create(ModelLookup lookup) {
    return SqlOperatorTables.of(
        List.of(
            new PredictFunction(PredictFunction.Mode.PREDICT, lookup),
            new PredictFunction(PredictFunction.Mode.PREDICT_PROBA, lookup),
            new PredictFunction(PredictFunction.Mode.CLUSTER_DISTANCE, lookup)));
  }
}

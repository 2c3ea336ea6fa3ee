package dev.sibyl.planner.prepare;

import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;
import org.apache.calcite.runtime.Bindable;

/** Builds the prepared-statement signatures of statements Sibyl executes itself. */
final class Signatures {
  private Signatures() {}

  /** A statement that returns rows of {@code columns}, produced as {@code Object[]} by the bindable. */
  static <T> CalciteSignature<T> rows(
      String sql, List<ColumnMetaData> columns, List<AvaticaParameter> parameters,
      Bindable<T> bindable) {
    return new CalciteSignature<>(sql, parameters, Map.of(), null, columns,
        Meta.CursorFactory.ARRAY, null, List.of(), -1, bindable, Meta.StatementType.SELECT);
  }

  /** A statement that returns an update count; the bindable yields one {@code Long}. */
  static <T> CalciteSignature<T> updateCount(
      String sql, List<AvaticaParameter> parameters, Bindable<T> bindable) {
    List<ColumnMetaData> columns =
        List.of(MetaImpl.columnMetaData("ROWCOUNT", 0, Long.class, false));
    return new CalciteSignature<>(sql, parameters, Map.of(), null, columns,
        Meta.CursorFactory.OBJECT, null, List.of(), -1, bindable, Meta.StatementType.IS_DML);
  }

  /** Metadata of a result column. */
  static ColumnMetaData column(String name, int index, Class<?> type, boolean nullable) {
    return MetaImpl.columnMetaData(name, index, type, nullable);
  }
}

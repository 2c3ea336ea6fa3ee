package dev.sibyl.planner.prepare;

import dev.sibyl.functions.calcite.SibylSqlException;
import dev.sibyl.planner.connection.BackingDatabase;
import dev.sibyl.planner.parser.SqlDropModel;
import dev.sibyl.registry.SibylErrors;
import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;
import org.apache.calcite.linq4j.Linq4j;

/**
 * Executes {@code DROP MODEL [IF EXISTS]}: deletes every version of the model; the update count
 * is the number of versions removed.
 */
final class DropModelStatement {
  private DropModelStatement() {}

  static CalciteSignature<Object> prepare(
      BackingDatabase database, SqlDropModel node, String sql) {
    return Signatures.updateCount(sql, List.of(),
        dataContext -> Linq4j.singletonEnumerable((Object) drop(database, node)));
  }

  private static long drop(BackingDatabase database, SqlDropModel node) {
    try {
      int removed = database.registry().drop(node.modelName());
      if (removed == 0 && !node.ifExists) {
        throw SibylErrors.unknownModel(node.modelName());
      }
      return removed;
    } catch (SQLException e) {
      throw new SibylSqlException(e);
    }
  }
}

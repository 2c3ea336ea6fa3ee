package dev.sibyl.planner.prepare;

import dev.sibyl.functions.calcite.SibylSqlException;
import dev.sibyl.functions.training.ModelTrainer;
import dev.sibyl.functions.training.TrainingOptions;
import dev.sibyl.functions.training.TrainingResult;
import dev.sibyl.planner.connection.BackingDatabase;
import dev.sibyl.planner.parser.SqlCreateModel;
import dev.sibyl.registry.ModelVersion;
import dev.sibyl.registry.NewModelVersion;
import dev.sibyl.registry.SibylErrors;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.DataContext;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

/**
 * Executes {@code CREATE MODEL}: runs the training query through Calcite, trains, and stores the
 * new version in one registry transaction. Training happens when the statement executes, not when
 * it is prepared. Returns one row describing the new version (none for IF NOT EXISTS on an
 * existing model).
 */
final class CreateModelStatement {
  static final List<ColumnMetaData> COLUMNS =
      List.of(
          Signatures.column("MODEL", 0, String.class, false),
          Signatures.column("VERSION", 1, Integer.class, false),
          Signatures.column("ALGORITHM", 2, String.class, false),
          Signatures.column("TRAINING_ROWS", 3, Long.class, false),
          Signatures.column("HELDOUT_ROWS", 4, Long.class, false),
          Signatures.column("METRIC", 5, String.class, false),
          Signatures.column("METRIC_VALUE", 6, Double.class, true),
          Signatures.column("SECONDS", 7, Double.class, false));

  private final BackingDatabase database;
  private final SqlCreateModel node;
  private final TrainingOptions options;
  private final String trainingQuery;

  private CreateModelStatement(
      BackingDatabase database, SqlCreateModel node, TrainingOptions options,
      String trainingQuery) {
    this.database = database;
    this.node = node;
    this.options = options;
    this.trainingQuery = trainingQuery;
  }

  /** Validates the options now; training waits until the statement executes. */
  static CalciteSignature<Object> prepare(
      BackingDatabase database, SqlCreateModel node, String sql) throws SQLException {
    Set<String> seen = new HashSet<>();
    for (String key : node.optionKeys()) {
      if (!seen.add(key)) {
        throw new SQLException(
            "Option '" + key + "' is given more than once", SibylErrors.SYNTAX);
      }
    }
    TrainingOptions options = TrainingOptions.parse(node.optionValues());
    CreateModelStatement statement =
        new CreateModelStatement(database, node, options, QueryText.of(sql, node.query));
    return Signatures.rows(sql, COLUMNS, List.of(),
        dataContext -> new AbstractEnumerable<Object>() {
          @Override
          public Enumerator<Object> enumerator() {
            return Linq4j.enumerator(statement.execute(dataContext));
          }
        });
  }

  private List<Object> execute(DataContext dataContext) {
    String name = node.modelName();
    try {
      boolean exists = database.registry().exists(name);
      if (exists && !node.getReplace()) {
        if (node.ifNotExists()) {
          return List.of();
        }
        throw SibylErrors.modelExists(name);
      }
      long started = System.nanoTime();
      TrainingResult result;
      Connection connection = (Connection) dataContext.getQueryProvider();
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery(trainingQuery)) {
        result = new ModelTrainer().train(name, options, rows);
      }
      ModelVersion version =
          database.registry().register(
              new NewModelVersion(
                  name, result.model(), options.effective(), trainingQuery,
                  result.trainingRows(), result.heldOutRows(), result.skippedRows(),
                  result.metrics(), System.getProperty("user.name"),
                  ModelTrainer.smileVersion()),
              node.getReplace());
      double seconds = (System.nanoTime() - started) / 1e9;
      Object[] row = {
            version.name(), version.version(), options.algorithm().sqlName(),
            result.trainingRows(), result.heldOutRows(), result.mainMetricName(),
            result.mainMetric(), Math.round(seconds * 1000) / 1000.0
          };
      return Collections.singletonList(row);
    } catch (SQLException e) {
      throw new SibylSqlException(e);
    }
  }
}

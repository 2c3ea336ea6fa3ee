package dev.sibyl.functions.evaluation;

import dev.sibyl.functions.transform.QueryColumns;
import dev.sibyl.functions.transform.TransformSql;
import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.StoredModel;
import dev.sibyl.registry.model.ModelTransform;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The query an evaluation function reads: the user's query, or, for a model trained with a
 * TRANSFORM, that query with the model's features computed from its raw columns.
 */
final class EvaluationQuery {
  private EvaluationQuery() {}

  static String of(String function, StoredModel stored, Connection connection, String query)
      throws SQLException {
    ModelTransform transform = stored.model().transform();
    if (!transform.isPresent()) {
      return query;
    }
    QueryColumns columns = QueryColumns.of(connection, query);
    List<String> missing = new ArrayList<>();
    for (ModelTransform.Input input : transform.inputs()) {
      if (columns.indexOf(input.name()) < 0) {
        missing.add(input.name());
      }
    }
    String label = stored.model().label().name();
    if (columns.indexOf(label) < 0) {
      missing.add(label + " (the label)");
    }
    if (!missing.isEmpty()) {
      throw SibylErrors.missingEvaluationColumns(function, stored.version().name(), missing);
    }
    return TransformSql.scoringQuery(transform, query);
  }
}

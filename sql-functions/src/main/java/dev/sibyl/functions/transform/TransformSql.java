package dev.sibyl.functions.transform;

import dev.sibyl.registry.model.ModelTransform;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * SQL text of transforms: how an expression is stored (Calcite's dialect, every identifier
 * quoted, so it parses back to the same tree whatever the case of the column names), how it is
 * read back, and the queries that apply a transform to the rows of another query.
 */
public final class TransformSql {
  /** The alias of the wrapped query in the queries built here. */
  static final String INPUT_ALIAS = "SIBYL_INPUT";

  private TransformSql() {}

  /** The stored text of an expression. */
  public static String text(SqlNode expression) {
    return expression.toSqlString(config -> config
            .withDialect(CalciteSqlDialect.DEFAULT)
            .withQuoteAllIdentifiers(true)
            .withAlwaysUseParentheses(false)
            .withIndentation(0)
            .withClauseStartsLine(false)
            .withClauseEndsLine(false))
        .getSql();
  }

  /**
   * Parses a stored expression.
   *
   * @throws IllegalArgumentException if the text is not an expression (a damaged registry row)
   */
  public static SqlNode parse(String expression) {
    try {
      return SqlParser.create(expression, SqlParser.config()).parseExpression();
    } catch (SqlParseException e) {
      throw new IllegalArgumentException(
          "stored transform expression cannot be parsed: " + expression, e);
    }
  }

  /** A double-quoted identifier. */
  public static String quoted(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /**
   * The rows of {@code query} as a model trains on them: one column per feature, computed by the
   * transform, then the columns the training reads besides features (the label, a split column),
   * as they are.
   */
  static String trainingQuery(ModelTransform transform, List<String> carried, String query) {
    List<String> items = featureItems(transform);
    for (String column : carried) {
      items.add(quoted(INPUT_ALIAS) + "." + quoted(column));
    }
    return wrap(items, query);
  }

  /**
   * The rows of {@code query} with the transform's features computed and put first, followed by
   * every column of the query (so a label column, or anything else, stays reachable by name).
   */
  public static String scoringQuery(ModelTransform transform, String query) {
    List<String> items = featureItems(transform);
    items.add(quoted(INPUT_ALIAS) + ".*");
    return wrap(items, query);
  }

  /** {@code SELECT items FROM (query) AS SIBYL_INPUT [WHERE condition]}. */
  static String wrap(List<String> items, String query) {
    // the newline ends a trailing "--" comment of the user's query before the parenthesis
    return "SELECT " + String.join(", ", items) + " FROM (" + query + "\n) AS "
        + quoted(INPUT_ALIAS);
  }

  private static List<String> featureItems(ModelTransform transform) {
    List<String> items = new ArrayList<>();
    for (ModelTransform.DerivedFeature feature : transform.features()) {
      items.add(feature.expression() + " AS " + quoted(feature.name()));
    }
    return items;
  }
}

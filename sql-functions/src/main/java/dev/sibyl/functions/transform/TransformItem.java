package dev.sibyl.functions.transform;

import org.apache.calcite.sql.SqlNode;

/**
 * One item of a TRANSFORM clause: the expression computing a feature and the feature's name.
 *
 * @param position 1-based place in the clause, for messages
 * @param feature the feature name
 * @param expression the expression as written (or, once fitted, with constants inlined)
 */
public record TransformItem(int position, String feature, SqlNode expression) {

  /** The same item computed by another expression. */
  TransformItem withExpression(SqlNode newExpression) {
    return new TransformItem(position, feature, newExpression);
  }
}

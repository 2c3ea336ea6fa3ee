package dev.sibyl.functions.calcite;

import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.NlsString;

/**
 * The model name of a PREDICT call whose arguments were bound to a TRANSFORM model's features by
 * {@link PredictFunction#rewriteCall}: it reads as the same string literal, but marks the call so
 * that its arguments are taken as features, not as raw input columns, and it is not rewritten
 * again.
 */
final class BoundModelName extends SqlCharStringLiteral {
  BoundModelName(NlsString reference, SqlParserPos pos) {
    super(reference, pos);
  }

  @Override
  public BoundModelName clone(SqlParserPos pos) {
    return new BoundModelName(getNlsString(), pos);
  }
}

package dev.sibyl.functions.transform;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Builds the plain SQL a fitted function becomes, with its statistics as literals. Numbers are
 * written as DOUBLE literals ({@code 15E-1}), which every source evaluates as floating point.
 */
final class FrozenExpressions {
  private static final SqlParserPos POS = SqlParserPos.ZERO;

  private FrozenExpressions() {}

  /** {@code (x - mean) / stddev}. */
  static SqlNode standardScale(SqlNode x, double mean, double stddev) {
    return divide(minus(x, mean), stddev);
  }

  /** {@code (x - min) / (max - min)}, or {@code x - min} when every value is the same. */
  static SqlNode minMaxScale(SqlNode x, double min, double max) {
    return max > min ? divide(minus(x, min), max - min) : minus(x, min);
  }

  /**
   * {@code CASE WHEN x IS NULL THEN NULL WHEN x < b1 THEN 0 ... ELSE m END}: the bucket of x,
   * counting the boundaries at or below it.
   */
  static SqlNode bucketize(SqlNode x, double[] boundaries) {
    List<SqlNode> whens = new ArrayList<>();
    List<SqlNode> thens = new ArrayList<>();
    whens.add(SqlStdOperatorTable.IS_NULL.createCall(POS, x));
    thens.add(typedNull(SqlTypeName.INTEGER));
    for (int i = 0; i < boundaries.length; i++) {
      whens.add(SqlStdOperatorTable.LESS_THAN.createCall(POS, x, number(boundaries[i])));
      thens.add(integer(i));
    }
    return caseOf(whens, thens, integer(boundaries.length));
  }

  /** {@code COALESCE(x, value)}. */
  static SqlNode impute(SqlNode x, SqlNode value) {
    return SqlStdOperatorTable.COALESCE.createCall(POS, x, value);
  }

  /**
   * {@code CASE WHEN c IS NULL THEN NULL WHEN c IN (kept) THEN c ELSE '(other)' END} for the
   * text {@code c} of the argument.
   */
  static SqlNode oneHot(SqlNode text, List<String> kept) {
    List<SqlNode> whens = new ArrayList<>();
    List<SqlNode> thens = new ArrayList<>();
    whens.add(SqlStdOperatorTable.IS_NULL.createCall(POS, text));
    thens.add(typedNull(SqlTypeName.VARCHAR));
    if (!kept.isEmpty()) {
      List<SqlNode> values = new ArrayList<>();
      for (String value : kept) {
        values.add(string(value));
      }
      whens.add(SqlStdOperatorTable.IN.createCall(POS, text, new SqlNodeList(values, POS)));
      thens.add(text);
    }
    return caseOf(whens, thens, string(FittedFunction.OTHER));
  }

  /** {@code CAST(x AS VARCHAR)}. */
  static SqlNode asText(SqlNode x) {
    return SqlStdOperatorTable.CAST.createCall(POS, x, type(SqlTypeName.VARCHAR));
  }

  /** A literal for a most frequent value read from a result set. */
  static SqlNode literal(Object value) {
    if (value instanceof Boolean b) {
      return SqlLiteral.createBoolean(b, POS);
    }
    if (value instanceof Number n) {
      return number(n.doubleValue());
    }
    return string(String.valueOf(value));
  }

  /** A DOUBLE literal, negated with a unary minus when negative. */
  static SqlNode number(double value) {
    BigDecimal decimal = new BigDecimal(Double.toString(Math.abs(value)));
    SqlNode literal =
        SqlLiteral.createApproxNumeric(decimal.unscaledValue() + "E" + (-decimal.scale()), POS);
    return value < 0 ? SqlStdOperatorTable.UNARY_MINUS.createCall(POS, literal) : literal;
  }

  private static SqlNode minus(SqlNode x, double value) {
    return SqlStdOperatorTable.MINUS.createCall(POS, x, number(value));
  }

  private static SqlNode divide(SqlNode x, double value) {
    return SqlStdOperatorTable.DIVIDE.createCall(POS, x, number(value));
  }

  private static SqlNode integer(int value) {
    return SqlLiteral.createExactNumeric(Integer.toString(value), POS);
  }

  private static SqlNode string(String value) {
    return SqlLiteral.createCharString(value, POS);
  }

  private static SqlNode typedNull(SqlTypeName type) {
    return SqlStdOperatorTable.CAST.createCall(POS, SqlLiteral.createNull(POS), type(type));
  }

  private static SqlDataTypeSpec type(SqlTypeName name) {
    return new SqlDataTypeSpec(new SqlBasicTypeNameSpec(name, POS), POS);
  }

  private static SqlNode caseOf(List<SqlNode> whens, List<SqlNode> thens, SqlNode otherwise) {
    return new SqlCase(POS, null, new SqlNodeList(whens, POS), new SqlNodeList(thens, POS),
        otherwise);
  }
}

package dev.sibyl.planner.parser;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;
import org.apache.calcite.util.NlsString;

/**
 * Parse tree of {@code CREATE [OR REPLACE] MODEL [IF NOT EXISTS] name [TRANSFORM (expr [AS]
 * feature, ...)] WITH (key = value, ...) AS query}.
 */
public final class SqlCreateModel extends SqlCreate {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CREATE MODEL", SqlKind.OTHER_DDL);

  /** The model name. */
  public final SqlIdentifier name;
  /** The TRANSFORM items (expressions, most aliased with AS), or null without a TRANSFORM. */
  public final SqlNodeList transform;
  /** The options, each a two-element list of key identifier and value literal. */
  public final SqlNodeList options;
  /** The training query. */
  public final SqlNode query;

  public SqlCreateModel(
      SqlParserPos pos,
      boolean replace,
      boolean ifNotExists,
      SqlIdentifier name,
      SqlNodeList transform,
      SqlNodeList options,
      SqlNode query) {
    super(OPERATOR, pos, replace, ifNotExists);
    this.name = name;
    this.transform = transform;
    this.options = options;
    this.query = query;
  }

  /** The model name as a plain string (last part of a compound name). */
  public String modelName() {
    return name.names.get(name.names.size() - 1);
  }

  /**
   * The options as lower-cased key to Java value: String for character literals, BigDecimal for
   * numbers, Boolean for TRUE/FALSE, null for NULL. Later duplicates are reported by the caller.
   */
  public Map<String, Object> optionValues() {
    Map<String, Object> values = new LinkedHashMap<>();
    for (SqlNode node : options) {
      List<SqlNode> pair = ((SqlNodeList) node).getList();
      String key = ((SqlIdentifier) pair.get(0)).getSimple().toLowerCase(Locale.ROOT);
      values.put(key, literalValue((SqlLiteral) pair.get(1)));
    }
    return values;
  }

  /** Option keys in the order written, duplicates included. */
  public List<String> optionKeys() {
    return options.stream()
        .map(n -> ((SqlIdentifier) ((SqlNodeList) n).get(0)).getSimple().toLowerCase(Locale.ROOT))
        .toList();
  }

  private static Object literalValue(SqlLiteral literal) {
    Object value = literal.getValue();
    if (value instanceof NlsString nls) {
      return nls.getValue();
    }
    if (value instanceof BigDecimal || value instanceof Boolean || value == null) {
      return value;
    }
    return literal.toValue();
  }

  public boolean ifNotExists() {
    return ifNotExists;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name, transform, options, query);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword(getReplace() ? "CREATE OR REPLACE" : "CREATE");
    writer.keyword("MODEL");
    if (ifNotExists) {
      writer.keyword("IF NOT EXISTS");
    }
    name.unparse(writer, leftPrec, rightPrec);
    if (transform != null) {
      writer.keyword("TRANSFORM");
      SqlWriter.Frame items = writer.startList("(", ")");
      for (SqlNode item : transform) {
        writer.sep(",");
        item.unparse(writer, 0, 0);
      }
      writer.endList(items);
    }
    writer.keyword("WITH");
    SqlWriter.Frame frame = writer.startList("(", ")");
    for (SqlNode option : options) {
      writer.sep(",");
      List<SqlNode> pair = ((SqlNodeList) option).getList();
      pair.get(0).unparse(writer, 0, 0);
      writer.keyword("=");
      pair.get(1).unparse(writer, 0, 0);
    }
    writer.endList(frame);
    writer.keyword("AS");
    writer.newlineAndIndent();
    query.unparse(writer, 0, 0);
  }
}

package dev.sibyl.planner.parser;

import java.util.List;
import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/** Parse tree of {@code DROP MODEL [IF EXISTS] name}. */
public final class SqlDropModel extends SqlDrop {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("DROP MODEL", SqlKind.OTHER_DDL);

  /** The model name. */
  public final SqlIdentifier name;

  public SqlDropModel(SqlParserPos pos, boolean ifExists, SqlIdentifier name) {
    super(OPERATOR, pos, ifExists);
    this.name = name;
  }

  /** The model name as a plain string (last part of a compound name). */
  public String modelName() {
    return name.names.get(name.names.size() - 1);
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("DROP MODEL");
    if (ifExists) {
      writer.keyword("IF EXISTS");
    }
    name.unparse(writer, leftPrec, rightPrec);
  }
}

package dev.sibyl.planner.connection;

import java.sql.DatabaseMetaData;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlDialectFactory;
import org.apache.calcite.sql.SqlDialectFactoryImpl;
import org.apache.calcite.sql.SqlDialects;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.H2SqlDialect;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;

/**
 * The SQL dialects Sibyl generates for its source databases: Calcite's own, except that a
 * floating-point literal is written as {@code CAST(1.5E0 AS DOUBLE PRECISION)}. H2 reads a bare
 * {@code 1.5E0} as DECFLOAT (and {@code 1.5} as NUMERIC), PostgreSQL as NUMERIC, and arithmetic in
 * either type is several times slower than in DOUBLE, which matters once models are inlined.
 */
public final class SourceDialects implements SqlDialectFactory {
  /** The factory the JDBC schemas use. */
  public static final SourceDialects INSTANCE = new SourceDialects();

  private SourceDialects() {}

  @Override
  public SqlDialect create(DatabaseMetaData metaData) {
    SqlDialect dialect = SqlDialectFactoryImpl.INSTANCE.create(metaData);
    SqlDialect.Context context = SqlDialects.createContext(metaData);
    if (dialect instanceof H2SqlDialect) {
      return new DoubleLiteralH2(context.withDatabaseProduct(SqlDialect.DatabaseProduct.H2));
    }
    if (dialect instanceof PostgresqlSqlDialect) {
      return new DoubleLiteralPostgresql(
          context.withDatabaseProduct(SqlDialect.DatabaseProduct.POSTGRESQL));
    }
    return dialect;
  }

  /** Writes an approximate (scientific-notation) literal as a DOUBLE PRECISION cast. */
  static void unparseNumber(SqlWriter writer, String value) {
    if (value.indexOf('E') >= 0 && value.indexOf("E+") < 0) {
      writer.print("CAST(" + value + " AS DOUBLE PRECISION)");
      writer.setNeedWhitespace(true);
    } else {
      writer.literal(value);
    }
  }

  /** H2 with DOUBLE literals. */
  private static final class DoubleLiteralH2 extends H2SqlDialect {
    DoubleLiteralH2(Context context) {
      super(context);
    }

    @Override
    public void unparseNumericLiteral(SqlWriter writer, String value, int leftPrec,
        int rightPrec) {
      unparseNumber(writer, value);
    }
  }

  /**
   * PostgreSQL with DOUBLE literals, and {@code ROUND(x, n)} of a floating-point {@code x} written
   * as {@code ROUND(CAST(x AS NUMERIC), n)}: PostgreSQL has no {@code round(double precision,
   * integer)}, and inlined models put such rounds into the SQL it receives.
   */
  private static final class DoubleLiteralPostgresql extends PostgresqlSqlDialect {
    DoubleLiteralPostgresql(Context context) {
      super(context);
    }

    @Override
    public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      if (call.getOperator().getName().equalsIgnoreCase("ROUND") && call.operandCount() == 2) {
        SqlWriter.Frame round = writer.startFunCall("ROUND");
        SqlWriter.Frame cast = writer.startFunCall("CAST");
        call.operand(0).unparse(writer, 0, 0);
        writer.sep("AS");
        writer.literal("NUMERIC");
        writer.endFunCall(cast);
        writer.sep(",");
        call.operand(1).unparse(writer, 0, 0);
        writer.endFunCall(round);
        return;
      }
      super.unparseCall(writer, call, leftPrec, rightPrec);
    }

    @Override
    public void unparseNumericLiteral(SqlWriter writer, String value, int leftPrec,
        int rightPrec) {
      unparseNumber(writer, value);
    }
  }
}

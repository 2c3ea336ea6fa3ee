package dev.sibyl.planner.prepare;

import dev.sibyl.functions.calcite.SibylOperatorTable;
import dev.sibyl.functions.calcite.SibylSqlException;
import dev.sibyl.planner.connection.BackingDatabase;
import dev.sibyl.planner.connection.SibylSessions;
import dev.sibyl.planner.parser.SqlCreateModel;
import dev.sibyl.planner.parser.SqlDropModel;
import dev.sibyl.registry.SibylErrors;
import java.lang.reflect.Type;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserImplFactory;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;

/**
 * Prepares every statement of a Sibyl connection, choosing who runs it.
 *
 * <ul>
 *   <li>{@code CREATE MODEL} and {@code DROP MODEL}: Sibyl, at execution time.
 *   <li>Queries (and EXPLAIN): Calcite, with Sibyl's functions in the operator table, over
 *       the backing database's tables. A query Calcite cannot validate that uses no Sibyl function
 *       (an H2 table function such as CSVREAD, say) runs on the backing database instead.
 *   <li>{@code INSERT INTO t query} whose query uses PREDICT: the query through Calcite, the rows
 *       into the backing database in one transaction.
 *   <li>Everything else (CREATE TABLE, INSERT, UPDATE, DELETE, SET, ...): the backing database.
 * </ul>
 */
public final class SibylPrepare extends CalcitePrepareImpl {
  private static final Set<String> SIBYL_FUNCTIONS = Set.of(
      "PREDICT", "PREDICT_PROBA", "CLUSTER_DISTANCE", "EVALUATE", "CONFUSION_MATRIX",
      "ROC_CURVE", "EXPLAIN_MODEL", "PROFILE");

  /**
   * Statements that only Sibyl's grammar can run: Sibyl's own statements, and queries or inserts
   * that call PREDICT, PREDICT_PROBA or CLUSTER_DISTANCE. One that does not parse gets Sibyl's
   * syntax error instead of going to the backing database, which would hide the real mistake.
   */
  private static final Pattern SIBYL_STATEMENT =
      Pattern.compile(
          "^\\s*(CREATE\\s+(OR\\s+REPLACE\\s+)?MODEL\\b|DROP\\s+MODEL\\b"
              + "|(SELECT|WITH|VALUES|INSERT|EXPLAIN|\\()[\\s\\S]*\\b(PREDICT|PREDICT_PROBA"
              + "|CLUSTER_DISTANCE|EVALUATE|CONFUSION_MATRIX|ROC_CURVE|EXPLAIN_MODEL|PROFILE)\\s*\\()",
          Pattern.CASE_INSENSITIVE);

  @Override
  public <T> CalciteSignature<T> prepareSql(
      Context context, Query<T> query, Type elementType, long maxRowCount) {
    String sql = query.sql;
    if (sql == null) {
      return super.prepareSql(context, query, elementType, maxRowCount);
    }
    BackingDatabase database = session(context);
    SqlNode node;
    try {
      node = parser(context, sql).parseStmt();
    } catch (SqlParseException e) {
      if (SIBYL_STATEMENT.matcher(sql).find()) {
        throw new SibylSqlException(SibylErrors.syntaxError(e.getMessage().lines().findFirst().orElse("")));
      }
      return cast(passThrough(database, sql));
    }
    try {
      if (node instanceof SqlCreateModel create) {
        return cast(CreateModelStatement.prepare(database, create, sql));
      }
      if (node instanceof SqlDropModel drop) {
        return cast(DropModelStatement.prepare(database, drop, sql));
      }
      if (node instanceof SqlInsert insert && usesSibylFunctions(insert.getSource())) {
        return cast(InsertScoredRows.prepare(database, insert, sql));
      }
    } catch (SQLException e) {
      throw new SibylSqlException(e);
    }
    boolean usesSibyl = usesSibylFunctions(node);
    boolean query1 = node.getKind().belongsTo(SqlKind.QUERY) || node.getKind() == SqlKind.EXPLAIN;
    if (!query1 && !usesSibyl) {
      return cast(passThrough(database, sql));
    }
    try {
      Supplier<CalciteSignature<T>> planner =
          () -> super.prepareSql(context, query, elementType, maxRowCount);
      return usesSibyl
          ? ModelVersionGuard.plan(node, database.registry(), planner)
          : planner.get();
    } catch (RuntimeException calciteError) {
      if (usesSibyl && !carriesSibylError(calciteError)) {
        throw ByNameBinding.explain(calciteError, node, database);
      }
      if (usesSibyl || !query1 || carriesSibylError(calciteError)) {
        throw calciteError;
      }
      return cast(passThrough(database, sql));
    }
  }

  private static CalciteSignature<Object> passThrough(BackingDatabase database, String sql) {
    try {
      return PassThrough.prepare(database.dataSource(), sql);
    } catch (SQLException e) {
      if (sql.toUpperCase(Locale.ROOT).contains("PREDICT")) {
        throw new SibylSqlException(
            new SQLException(e.getMessage() + "\nHint: PREDICT runs in Sibyl, not inside the"
                + " backing database; to store predictions, create the table, then"
                + " INSERT INTO it SELECT ... PREDICT(...) ...", e.getSQLState(), e));
      }
      throw new SibylSqlException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> CalciteSignature<T> cast(CalciteSignature<Object> signature) {
    return (CalciteSignature<T>) signature;
  }

  private SqlParser parser(Context context, String sql) {
    CalciteConnectionConfig config = context.config();
    SqlParser.Config parserConfig =
        parserConfig()
            .withQuotedCasing(config.quotedCasing())
            .withUnquotedCasing(config.unquotedCasing())
            .withQuoting(config.quoting())
            .withConformance(config.conformance())
            .withCaseSensitive(config.caseSensitive());
    SqlParserImplFactory factory = config.parserFactory(SqlParserImplFactory.class, null);
    if (factory != null) {
      parserConfig = parserConfig.withParserFactory(factory);
    }
    return SqlParser.create(sql, parserConfig);
  }

  private static BackingDatabase session(Context context) {
    try {
      return SibylSessions.of(context.getDataContext().getQueryProvider());
    } catch (SQLException e) {
      throw new SibylSqlException(e);
    }
  }

  private static boolean usesSibylFunctions(SqlNode node) {
    boolean[] found = {false};
    node.accept(
        new SqlBasicVisitor<Void>() {
          @Override
          public Void visit(SqlCall call) {
            if (SIBYL_FUNCTIONS.contains(
                call.getOperator().getName().toUpperCase(Locale.ROOT))) {
              found[0] = true;
            }
            return super.visit(call);
          }
        });
    return found[0];
  }

  private static boolean carriesSibylError(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SibylSqlException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  @Override
  protected CalcitePreparingStmt getPreparingStmt(
      Context context, Type elementType, CalciteCatalogReader catalogReader,
      RelOptPlanner planner) {
    JavaTypeFactory typeFactory = context.getTypeFactory();
    EnumerableRel.Prefer prefer =
        elementType == Object[].class ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM;
    SqlOperatorTable sibylFunctions = SibylOperatorTable.create(session(context));
    return new CalcitePreparingStmt(
        this, context, catalogReader, typeFactory, context.getRootSchema(), prefer,
        createCluster(planner, new RexBuilder(typeFactory)),
        org.apache.calcite.adapter.enumerable.EnumerableConvention.INSTANCE,
        createConvertletTable()) {
      @Override
      protected SqlValidator createSqlValidator(
          Prepare.CatalogReader reader, UnaryOperator<SqlValidator.Config> configTransform) {
        return validator(context, (CalciteCatalogReader) reader, sibylFunctions, configTransform);
      }

      @Override
      protected Program getProgram() {
        Program standard = super.getProgram();
        PlannerRulesSetting rules = PlannerRulesSetting.of(context);
        if (rules == PlannerRulesSetting.OFF) {
          return standard;
        }
        return Programs.sequence(
            SibylProgram.beforePlanning(rules.costFor(session(context))),
            standard,
            SibylProgram.afterPlanning());
      }
    };
  }

  private static SqlValidator validator(
      CalcitePrepare.Context context, CalciteCatalogReader catalogReader,
      SqlOperatorTable sibylFunctions, UnaryOperator<SqlValidator.Config> configTransform) {
    CalciteConnectionConfig config = context.config();
    SqlOperatorTable operators =
        SqlOperatorTables.chain(
            List.of(
                config.fun(SqlOperatorTable.class, SqlStdOperatorTable.instance()),
                sibylFunctions,
                catalogReader));
    SqlValidator.Config validatorConfig =
        configTransform.apply(
            SqlValidator.Config.DEFAULT
                .withLenientOperatorLookup(config.lenientOperatorLookup())
                .withConformance(config.conformance())
                .withDefaultNullCollation(config.defaultNullCollation())
                .withIdentifierExpansion(true));
    return SqlValidatorUtil.newValidator(
        operators, catalogReader, context.getTypeFactory(), validatorConfig);
  }
}

package dev.sibyl.planner.prepare;

import dev.sibyl.functions.calcite.SibylSqlException;
import dev.sibyl.planner.connection.BackingDatabase;
import java.sql.SQLException;
import java.util.Locale;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalcitePrepare;

/**
 * The {@code rules} connection property: which of Sibyl's planner rules run. Pruning (features a
 * model ignores, columns a calculation does not read) always pays and runs unless {@code off};
 * inlining models as SQL into the source depends on the source:
 *
 * <ul>
 *   <li>{@code auto} (default): inline when the backing database is one where moving work into it pays:
 *       not H2, whose interpreted per-row arithmetic is slower than scoring in Calcite's compiled
 *       code next to it (measured: docs/performance.md), but PostgreSQL and other databases,
 *       where rows would otherwise cross a wire.
 *   <li>{@code on}: always inline, to see and test the rewrites on any database.
 *   <li>{@code off}: no rule at all, to compare plans and results.
 * </ul>
 */
enum PlannerRulesSetting {
  AUTO,
  ON,
  OFF;

  /** The property's name. */
  static final String PROPERTY = "rules";

  static PlannerRulesSetting of(CalcitePrepare.Context context) {
    Object provider = context.getDataContext().getQueryProvider();
    String value = provider instanceof CalciteConnection connection
        ? connection.getProperties().getProperty(PROPERTY, "auto")
        : "auto";
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "auto" -> AUTO;
      case "on" -> ON;
      case "off" -> OFF;
      default -> throw new SibylSqlException(new SQLException(
          "Connection property 'rules' must be 'auto', 'on' or 'off', not '" + value + "'",
          "22023"));
    };
  }

  /**
   * Whether models are inlined as SQL into {@code database}. Pruning runs on every database
   * unless the setting is {@code off}.
   */
  boolean inlinesInto(BackingDatabase database) {
    return switch (this) {
      case ON -> true;
      case OFF -> false;
      case AUTO -> !database.config().jdbcUrl().startsWith("jdbc:h2:");
    };
  }
}

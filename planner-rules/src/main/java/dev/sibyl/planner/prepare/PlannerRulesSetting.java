package dev.sibyl.planner.prepare;

import dev.sibyl.functions.calcite.SibylSqlException;
import dev.sibyl.planner.connection.BackingDatabase;
import java.sql.SQLException;
import java.util.Locale;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalcitePrepare;

/**
 * The {@code rules} connection property: whether Sibyl's planner rules run.
 *
 * <ul>
 *   <li>{@code auto} (default): when the backing database is one where moving work into it pays:
 *       not H2, whose interpreted per-row arithmetic is slower than scoring in Calcite's compiled
 *       code next to it (measured: docs/performance.md), but PostgreSQL and other databases,
 *       where rows would otherwise cross a wire.
 *   <li>{@code on}: always, to see and test the rewrites on any database.
 *   <li>{@code off}: never, to compare plans and results.
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

  /** Whether the rules run for queries over {@code database}. */
  boolean appliesTo(BackingDatabase database) {
    return switch (this) {
      case ON -> true;
      case OFF -> false;
      case AUTO -> !database.config().jdbcUrl().startsWith("jdbc:h2:");
    };
  }
}

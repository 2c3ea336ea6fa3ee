package dev.sibyl.planner.prepare;

import dev.sibyl.functions.calcite.SibylSqlException;
import java.sql.SQLException;
import java.util.Locale;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalcitePrepare;

/**
 * The {@code rules} connection property: {@code on} (default) applies Sibyl's planner rules,
 * {@code off} plans every query as Calcite alone would (to compare plans and results).
 *
 * @param enabled whether the rules run
 */
record PlannerRulesSetting(boolean enabled) {
  /** The property's name. */
  static final String PROPERTY = "rules";

  static PlannerRulesSetting of(CalcitePrepare.Context context) {
    Object provider = context.getDataContext().getQueryProvider();
    String value = provider instanceof CalciteConnection connection
        ? connection.getProperties().getProperty(PROPERTY, "on")
        : "on";
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "on" -> new PlannerRulesSetting(true);
      case "off" -> new PlannerRulesSetting(false);
      default -> throw new SibylSqlException(new SQLException(
          "Connection property 'rules' must be 'on' or 'off', not '" + value + "'", "22023"));
    };
  }
}

package dev.sibyl.planner.prepare;

import dev.sibyl.functions.calcite.SibylSqlException;
import dev.sibyl.planner.connection.BackingDatabase;
import dev.sibyl.planner.rules.InliningCost;
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
 *   <li>{@code auto} (default): inline where {@link InliningCost} estimates it pays, with the
 *       profile of the backing database: H2 in the same JVM interprets arithmetic slower than the
 *       compiled scorer next to it, PostgreSQL and other databases save rows crossing a wire
 *       (measured: docs/performance.md).
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
   * The cost profile that decides inlining into {@code database}: none for {@code on} (always
   * inline), {@link InliningCost#EMBEDDED} for an in-process H2 database and {@link
   * InliningCost#REMOTE} for any other under {@code auto}.
   */
  InliningCost costFor(BackingDatabase database) {
    if (this != AUTO) {
      return null;
    }
    String url = database.config().jdbcUrl();
    boolean inProcess = url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:tcp:")
        && !url.startsWith("jdbc:h2:ssl:");
    return inProcess ? InliningCost.EMBEDDED : InliningCost.REMOTE;
  }
}

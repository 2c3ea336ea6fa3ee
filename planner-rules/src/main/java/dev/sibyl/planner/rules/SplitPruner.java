package dev.sibyl.planner.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Removes the dead branches of inlined tree splits ({@code CASE WHEN x > t ...} or {@code CASE
 * WHEN x <= t ...} on a column) that conditions known to hold decide: under {@code x > 6} a split
 * {@code x > 5.5} always goes right. Only ranges on a column compared with a number are used; a
 * comparison that holds also says the column is not NULL.
 */
final class SplitPruner extends RexShuttle {
  /** What the known conditions say about one column: {@code low < x} (or {@code <=}), etc. */
  private static final class Range {
    double low = Double.NEGATIVE_INFINITY;
    boolean lowOpen = true;
    double high = Double.POSITIVE_INFINITY;
    boolean highOpen = true;

    void above(double value, boolean open) {
      if (value > low || (value == low && open)) {
        low = value;
        lowOpen = open;
      }
    }

    void below(double value, boolean open) {
      if (value < high || (value == high && open)) {
        high = value;
        highOpen = open;
      }
    }

    /** Whether every value in range is above {@code t}. */
    boolean allAbove(double t) {
      return low > t || (low == t && lowOpen);
    }

    /** Whether every value in range is at most {@code t}. */
    boolean allAtMost(double t) {
      return high <= t;
    }
  }

  private final Map<Integer, Range> ranges = new HashMap<>();

  SplitPruner(List<RexNode> known) {
    for (RexNode condition : known) {
      if (!(condition instanceof RexCall call) || call.getOperands().size() != 2
          || !(call.getOperands().get(0) instanceof RexInputRef ref)) {
        continue;
      }
      Double value = number(call.getOperands().get(1));
      if (value == null) {
        continue;
      }
      Range range = ranges.computeIfAbsent(ref.getIndex(), i -> new Range());
      switch (call.getKind()) {
        case GREATER_THAN -> range.above(value, true);
        case GREATER_THAN_OR_EQUAL -> range.above(value, false);
        case LESS_THAN -> range.below(value, true);
        case LESS_THAN_OR_EQUAL -> range.below(value, false);
        case EQUALS -> {
          range.above(value, false);
          range.below(value, false);
        }
        default -> {
          // another operator says nothing about the range
        }
      }
    }
  }

  @Override
  public RexNode visitCall(RexCall call) {
    RexNode visited = super.visitCall(call);
    if (!(visited instanceof RexCall c) || c.getKind() != SqlKind.CASE
        || c.getOperands().size() != 3) {
      return visited;
    }
    Boolean decided = decide(c.getOperands().get(0));
    if (decided == null) {
      return visited;
    }
    return decided ? c.getOperands().get(1) : c.getOperands().get(2);
  }

  /** The value of a split condition for every row, or null when rows differ. */
  private Boolean decide(RexNode condition) {
    if (!(condition instanceof RexCall call) || call.getOperands().size() != 2
        || !(call.getOperands().get(0) instanceof RexInputRef ref)) {
      return null;
    }
    Range range = ranges.get(ref.getIndex());
    Double t = number(call.getOperands().get(1));
    if (range == null || t == null) {
      return null;
    }
    if (call.getKind() == SqlKind.GREATER_THAN) {
      return range.allAbove(t) ? Boolean.TRUE : range.allAtMost(t) ? Boolean.FALSE : null;
    }
    if (call.getKind() == SqlKind.LESS_THAN_OR_EQUAL) {
      return range.allAtMost(t) ? Boolean.TRUE : range.allAbove(t) ? Boolean.FALSE : null;
    }
    return null;
  }

  private static Double number(RexNode node) {
    RexLiteral literal = ModelInliner.literalOf(node);
    if (literal == null || RexLiteral.isNullLiteral(literal)
        || !SqlTypeUtil.isNumeric(literal.getType())) {
      return null;
    }
    return literal.getValueAs(Double.class);
  }
}

package dev.sibyl.planner.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/** The inlining choice for the two source profiles, on a linear model over ten columns. */
class InliningCostTest {
  private final RexBuilder rex = new RexBuilder(new JavaTypeFactoryImpl());
  private final RelDataType dbl = rex.getTypeFactory().createSqlType(SqlTypeName.DOUBLE);

  @Test
  void aLinearModelIsInlinedIntoARemoteSourceButScoredNextToAnEmbeddedOne() {
    List<RexNode> columns = columns(10);
    RexNode linear = linear(columns);
    assertTrue(InliningCost.REMOTE.pays(columns, List.of(linear), 1, 0.1));
    assertFalse(InliningCost.EMBEDDED.pays(columns, List.of(linear), 1, 0.1));
  }

  @Test
  void inliningThatSendsEveryRowAnywayDoesNotPayEvenForARemoteSource() {
    List<RexNode> columns = columns(10);
    RexNode linear = linear(columns);
    assertFalse(InliningCost.REMOTE.pays(columns, List.of(linear), 1, 1));
  }

  @Test
  void aLargeTreeIsNotInlinedEvenIntoARemoteSource() {
    List<RexNode> columns = columns(2);
    RexNode tree = number(0);
    for (int i = 0; i < 200; i++) {
      tree = rex.makeCall(SqlStdOperatorTable.CASE,
          rex.makeCall(SqlStdOperatorTable.GREATER_THAN, columns.get(i % 2), number(i)),
          number(i), tree);
    }
    assertFalse(InliningCost.REMOTE.pays(columns, List.of(tree), 1, 1));
  }

  private List<RexNode> columns(int count) {
    List<RexNode> columns = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      columns.add(rex.makeInputRef(dbl, i));
    }
    return columns;
  }

  /** {@code b + w1 * ((COALESCE(x1, m) - c) / s) + ...}, as ModelInliner writes it. */
  private RexNode linear(List<RexNode> columns) {
    RexNode sum = number(1);
    for (RexNode x : columns) {
      RexNode imputed = rex.makeCall(SqlStdOperatorTable.COALESCE, x, number(0.5));
      RexNode term = rex.makeCall(SqlStdOperatorTable.MULTIPLY, number(2),
          rex.makeCall(SqlStdOperatorTable.DIVIDE,
              rex.makeCall(SqlStdOperatorTable.MINUS, imputed, number(0.5)), number(3)));
      sum = rex.makeCall(SqlStdOperatorTable.PLUS, sum, term);
    }
    return sum;
  }

  private RexNode number(double value) {
    return rex.makeApproxLiteral(new BigDecimal(Double.toString(value)), dbl);
  }
}

package dev.sibyl.planner.rules;

import dev.sibyl.functions.calcite.PredictFunction;
import dev.sibyl.registry.StoredModel;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;

/** Finds PREDICT-family calls in row expressions and the models they name. */
final class PredictCalls {
  private PredictCalls() {}

  /** Whether {@code node} is a PREDICT, PREDICT_PROBA or CLUSTER_DISTANCE call. */
  static boolean isPredict(RexNode node) {
    return node instanceof RexCall call && call.getOperator() instanceof PredictFunction;
  }

  /** Whether {@code node} calls a model. */
  static boolean containsPredict(RexNode node) {
    boolean[] found = {false};
    node.accept(new RexShuttle() {
      @Override
      public RexNode visitCall(RexCall call) {
        found[0] |= isPredict(call);
        return found[0] ? call : super.visitCall(call);
      }
    });
    return found[0];
  }

  /** How many model calls {@code node} makes. */
  static int count(RexNode node) {
    int[] calls = {0};
    node.accept(new RexShuttle() {
      @Override
      public RexNode visitCall(RexCall call) {
        calls[0] += isPredict(call) ? 1 : 0;
        return super.visitCall(call);
      }
    });
    return calls[0];
  }

  /** Whether an expression of {@code rel} calls a model. */
  static boolean callsModel(RelNode rel) {
    boolean[] found = {false};
    rel.accept(new RexShuttle() {
      @Override
      public RexNode visitCall(RexCall call) {
        found[0] |= containsPredict(call);
        return call;
      }
    });
    return found[0];
  }

  /** The model a call names, or empty if it cannot be loaded (validation reported that). */
  static Optional<StoredModel> model(RexCall call) {
    if (!isPredict(call) || !(call.getOperands().get(0) instanceof RexLiteral literal)) {
      return Optional.empty();
    }
    return model((PredictFunction) call.getOperator(), literal.getValueAs(String.class))
        .filter(stored -> // a version activated since validation may take other arguments
            stored.model().signature().features().size() == call.getOperands().size() - 1);
  }

  /** The model a reference names for a function, or empty if it cannot be loaded. */
  static Optional<StoredModel> model(PredictFunction function, String reference) {
    return PlanningModels.resolve(List.of(function, String.valueOf(reference)), () -> {
      try {
        return Optional.of(function.load(reference));
      } catch (SQLException e) {
        return Optional.empty();
      }
    });
  }

  /** Whether {@code node} contains a call {@link ModelInliner} can inline. */
  static boolean containsInlinable(RexNode node, ModelInliner inliner) {
    boolean[] found = {false};
    node.accept(new RexShuttle() {
      @Override
      public RexNode visitCall(RexCall call) {
        if (isPredict(call) && inliner.inline(call).isPresent()) {
          found[0] = true;
          return call;
        }
        return super.visitCall(call);
      }
    });
    return found[0];
  }

  /** {@code node} with every inlinable call replaced by its SQL form. */
  static RexNode inlineAll(RexNode node, ModelInliner inliner) {
    return node.accept(new RexShuttle() {
      @Override
      public RexNode visitCall(RexCall call) {
        if (isPredict(call)) {
          RexNode visited = super.visitCall(call);
          return visited instanceof RexCall c ? inliner.inline(c).orElse(visited) : visited;
        }
        return super.visitCall(call);
      }
    });
  }
}

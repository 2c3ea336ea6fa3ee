package dev.sibyl.planner.rules;

import dev.sibyl.functions.calcite.PredictFunction;
import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.FeatureKind;
import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.TreeEnsemble;
import dev.sibyl.registry.model.TreeEnsemble.Combination;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Rewrites PREDICT / PREDICT_PROBA of a small tree model into nested {@code CASE} expressions, one
 * per tree: a regression tree or forest ({@code (CASE ... END + CASE ... END) / trees}), a boosted
 * regression ({@code bias + CASE ... END + ...}), and a single classification tree, whose leaves
 * become the class (PREDICT) or the probability (PREDICT_PROBA) the scorer computes for them. A
 * split tests the encoded input as the scorer does: a number as {@code (COALESCE(x, impute) -
 * center) / scale <= threshold}, a category as {@code x = 'c'} (NULL and unseen categories go
 * where the scorer's all-zero one-hot input goes). Leaves are summed in tree order, so each row
 * gives the scorer's double.
 */
final class TreeInliner {
  /** The most nodes, over all trees, that are inlined: the SQL grows with every node. */
  static final int MAX_NODES = 255;

  private final ModelInliner numbers;
  private final RexBuilder rex;

  TreeInliner(ModelInliner numbers, RexBuilder rex) {
    this.numbers = numbers;
    this.rex = rex;
  }

  /**
   * The inlined form, or empty when the model is too large, of a combination not handled here, or
   * a category argument is not text.
   */
  Optional<RexNode> inline(PortableModel model, TreeEnsemble trees, PredictFunction.Mode mode,
      List<RexNode> features, RelDataType type) {
    if (trees.nodeCount() > MAX_NODES || !categoriesAreText(model, features)) {
      return Optional.empty();
    }
    Inputs inputs = new Inputs(model.signature().features(), features);
    return switch (trees.combination()) {
      case MEAN, BOOSTED_SUM -> mode == PredictFunction.Mode.PREDICT
          ? Optional.of(regression(trees, inputs))
          : Optional.empty();
      case WEIGHTED_PROBABILITIES -> trees.treeCount() == 1
          ? classification(model, trees, mode, inputs, type)
          : Optional.empty();
      default -> Optional.empty();
    };
  }

  private static boolean categoriesAreText(PortableModel model, List<RexNode> features) {
    List<Feature> signature = model.signature().features();
    for (int i = 0; i < signature.size(); i++) {
      RexNode argument = features.get(i);
      if (signature.get(i).kind() == FeatureKind.CATEGORICAL
          && !SqlTypeUtil.inCharFamily(argument.getType())
          && argument.getType().getSqlTypeName() != SqlTypeName.NULL) {
        return false;
      }
    }
    return true;
  }

  /** {@code initial + leaf(tree 0) + leaf(tree 1) + ...}, divided by the count for a mean. */
  private RexNode regression(TreeEnsemble trees, Inputs inputs) {
    boolean mean = trees.combination() == Combination.MEAN;
    double factor = mean ? 1 : trees.shrinkage();
    RexNode sum = mean ? null : numbers.number(trees.bias());
    int[] roots = trees.roots();
    for (int t = 0; t < roots.length; t++) {
      RexNode tree = node(trees, inputs, roots[t], leaf -> numbers.number(
          mean ? trees.value()[leaf] : factor * trees.value()[leaf]));
      // 0 + v is v, so a mean starts from the first tree as the scorer's 0 + ... does
      sum = sum == null ? tree : rex.makeCall(SqlStdOperatorTable.PLUS, sum, tree);
    }
    return mean && roots.length > 1
        ? rex.makeCall(SqlStdOperatorTable.DIVIDE, sum, numbers.number(roots.length))
        : sum;
  }

  /** One classification tree: each leaf's class or probability, computed as the scorer does. */
  private Optional<RexNode> classification(PortableModel model, TreeEnsemble trees,
      PredictFunction.Mode mode, Inputs inputs, RelDataType type) {
    List<String> labels = model.label().classes();
    boolean classesAsLiterals = mode == PredictFunction.Mode.PREDICT
        && labels.stream().allMatch(c -> numbers.classLiteral(c, type).isPresent());
    if (!classesAsLiterals && mode != PredictFunction.Mode.PREDICT_PROBA) {
      return Optional.empty();
    }
    int classes = trees.classes();
    double weight = trees.treeWeights()[0];
    double[] value = trees.value();
    return Optional.of(node(trees, inputs, trees.roots()[0], leaf -> {
      double[] raw = new double[classes];
      double norm = 0;
      for (int k = 0; k < classes; k++) {
        raw[k] = 0 + weight * value[leaf * classes + k];
        norm += Math.abs(raw[k]);
      }
      int best = 0;
      for (int k = 1; k < classes; k++) {
        if (raw[k] / norm > raw[best] / norm) {
          best = k;
        }
      }
      if (mode == PredictFunction.Mode.PREDICT_PROBA) {
        return numbers.number(raw[classes == 2 ? 1 : best] / norm);
      }
      return numbers.classLiteral(labels.get(best), type).orElseThrow();
    }));
  }

  /** The SQL of the subtree at {@code node}: a leaf's value, or a CASE over its split. */
  private RexNode node(TreeEnsemble trees, Inputs inputs, int node, LeafValue leaf) {
    int feature = trees.feature()[node];
    if (feature < 0) {
      return leaf.of(node);
    }
    double threshold = trees.threshold()[node];
    RexNode left = node(trees, inputs, trees.left()[node], leaf);
    RexNode right = node(trees, inputs, trees.right()[node], leaf);
    Inputs.Category category = inputs.category(feature);
    if (category != null) {
      boolean hotGoesLeft = 1 <= threshold;
      boolean coldGoesLeft = 0 <= threshold;
      if (hotGoesLeft == coldGoesLeft) {
        return hotGoesLeft ? left : right;
      }
      RexLiteral constant = ModelInliner.literalOf(category.argument());
      if (constant != null) {
        boolean hot = !RexLiteral.isNullLiteral(constant)
            && category.value().equals(constant.getValueAs(String.class));
        return hot == hotGoesLeft ? left : right;
      }
      RexNode isHot = rex.makeCall(SqlStdOperatorTable.EQUALS, category.argument(),
          rex.makeLiteral(category.value()));
      return rex.makeCall(SqlStdOperatorTable.CASE, isHot,
          hotGoesLeft ? left : right, hotGoesLeft ? right : left);
    }
    Feature numeric = inputs.numeric(feature);
    Optional<Double> constant = ModelInliner.constantNumber(numeric, inputs.argument(feature));
    if (constant.isPresent()) {
      double encoded = (constant.get() - numeric.center()) / numeric.scale();
      return encoded <= threshold ? left : right;
    }
    return split(numeric, inputs.argument(feature), threshold, left, right);
  }

  /**
   * The CASE of a numeric split. A DOUBLE argument whose encoding is the identity is compared
   * directly, in the direction that sends NULL (an unknown comparison) where its imputed value
   * goes: {@code CASE WHEN x > t THEN right ELSE left END} when the imputed value is at most
   * {@code t}, else {@code CASE WHEN x <= t THEN left ELSE right END}. Calcite can then decide the
   * split from other conditions on {@code x}. Otherwise the encoded value is compared.
   */
  private RexNode split(Feature numeric, RexNode argument, double threshold, RexNode left,
      RexNode right) {
    RexNode t = numbers.number(threshold);
    if (numeric.center() != 0 || numeric.scale() != 1
        || argument.getType().getSqlTypeName() != SqlTypeName.DOUBLE) {
      return rex.makeCall(SqlStdOperatorTable.CASE, rex.makeCall(
          SqlStdOperatorTable.LESS_THAN_OR_EQUAL, encoded(numeric, argument), t), left, right);
    }
    return numeric.imputeValue() <= threshold
        ? rex.makeCall(SqlStdOperatorTable.CASE,
            rex.makeCall(SqlStdOperatorTable.GREATER_THAN, argument, t), right, left)
        : rex.makeCall(SqlStdOperatorTable.CASE,
            rex.makeCall(SqlStdOperatorTable.LESS_THAN_OR_EQUAL, argument, t), left, right);
  }

  /** {@code (COALESCE(x, impute) - center) / scale}, without the no-op steps. */
  private RexNode encoded(Feature feature, RexNode argument) {
    RexNode x = numbers.imputed(feature, argument);
    if (feature.center() != 0) {
      x = rex.makeCall(SqlStdOperatorTable.MINUS, x, numbers.number(feature.center()));
    }
    if (feature.scale() != 1) {
      x = rex.makeCall(SqlStdOperatorTable.DIVIDE, x, numbers.number(feature.scale()));
    }
    return x;
  }

  /** The SQL of a leaf. */
  private interface LeafValue {
    RexNode of(int leaf);
  }

  /** Which feature, and which of its categories, each encoded input is. */
  private static final class Inputs {
    record Category(RexNode argument, String value) {}

    private final Feature[] featureOf;
    private final RexNode[] argumentOf;
    private final String[] categoryOf;

    Inputs(List<Feature> signature, List<RexNode> arguments) {
      int width = signature.stream().mapToInt(Feature::width).sum();
      featureOf = new Feature[width];
      argumentOf = new RexNode[width];
      categoryOf = new String[width];
      int input = 0;
      for (int i = 0; i < signature.size(); i++) {
        Feature feature = signature.get(i);
        for (int k = 0; k < feature.width(); k++) {
          featureOf[input + k] = feature;
          argumentOf[input + k] = arguments.get(i);
          categoryOf[input + k] =
              feature.kind() == FeatureKind.CATEGORICAL ? feature.categories().get(k) : null;
        }
        input += feature.width();
      }
    }

    Category category(int input) {
      return categoryOf[input] == null ? null : new Category(argumentOf[input], categoryOf[input]);
    }

    Feature numeric(int input) {
      return featureOf[input];
    }

    RexNode argument(int input) {
      return argumentOf[input];
    }
  }
}

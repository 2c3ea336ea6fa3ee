package dev.sibyl.functions.training;

import dev.sibyl.registry.model.Algorithm;
import dev.sibyl.registry.model.Task;
import dev.sibyl.registry.model.TreeEnsemble;
import dev.sibyl.registry.model.TreeEnsemble.Combination;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import smile.base.cart.CART;
import smile.base.cart.DecisionNode;
import smile.base.cart.InternalNode;
import smile.base.cart.Loss;
import smile.base.cart.Node;
import smile.base.cart.OrdinalNode;
import smile.base.cart.RegressionNode;
import smile.classification.DataFrameClassifier;
import smile.classification.DecisionTree;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.BaseVector;
import smile.data.vector.DoubleVector;
import smile.data.vector.IntVector;
import smile.math.MathEx;
import smile.regression.DataFrameRegression;
import smile.regression.RegressionTree;

/**
 * Fits Smile's trees, forests and boosted trees on encoded inputs, and converts the fitted models
 * into {@link TreeEnsemble}s that predict exactly what Smile's {@code predict} does.
 *
 * <p>The inputs are the signature's encoded columns: numbers as they are (missing ones imputed),
 * categories one-hot. Smile keeps split thresholds, boosting intercepts and shrinkage in
 * non-public fields; they are read by reflection, looked up when this class loads so that a Smile
 * upgrade that renames them fails at once (and every parity test with it).
 */
final class TreeEnsembleFitter {
  private static final String RESPONSE = "y";
  private static final Field ORDINAL_THRESHOLD = field(OrdinalNode.class, "value");
  private static final Field REGRESSION_BOOST_BIAS =
      field(smile.regression.GradientTreeBoost.class, "b");
  private static final Field CLASSIFICATION_BOOST_BIAS =
      field(smile.classification.GradientTreeBoost.class, "b");
  private static final Field REGRESSION_BOOST_SHRINKAGE =
      field(smile.regression.GradientTreeBoost.class, "shrinkage");
  private static final Field CLASSIFICATION_BOOST_SHRINKAGE =
      field(smile.classification.GradientTreeBoost.class, "shrinkage");

  private TreeEnsembleFitter() {}

  private static Field field(Class<?> owner, String name) {
    try {
      Field f = owner.getDeclaredField(name);
      f.setAccessible(true);
      return f;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(
          "this Smile version has no field " + owner.getName() + "." + name, e);
    }
  }

  /**
   * Fits a regression.
   *
   * @param inputs encoded inputs, one array per input ({@code [input][row]})
   * @param y the label of each row
   * @param seed seeds the random choices of forests and boosting
   */
  static DataFrameRegression fitRegression(
      Algorithm algorithm, TreeOptions options, double[][] inputs, double[] y, long seed) {
    DataFrame data = frame(inputs, DoubleVector.of(RESPONSE, y));
    Formula formula = Formula.lhs(RESPONSE);
    int rows = y.length;
    switch (algorithm) {
      case DECISION_TREE:
        return RegressionTree.fit(formula, data, options.smileMaxDepth(),
            options.smileMaxNodes(rows), options.minNodeSize());
      case RANDOM_FOREST:
        RandomForestOptions forest = (RandomForestOptions) options;
        return smile.regression.RandomForest.fit(formula, data, forest.trees(),
            forest.effectiveMtry(inputs.length, Task.REGRESSION), forest.smileMaxDepth(),
            forest.smileMaxNodes(rows), forest.minNodeSize(), forest.subsample(),
            treeSeeds(seed, forest.trees()));
      case GRADIENT_BOOSTING:
        GradientBoostingOptions boosting = (GradientBoostingOptions) options;
        MathEx.setSeed(seed);
        return smile.regression.GradientTreeBoost.fit(formula, data, Loss.ls(),
            boosting.trees(), boosting.smileMaxDepth(), boosting.smileMaxNodes(rows),
            boosting.minNodeSize(), boosting.shrinkage(), boosting.subsample());
      default:
        throw new IllegalArgumentException(algorithm + " is not a tree algorithm");
    }
  }

  /**
   * Fits a classifier.
   *
   * @param inputs encoded inputs, one array per input ({@code [input][row]})
   * @param y the class index of each row; every index in {@code 0 .. k-1} occurs
   * @param seed seeds the random choices of forests and boosting
   */
  static DataFrameClassifier fitClassification(
      Algorithm algorithm, TreeOptions options, double[][] inputs, int[] y, long seed) {
    DataFrame data = frame(inputs, IntVector.of(RESPONSE, y));
    Formula formula = Formula.lhs(RESPONSE);
    int rows = y.length;
    switch (algorithm) {
      case DECISION_TREE:
        DecisionTreeOptions tree = (DecisionTreeOptions) options;
        return DecisionTree.fit(formula, data, tree.splitRule().smile(), tree.smileMaxDepth(),
            tree.smileMaxNodes(rows), tree.minNodeSize());
      case RANDOM_FOREST:
        RandomForestOptions forest = (RandomForestOptions) options;
        return smile.classification.RandomForest.fit(formula, data, forest.trees(),
            forest.effectiveMtry(inputs.length, Task.CLASSIFICATION),
            forest.splitRule().smile(), forest.smileMaxDepth(), forest.smileMaxNodes(rows),
            forest.minNodeSize(), forest.subsample(), null, treeSeeds(seed, forest.trees()));
      case GRADIENT_BOOSTING:
        GradientBoostingOptions boosting = (GradientBoostingOptions) options;
        MathEx.setSeed(seed);
        return smile.classification.GradientTreeBoost.fit(formula, data, boosting.trees(),
            boosting.smileMaxDepth(), boosting.smileMaxNodes(rows), boosting.minNodeSize(),
            boosting.shrinkage(), boosting.subsample());
      default:
        throw new IllegalArgumentException(algorithm + " is not a tree algorithm");
    }
  }

  /** A data frame of the inputs, named x0, x1, ..., and the response, named y. */
  static DataFrame frame(double[][] inputs, BaseVector<?, ?, ?> response) {
    BaseVector<?, ?, ?>[] vectors = new BaseVector<?, ?, ?>[inputs.length + 1];
    for (int j = 0; j < inputs.length; j++) {
      vectors[j] = DoubleVector.of("x" + j, inputs[j]);
    }
    vectors[inputs.length] = response;
    return DataFrame.of(vectors);
  }

  /**
   * One distinct seed per tree, all above 1 (Smile ignores seeds of 1 or less and would draw
   * from an unseeded generator).
   */
  private static LongStream treeSeeds(long seed, int trees) {
    SplittableRandom random = new SplittableRandom(seed);
    Set<Long> seeds = new LinkedHashSet<>();
    while (seeds.size() < trees) {
      seeds.add(random.nextLong(2, Long.MAX_VALUE));
    }
    return seeds.stream().mapToLong(Long::longValue);
  }

  /** The portable form of a regression fitted by {@link #fitRegression}. */
  static TreeEnsemble toPortable(DataFrameRegression model) {
    if (model instanceof RegressionTree tree) {
      return build(Combination.MEAN, 0, 0, 1, new CART[] {tree}, null, tree.importance());
    }
    if (model instanceof smile.regression.RandomForest forest) {
      return build(Combination.MEAN, 0, 0, 1, forest.trees(), null, forest.importance());
    }
    if (model instanceof smile.regression.GradientTreeBoost boosted) {
      return build(Combination.BOOSTED_SUM, 0, read(REGRESSION_BOOST_BIAS, boosted),
          read(REGRESSION_BOOST_SHRINKAGE, boosted), boosted.trees(), null,
          boosted.importance());
    }
    throw new IllegalArgumentException("not a tree regression: " + model.getClass().getName());
  }

  /** The portable form of a classifier fitted by {@link #fitClassification}. */
  static TreeEnsemble toPortable(DataFrameClassifier model) {
    int classes = model.numClasses();
    if (model instanceof DecisionTree tree) {
      return build(Combination.WEIGHTED_PROBABILITIES, classes, 0, 1, new CART[] {tree}, null,
          tree.importance());
    }
    if (model instanceof smile.classification.RandomForest forest) {
      smile.classification.RandomForest.Model[] members = forest.models();
      double[] weights = new double[members.length];
      for (int t = 0; t < members.length; t++) {
        weights[t] = members[t].weight;
      }
      return build(Combination.WEIGHTED_PROBABILITIES, classes, 0, 1, forest.trees(),
          usableWeights(weights), forest.importance());
    }
    if (model instanceof smile.classification.GradientTreeBoost boosted) {
      double shrinkage = read(CLASSIFICATION_BOOST_SHRINKAGE, boosted);
      if (classes == 2) {
        return build(Combination.BOOSTED_LOGISTIC, 2, read(CLASSIFICATION_BOOST_BIAS, boosted),
            shrinkage, boosted.trees(), null, boosted.importance());
      }
      return build(Combination.BOOSTED_SOFTMAX, classes, 0, shrinkage, boosted.trees(), null,
          boosted.importance());
    }
    throw new IllegalArgumentException("not a tree classifier: " + model.getClass().getName());
  }

  /**
   * Smile weighs each tree of a classification forest by its accuracy on the rows its bootstrap
   * sample left out; a tree that left out no row gets NaN there, and Smile's probabilities become
   * NaN. Such a tree gets weight 1 here, and if every weight is 0, every tree does.
   */
  private static double[] usableWeights(double[] weights) {
    double sum = 0;
    for (int t = 0; t < weights.length; t++) {
      if (!Double.isFinite(weights[t])) {
        weights[t] = 1;
      }
      sum += weights[t];
    }
    if (sum == 0) {
      Arrays.fill(weights, 1);
    }
    return weights;
  }

  private static double read(Field field, Object owner) {
    try {
      return field.getDouble(owner);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read " + field, e);
    }
  }

  /**
   * Smile's impurity decrease per input as shares that sum to 1 (all zeros when no tree split).
   */
  static double[] importanceShares(double[] impurityDecrease) {
    double sum = 0;
    for (double decrease : impurityDecrease) {
      sum += decrease;
    }
    double[] shares = new double[impurityDecrease.length];
    for (int j = 0; j < shares.length && sum > 0; j++) {
      shares[j] = impurityDecrease[j] / sum;
    }
    return shares;
  }

  /**
   * Lays the trees out flat, each breadth-first from its root, so every child comes after its
   * parent; a leaf stores its class probabilities (classification trees) or its output.
   */
  private static TreeEnsemble build(Combination combination, int classes, double bias,
      double shrinkage, CART[] trees, double[] weights, double[] impurityDecrease) {
    int width = combination == Combination.WEIGHTED_PROBABILITIES ? classes : 1;
    int nodes = 0;
    for (CART tree : trees) {
      nodes += tree.size();
    }
    int[] roots = new int[trees.length];
    int[] feature = new int[nodes];
    double[] threshold = new double[nodes];
    int[] left = new int[nodes];
    int[] right = new int[nodes];
    double[] value = new double[nodes * width];
    Node[] queue = new Node[nodes];
    int next = 0;
    for (int t = 0; t < trees.length; t++) {
      roots[t] = next;
      int head = next;
      queue[next++] = trees[t].root();
      for (; head < next; head++) {
        Node node = queue[head];
        if (node instanceof InternalNode split) {
          if (!(split instanceof OrdinalNode)) {
            throw new IllegalStateException("unexpected split " + split.getClass().getName());
          }
          feature[head] = split.feature();
          threshold[head] = read(ORDINAL_THRESHOLD, split);
          left[head] = next;
          queue[next++] = split.trueChild();
          right[head] = next;
          queue[next++] = split.falseChild();
        } else {
          feature[head] = -1;
          left[head] = -1;
          right[head] = -1;
          if (node instanceof DecisionNode leaf) {
            double[] probabilities = leaf.posteriori(new double[width]);
            System.arraycopy(probabilities, 0, value, head * width, width);
          } else {
            value[head] = ((RegressionNode) node).output();
          }
        }
      }
    }
    double[] treeWeights = weights != null ? weights : ones(trees.length);
    return new TreeEnsemble(combination, classes, bias, shrinkage, treeWeights, roots, feature,
        threshold, left, right, value, importanceShares(impurityDecrease));
  }

  private static double[] ones(int n) {
    double[] ones = new double[n];
    Arrays.fill(ones, 1);
    return ones;
  }
}

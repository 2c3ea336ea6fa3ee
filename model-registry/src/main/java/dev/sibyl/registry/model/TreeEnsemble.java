package dev.sibyl.registry.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One or more binary decision trees over the encoded inputs, stored as flat arrays with one entry
 * per node, and the rule that combines the trees' leaves into a prediction.
 *
 * <p>The nodes of tree {@code t} are {@code roots[t] .. roots[t + 1] - 1} (the last tree ends at
 * the last node); the first of them is its root, and every child comes after its parent inside the
 * same tree. A split node {@code n} has {@code feature[n] >= 0} and a finite {@code threshold[n]}:
 * a row goes to {@code left[n]} when its encoded input {@code feature[n]} is {@code <=
 * threshold[n]}, else to {@code right[n]}. A leaf
 * has {@code feature[n] == -1}, {@code left[n] == right[n] == -1} and holds {@link #leafWidth()}
 * values at {@code value[n * leafWidth() ...]}; a split holds zeros there. Inputs are encoded by
 * the model's signature, which imputes missing numbers, so no missing value reaches a tree; a
 * category is a 0/1 input, split at 0.5.
 *
 * <p>{@code importance} holds, per encoded input, its share of the impurity decrease of all the
 * splits made while training (Smile's {@code importance()}: Gini or entropy for classification
 * trees, variance for regression trees, summed over the trees), normalised to sum to 1 (all zeros
 * when no tree splits). It is empty when unknown: trees stored before importances were recorded.
 *
 * @param combination how the trees' leaves make a prediction
 * @param classes the number of classes for a classifier, 0 for a regression
 * @param bias the initial score of the boosted rules ({@code b}), 0 for the others
 * @param shrinkage the factor of every leaf in the boosted rules, 1 for the others
 * @param treeWeights per tree, its weight in {@link Combination#WEIGHTED_PROBABILITIES}; 1 for
 *     every tree under the other rules
 * @param roots per tree, the index of its root node
 * @param feature per node, the encoded input it splits on, or -1 for a leaf
 * @param threshold per node, the split value (0 for a leaf)
 * @param left per node, the child for inputs {@code <= threshold} (-1 for a leaf)
 * @param right per node, the child for inputs {@code > threshold} (-1 for a leaf)
 * @param value per node, {@link #leafWidth()} leaf values
 * @param importance per encoded input, its share of the training impurity decrease; empty when
 *     unknown
 */
public record TreeEnsemble(
    Combination combination,
    int classes,
    double bias,
    double shrinkage,
    double[] treeWeights,
    int[] roots,
    int[] feature,
    double[] threshold,
    int[] left,
    int[] right,
    double[] value,
    double[] importance)
    implements ModelBody {

  /**
   * How the leaves of the trees combine into a prediction. Each rule has a stable id written into
   * payloads: never renumber or reuse one (a test pins them).
   */
  public enum Combination {
    /** Regression: the mean of the trees' leaf values, {@code sum / trees}. */
    MEAN(1),
    /**
     * Classification: each leaf holds one probability per class; the class probabilities are
     * {@code s_c = sum_t treeWeights[t] * p_t,c} divided by {@code sum_c s_c}; the predicted class
     * is the first most probable one.
     */
    WEIGHTED_PROBABILITIES(2),
    /** Regression: {@code bias + sum_t shrinkage * leaf_t}. */
    BOOSTED_SUM(3),
    /**
     * Two classes: {@code F = bias + sum_t shrinkage * leaf_t}; {@code P(first class) = 1 / (1 +
     * exp(2F))}, {@code P(second class) = 1 - P(first class)}; the second class iff {@code F > 0}.
     */
    BOOSTED_LOGISTIC(4),
    /**
     * Three or more classes: the trees form {@code classes} equal groups in class order; {@code F_c
     * = sum over the trees of group c of shrinkage * leaf}; the probabilities are the softmax of
     * {@code F}; the predicted class is the first with the largest {@code F_c}.
     */
    BOOSTED_SOFTMAX(5);

    private final int id;

    Combination(int id) {
      this.id = id;
    }

    /** The id stored in payloads. */
    public int id() {
      return id;
    }

    /** Finds a rule by its payload id. */
    public static Optional<Combination> fromId(int id) {
      for (Combination c : values()) {
        if (c.id == id) {
          return Optional.of(c);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * @throws IllegalArgumentException if the arrays do not describe well-formed trees for the rule
   */
  public TreeEnsemble {
    Objects.requireNonNull(combination, "combination");
    treeWeights = treeWeights.clone();
    roots = roots.clone();
    feature = feature.clone();
    threshold = threshold.clone();
    left = left.clone();
    right = right.clone();
    value = value.clone();
    importance = importance.clone();
    checkRule(combination, classes, bias, shrinkage, treeWeights, roots.length);
    checkTrees(roots, feature, threshold, left, right);
    int width = leafWidth(combination, classes);
    if (value.length != (long) feature.length * width) {
      throw new IllegalArgumentException(
          "need " + width + " values per node, got " + value.length + " for " + feature.length
              + " nodes");
    }
    for (int n = 0; n < feature.length; n++) {
      if (feature[n] == -1 ? threshold[n] != 0 : !zeros(value, n * width, width)) {
        throw new IllegalArgumentException(
            "node " + n + ": a leaf has threshold 0 and a split values 0");
      }
    }
    checkImportance(importance, feature);
  }

  /** Trees whose feature importances are unknown (stored before they were recorded). */
  public TreeEnsemble(Combination combination, int classes, double bias, double shrinkage,
      double[] treeWeights, int[] roots, int[] feature, double[] threshold, int[] left,
      int[] right, double[] value) {
    this(combination, classes, bias, shrinkage, treeWeights, roots, feature, threshold, left,
        right, value, new double[0]);
  }

  /** Number of values each leaf holds under a rule: the class count for WEIGHTED_PROBABILITIES. */
  public static int leafWidth(Combination combination, int classes) {
    return combination == Combination.WEIGHTED_PROBABILITIES ? classes : 1;
  }

  private static boolean zeros(double[] values, int from, int count) {
    for (int i = from; i < from + count; i++) {
      if (values[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static void checkRule(
      Combination combination, int classes, double bias, double shrinkage, double[] treeWeights,
      int trees) {
    if (trees == 0 || treeWeights.length != trees) {
      throw new IllegalArgumentException(
          "need at least one tree and one weight per tree, got " + trees + " trees and "
              + treeWeights.length + " weights");
    }
    boolean regression =
        combination == Combination.MEAN || combination == Combination.BOOSTED_SUM;
    boolean boosted = combination == Combination.BOOSTED_SUM
        || combination == Combination.BOOSTED_LOGISTIC
        || combination == Combination.BOOSTED_SOFTMAX;
    if (regression ? classes != 0 : classes < 2) {
      throw new IllegalArgumentException(combination + " does not fit " + classes + " classes");
    }
    if (combination == Combination.BOOSTED_LOGISTIC && classes != 2
        || combination == Combination.BOOSTED_SOFTMAX && (classes < 3 || trees % classes != 0)) {
      throw new IllegalArgumentException(
          combination + " does not fit " + trees + " trees for " + classes + " classes");
    }
    if (!boosted && (bias != 0 || shrinkage != 1)) {
      throw new IllegalArgumentException(combination + " has no bias and no shrinkage");
    }
    if (boosted && !(Double.isFinite(bias) && shrinkage > 0 && shrinkage <= 1)) {
      throw new IllegalArgumentException(
          "bias " + bias + " and shrinkage " + shrinkage + " are not valid");
    }
    for (double w : treeWeights) {
      boolean valid = combination == Combination.WEIGHTED_PROBABILITIES
          ? w >= 0 && Double.isFinite(w) : w == 1;
      if (!valid) {
        throw new IllegalArgumentException("tree weight " + w + " is not valid for " + combination);
      }
    }
  }

  private static void checkImportance(double[] importance, int[] feature) {
    if (importance.length == 0) {
      return;
    }
    double sum = 0;
    for (double share : importance) {
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException("importance " + share + " is not a share");
      }
      sum += share;
    }
    if (sum != 0 && Math.abs(sum - 1) > 1e-9) {
      throw new IllegalArgumentException("importances sum to " + sum + ", not 1");
    }
    for (int f : feature) {
      if (f >= importance.length) {
        throw new IllegalArgumentException(
            "a split on input " + f + " but importances for " + importance.length + " inputs");
      }
    }
  }

  private static void checkTrees(
      int[] roots, int[] feature, double[] threshold, int[] left, int[] right) {
    int nodes = feature.length;
    if (threshold.length != nodes || left.length != nodes || right.length != nodes) {
      throw new IllegalArgumentException("node arrays differ in length");
    }
    for (int t = 0; t < roots.length; t++) {
      int start = roots[t];
      int end = t + 1 < roots.length ? roots[t + 1] : nodes;
      if ((t == 0 ? start != 0 : start <= roots[t - 1]) || start >= end || end > nodes) {
        throw new IllegalArgumentException("tree " + t + " has no valid node range");
      }
      for (int n = start; n < end; n++) {
        if (feature[n] == -1) {
          if (left[n] != -1 || right[n] != -1) {
            throw new IllegalArgumentException("leaf " + n + " has children");
          }
        } else if (feature[n] < 0 || !Double.isFinite(threshold[n])
            || left[n] <= n || left[n] >= end || right[n] <= n || right[n] >= end) {
          throw new IllegalArgumentException("split " + n + " is not valid in tree " + t);
        }
      }
    }
  }

  /** Number of values each leaf holds: the class count for WEIGHTED_PROBABILITIES, else 1. */
  public int leafWidth() {
    return leafWidth(combination, classes);
  }

  /** Whether the importances are known (see {@link #importance()}). */
  public boolean hasImportance() {
    return importance.length > 0;
  }

  /** Number of trees. */
  public int treeCount() {
    return roots.length;
  }

  /** Number of nodes over all trees. */
  public int nodeCount() {
    return feature.length;
  }

  /** The largest encoded input index any split uses, or -1 if no tree splits. */
  public int maxFeature() {
    int max = -1;
    for (int f : feature) {
      max = Math.max(max, f);
    }
    return max;
  }

  @Override
  public double[] treeWeights() {
    return treeWeights.clone();
  }

  @Override
  public int[] roots() {
    return roots.clone();
  }

  @Override
  public int[] feature() {
    return feature.clone();
  }

  @Override
  public double[] threshold() {
    return threshold.clone();
  }

  @Override
  public int[] left() {
    return left.clone();
  }

  @Override
  public int[] right() {
    return right.clone();
  }

  @Override
  public double[] value() {
    return value.clone();
  }

  @Override
  public double[] importance() {
    return importance.clone();
  }
}

package dev.sibyl.functions.scoring;

import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.Task;
import dev.sibyl.registry.model.TreeEnsemble;
import dev.sibyl.registry.model.TreeEnsemble.Combination;
import java.util.Arrays;
import java.util.List;

/**
 * Scores a tree model (decision tree, random forest, gradient boosting) with a tight loop over flat
 * node arrays, combining the leaves by the model's {@link Combination} with the same arithmetic, in
 * the same order, as Smile's {@code predict}.
 *
 * <p>At construction the portable nodes are laid out again for the loop: splits are renumbered
 * densely, a child pointer {@code c < 0} names leaf {@code ~c}, and each leaf value is multiplied
 * once by its tree's weight (forests) or the shrinkage (boosting), products Smile computes per row.
 * Per row, the signature encodes the inputs into a per-thread buffer (missing numbers imputed,
 * categories one-hot), then each tree is walked from its root to a leaf.
 */
public final class TreeEnsembleScorer implements Scorer {
  private final PortableModel model;
  private final EncodedInputs inputs;
  private final Combination combination;
  private final int classes;
  private final int trees;
  private final double bias;
  private final int[] roots;
  private final int[] feature;
  private final double[] threshold;
  private final int[] left;
  private final int[] right;
  private final double[] leaves;
  private final ThreadLocal<Workspace> workspace;

  /** Per-thread buffers, so that scoring a row allocates nothing. */
  private static final class Workspace {
    final double[] x;
    final int[] hot;
    final double[] scores;

    Workspace(int width, int categoricalCount, int classes) {
      x = new double[width];
      hot = new int[categoricalCount];
      Arrays.fill(hot, -1);
      scores = new double[Math.max(classes, 1)];
    }
  }

  /**
   * @throws IllegalArgumentException if the model's body is not a {@link TreeEnsemble} that fits
   *     its task, classes and signature
   */
  public TreeEnsembleScorer(PortableModel model) {
    if (!(model.body() instanceof TreeEnsemble ensemble)) {
      throw new IllegalArgumentException("not a tree model");
    }
    this.model = model;
    this.combination = ensemble.combination();
    this.classes = ensemble.classes();
    boolean regression =
        combination == Combination.MEAN || combination == Combination.BOOSTED_SUM;
    if (regression != (model.task() == Task.REGRESSION)
        || !regression && classes != model.label().classes().size()) {
      throw new IllegalArgumentException(
          combination + " with " + classes + " classes does not fit a " + model.task()
              + " model with " + model.label().classes().size() + " classes");
    }
    int width = model.signature().encodedWidth();
    if (ensemble.maxFeature() >= width) {
      throw new IllegalArgumentException(
          "a split uses input " + ensemble.maxFeature() + " of " + width + " encoded inputs");
    }
    this.inputs = new EncodedInputs(model.signature());
    this.trees = ensemble.treeCount();
    this.bias = ensemble.bias();

    int[] portableFeature = ensemble.feature();
    int nodes = portableFeature.length;
    int[] renumbered = new int[nodes];
    int splits = 0;
    int leafCount = 0;
    for (int n = 0; n < nodes; n++) {
      renumbered[n] = portableFeature[n] >= 0 ? splits++ : ~leafCount++;
    }
    this.feature = new int[splits];
    this.threshold = new double[splits];
    this.left = new int[splits];
    this.right = new int[splits];
    int leafWidth = ensemble.leafWidth();
    this.leaves = new double[leafCount * leafWidth];
    this.roots = new int[trees];

    double[] portableThreshold = ensemble.threshold();
    int[] portableLeft = ensemble.left();
    int[] portableRight = ensemble.right();
    double[] value = ensemble.value();
    double[] weights = ensemble.treeWeights();
    int[] portableRoots = ensemble.roots();
    for (int t = 0; t < trees; t++) {
      int start = portableRoots[t];
      int end = t + 1 < trees ? portableRoots[t + 1] : nodes;
      roots[t] = renumbered[start];
      // Smile multiplies each leaf by the tree weight (forests) or the shrinkage (boosting).
      double factor = combination == Combination.WEIGHTED_PROBABILITIES ? weights[t]
          : combination == Combination.MEAN ? 1 : ensemble.shrinkage();
      for (int n = start; n < end; n++) {
        int id = renumbered[n];
        if (id >= 0) {
          feature[id] = portableFeature[n];
          threshold[id] = portableThreshold[n];
          left[id] = renumbered[portableLeft[n]];
          right[id] = renumbered[portableRight[n]];
        } else {
          for (int k = 0; k < leafWidth; k++) {
            double v = value[n * leafWidth + k];
            leaves[~id * leafWidth + k] = combination == Combination.MEAN ? v : factor * v;
          }
        }
      }
    }
    int categoricalCount = inputs.categoricalCount();
    int classCount = classes;
    this.workspace = ThreadLocal.withInitial(
        () -> new Workspace(width, categoricalCount, classCount));
  }

  @Override
  public PortableModel model() {
    return model;
  }

  /** Number of classes (0 for a regression). */
  public int classCount() {
    return classes;
  }

  @Override
  public double regress(double[] numeric, String[] categorical) {
    if (combination == Combination.MEAN) {
      return sumOfLeaves(encode(numeric, categorical), 0, trees, 0) / trees;
    }
    if (combination == Combination.BOOSTED_SUM) {
      return sumOfLeaves(encode(numeric, categorical), 0, trees, bias);
    }
    throw new IllegalStateException("a classifier predicts classes, not values");
  }

  @Override
  public int predictClass(double[] numeric, String[] categorical) {
    switch (combination) {
      case BOOSTED_LOGISTIC:
        return sumOfLeaves(encode(numeric, categorical), 0, trees, bias) > 0 ? 1 : 0;
      case BOOSTED_SOFTMAX:
        return firstMax(boostedScores(encode(numeric, categorical)));
      case WEIGHTED_PROBABILITIES:
        double[] scores = workspace.get().scores;
        weightedProbabilities(encode(numeric, categorical), scores);
        return firstMax(scores);
      default:
        throw notAClassifier();
    }
  }

  @Override
  public double probability(double[] numeric, String[] categorical) {
    double[] scores = workspace.get().scores;
    classProbabilities(numeric, categorical, scores);
    return classes == 2 ? scores[1] : scores[firstMax(scores)];
  }

  /**
   * Writes the probability of every class, in class order, into {@code out} (length {@link
   * #classCount()}); {@code out} may not be shared with another thread's call.
   *
   * @throws IllegalStateException for a regression model
   */
  public void classProbabilities(double[] numeric, String[] categorical, double[] out) {
    switch (combination) {
      case BOOSTED_LOGISTIC:
        double score = sumOfLeaves(encode(numeric, categorical), 0, trees, bias);
        out[0] = 1.0 / (1.0 + Math.exp(2 * score));
        out[1] = 1.0 - out[0];
        return;
      case BOOSTED_SOFTMAX:
        double[] scores = boostedScores(encode(numeric, categorical));
        double max = scores[firstMax(scores)];
        double sum = 0;
        for (int k = 0; k < classes; k++) {
          out[k] = Math.exp(scores[k] - max);
          sum += out[k];
        }
        for (int k = 0; k < classes; k++) {
          out[k] /= sum;
        }
        return;
      case WEIGHTED_PROBABILITIES:
        weightedProbabilities(encode(numeric, categorical), out);
        return;
      default:
        throw notAClassifier();
    }
  }

  @Override
  public Object predict(Object[] features) {
    double[] numeric = new double[inputs.numericCount()];
    String[] categorical = new String[inputs.categoricalCount()];
    inputs.split(features, numeric, categorical);
    if (model.task() == Task.REGRESSION) {
      return regress(numeric, categorical);
    }
    List<String> labels = model.label().classes();
    return labels.get(predictClass(numeric, categorical));
  }

  @Override
  public double probability(Object[] features) {
    double[] numeric = new double[inputs.numericCount()];
    String[] categorical = new String[inputs.categoricalCount()];
    inputs.split(features, numeric, categorical);
    return probability(numeric, categorical);
  }

  private double[] encode(double[] numeric, String[] categorical) {
    Workspace w = workspace.get();
    inputs.encode(numeric, categorical, w.x, w.hot);
    return w.x;
  }

  /** {@code initial} plus the (single) leaf value of trees {@code from .. to - 1}, in order. */
  private double sumOfLeaves(double[] x, int from, int to, double initial) {
    double sum = initial;
    for (int t = from; t < to; t++) {
      sum += leaves[~leafOf(t, x)];
    }
    return sum;
  }

  /** Walks tree {@code t} and returns its leaf as {@code ~leaf}. */
  private int leafOf(int t, double[] x) {
    int node = roots[t];
    while (node >= 0) {
      node = x[feature[node]] <= threshold[node] ? left[node] : right[node];
    }
    return node;
  }

  /** The per-class sums of the boosted trees, in the workspace's buffer. */
  private double[] boostedScores(double[] x) {
    double[] scores = workspace.get().scores;
    int perClass = trees / classes;
    for (int k = 0; k < classes; k++) {
      scores[k] = sumOfLeaves(x, k * perClass, (k + 1) * perClass, 0);
    }
    return scores;
  }

  /** Sums the weighted leaf probabilities of every tree into {@code out}, then normalises them. */
  private void weightedProbabilities(double[] x, double[] out) {
    for (int k = 0; k < classes; k++) {
      out[k] = 0;
    }
    for (int t = 0; t < trees; t++) {
      int offset = ~leafOf(t, x) * classes;
      for (int k = 0; k < classes; k++) {
        out[k] += leaves[offset + k];
      }
    }
    double norm = 0;
    for (int k = 0; k < classes; k++) {
      norm += Math.abs(out[k]);
    }
    for (int k = 0; k < classes; k++) {
      out[k] /= norm;
    }
  }

  /** The index of the first largest value. */
  private int firstMax(double[] scores) {
    int best = 0;
    for (int k = 1; k < classes; k++) {
      if (scores[k] > scores[best]) {
        best = k;
      }
    }
    return best;
  }

  private static IllegalStateException notAClassifier() {
    return new IllegalStateException("a regression model has no classes or probabilities");
  }
}

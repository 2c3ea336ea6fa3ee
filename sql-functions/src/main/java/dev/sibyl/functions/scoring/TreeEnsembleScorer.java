package dev.sibyl.functions.scoring;

import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.Task;
import dev.sibyl.registry.model.TreeEnsemble;
import dev.sibyl.registry.model.TreeEnsemble.Combination;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Scores a tree model (decision tree, random forest, gradient boosting) with a tight loop over flat
 * node arrays, combining the leaves by the model's {@link Combination} with the same arithmetic, in
 * the same order, as Smile's {@code predict}.
 *
 * <p>At construction the portable nodes are laid out again for the loop, tree by tree breadth
 * first: the two children of a split sit side by side, so a step is {@code next = child + (x >
 * threshold)}, computed without a branch from the sign of {@code threshold - x}; a leaf loops onto
 * itself through a constant zero input, so a tree is walked in exactly its depth in steps; and four
 * trees are walked side by side so that their load chains overlap. Each leaf value is multiplied
 * once by its tree's weight (forests) or the shrinkage (boosting), products Smile computes per
 * row. Per row, the signature encodes the inputs into a per-thread buffer (missing numbers imputed,
 * categories one-hot), then the trees' leaves are summed in tree order. Many rows at once (as
 * training scores its evaluation rows) go in parallel blocks, each block tree by tree.
 */
public final class TreeEnsembleScorer implements Scorer {
  private static final int LANES = 4;
  private static final int BLOCK = 1024;

  private final PortableModel model;
  private final EncodedInputs inputs;
  private final Combination combination;
  private final int classes;
  private final int trees;
  private final double bias;
  /** Per tree, its root node. */
  private final int[] roots;
  /** Per tree, the steps from its root to its deepest leaf. */
  private final int[] depths;
  /** Per node {@code n}: {@code links[2n]} its input, {@code links[2n + 1]} its left child. */
  private final int[] links;
  /** Per node, go right when the input is above it. */
  private final double[] thresholds;
  /** Per node, {@code leafWidth} leaf values (zeros for splits). */
  private final double[] values;
  private final int leafWidth;
  private final int encodedWidth;
  private final ThreadLocal<Workspace> workspace;

  /** Per-thread buffers, so that scoring a row allocates nothing. */
  private static final class Workspace {
    /** The encoded row, plus one input that is always 0 for the leaves to test. */
    final double[] x;
    final int[] hot;
    final double[] scores;
    final double[] probabilities;

    Workspace(int width, int categoricalCount, int classes) {
      x = new double[width + 1];
      hot = new int[categoricalCount];
      Arrays.fill(hot, -1);
      scores = new double[Math.max(classes, 1)];
      probabilities = new double[Math.max(classes, 1)];
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
    for (Feature f : model.signature().features()) {
      if (!(Double.isFinite(f.imputeValue()) && Double.isFinite(f.center())
          && Double.isFinite(f.scale()))) {
        throw new IllegalArgumentException("feature " + f.name() + " has a non-finite encoder");
      }
    }
    this.inputs = new EncodedInputs(model.signature());
    this.encodedWidth = width;
    this.trees = ensemble.treeCount();
    this.bias = ensemble.bias();
    this.leafWidth = ensemble.leafWidth();

    int[] feature = ensemble.feature();
    double[] threshold = ensemble.threshold();
    int[] left = ensemble.left();
    int[] right = ensemble.right();
    double[] value = ensemble.value();
    double[] weights = ensemble.treeWeights();
    int[] portableRoots = ensemble.roots();
    int nodes = feature.length;
    this.roots = new int[trees];
    this.depths = new int[trees];
    this.links = new int[2 * nodes];
    this.thresholds = new double[nodes];
    this.values = new double[nodes * leafWidth];
    int[] order = new int[nodes];
    int[] depth = new int[nodes];
    int next = 0;
    for (int t = 0; t < trees; t++) {
      // Smile multiplies each leaf by the tree weight (forests) or the shrinkage (boosting).
      double factor = combination == Combination.WEIGHTED_PROBABILITIES ? weights[t]
          : combination == Combination.MEAN ? 1 : ensemble.shrinkage();
      roots[t] = next;
      order[next] = portableRoots[t];
      depth[next] = 0;
      int end = next + 1;
      for (; next < end; next++) {
        int n = order[next];
        if (feature[n] >= 0) {
          links[2 * next] = feature[n];
          links[2 * next + 1] = end;
          thresholds[next] = threshold[n];
          order[end] = left[n];
          order[end + 1] = right[n];
          depth[end] = depth[next] + 1;
          depth[end + 1] = depth[next] + 1;
          end += 2;
        } else {
          links[2 * next] = width;
          links[2 * next + 1] = next;
          thresholds[next] = 0;
          depths[t] = Math.max(depths[t], depth[next]);
          for (int k = 0; k < leafWidth; k++) {
            double v = value[n * leafWidth + k];
            values[next * leafWidth + k] = combination == Combination.MEAN ? v : factor * v;
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
    requireRegression();
    return value(sumOfLeaves(encode(numeric, categorical), 0, trees, initialScore()));
  }

  @Override
  public int predictClass(double[] numeric, String[] categorical) {
    requireClassifier();
    return classOf(rawScores(encode(numeric, categorical), workspace.get().scores));
  }

  @Override
  public double probability(double[] numeric, String[] categorical) {
    requireClassifier();
    return probabilityOf(rawScores(encode(numeric, categorical), workspace.get().scores));
  }

  /**
   * Writes the probability of every class, in class order, into {@code out} (length {@link
   * #classCount()}).
   *
   * @throws IllegalStateException for a regression model
   */
  public void classProbabilities(double[] numeric, String[] categorical, double[] out) {
    requireClassifier();
    probabilities(rawScores(encode(numeric, categorical), workspace.get().scores), out);
  }

  /**
   * Scores many rows of a regression at once: {@code out[i]} is what {@link #regress(double[],
   * String[])} returns for row {@code i}. The rows are scored in blocks, in parallel on the common
   * fork-join pool, and each block tree by tree, so that a tree stays in cache while the block
   * passes through it. Allocates buffers per block.
   *
   * @throws IllegalStateException for a classifier
   */
  @Override
  public void regress(double[][] numericRows, String[][] categoricalRows, double[] out) {
    requireRegression();
    scoreBlocks(numericRows, categoricalRows, (row, raw) -> out[row] = value(raw[0]));
  }

  /**
   * Classifies many rows at once, as {@link #regress(double[][], String[][], double[])} scores
   * them: {@code classesOut[i]} and {@code probabilitiesOut[i]} are what {@link #predictClass} and
   * {@link #classProbabilities} give for row {@code i}.
   *
   * @throws IllegalStateException for a regression model
   */
  public void classify(double[][] numericRows, String[][] categoricalRows, int[] classesOut,
      double[][] probabilitiesOut) {
    requireClassifier();
    scoreBlocks(numericRows, categoricalRows, (row, raw) -> {
      classesOut[row] = classOf(raw);
      probabilities(raw, probabilitiesOut[row]);
    });
  }

  /** Many rows' classes, scored as {@link #regress(double[][], String[][], double[])} does. */
  @Override
  public void predictClasses(double[][] numericRows, String[][] categoricalRows, int[] out) {
    requireClassifier();
    scoreBlocks(numericRows, categoricalRows, (row, raw) -> out[row] = classOf(raw));
  }

  /**
   * Many rows' probabilities, scored as {@link #regress(double[][], String[][], double[])} does.
   */
  @Override
  public void probabilities(double[][] numericRows, String[][] categoricalRows, double[] out) {
    requireClassifier();
    scoreBlocks(numericRows, categoricalRows, (row, raw) -> out[row] = probabilityOf(raw));
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

  /*
   * The raw scores of a row are the sums Smile forms before its last step: one score (the sum of
   * the leaves, from 0 or from the bias) for MEAN, BOOSTED_SUM and BOOSTED_LOGISTIC; one per class
   * for BOOSTED_SOFTMAX (the sum of that class's trees) and WEIGHTED_PROBABILITIES (the weighted
   * sum of the trees' probabilities). Row by row and block by block, the leaves are added in tree
   * order, so both give the same doubles.
   */

  private int rawWidth() {
    return combination == Combination.BOOSTED_SOFTMAX
        || combination == Combination.WEIGHTED_PROBABILITIES ? classes : 1;
  }

  private double initialScore() {
    return combination == Combination.BOOSTED_SUM || combination == Combination.BOOSTED_LOGISTIC
        ? bias : 0;
  }

  /** The raw scores of an encoded row, written into {@code out}. */
  private double[] rawScores(double[] x, double[] out) {
    switch (combination) {
      case BOOSTED_SOFTMAX:
        int perClass = trees / classes;
        for (int k = 0; k < classes; k++) {
          out[k] = sumOfLeaves(x, k * perClass, (k + 1) * perClass, 0);
        }
        break;
      case WEIGHTED_PROBABILITIES:
        Arrays.fill(out, 0, classes, 0);
        for (int t = 0; t < trees; t++) {
          addLeaf(leafOf(t, x), 0, out);
        }
        break;
      default:
        out[0] = sumOfLeaves(x, 0, trees, initialScore());
    }
    return out;
  }

  /** Adds a leaf's values to the raw scores: one per class, or the one of tree {@code group}. */
  private void addLeaf(int leaf, int group, double[] raw) {
    if (leafWidth == 1) {
      raw[group] += values[leaf];
    } else {
      int offset = leaf * leafWidth;
      for (int k = 0; k < leafWidth; k++) {
        raw[k] += values[offset + k];
      }
    }
  }

  /** The predicted value of a regression from its raw score. */
  private double value(double raw) {
    return combination == Combination.MEAN ? raw / trees : raw;
  }

  /** The predicted class from the raw scores, as Smile picks it. */
  private int classOf(double[] raw) {
    switch (combination) {
      case BOOSTED_LOGISTIC:
        return raw[0] > 0 ? 1 : 0;
      case WEIGHTED_PROBABILITIES:
        double norm = norm1(raw);
        int best = 0;
        for (int k = 1; k < classes; k++) {
          if (raw[k] / norm > raw[best] / norm) {
            best = k;
          }
        }
        return best;
      default:
        return firstMax(raw);
    }
  }

  /**
   * What {@link #probability(double[], String[])} returns for the raw scores: the positive class's
   * probability for a binary model, else the predicted class's. Uses this thread's workspace.
   */
  private double probabilityOf(double[] raw) {
    double[] p = workspace.get().probabilities;
    probabilities(raw, p);
    return p[classes == 2 ? 1 : classOf(raw)];
  }

  /** The class probabilities from the raw scores, written into {@code out}. */
  private void probabilities(double[] raw, double[] out) {
    switch (combination) {
      case BOOSTED_LOGISTIC:
        out[0] = 1.0 / (1.0 + Math.exp(2 * raw[0]));
        out[1] = 1.0 - out[0];
        break;
      case BOOSTED_SOFTMAX:
        double max = raw[firstMax(raw)];
        double sum = 0;
        for (int k = 0; k < classes; k++) {
          out[k] = Math.exp(raw[k] - max);
          sum += out[k];
        }
        for (int k = 0; k < classes; k++) {
          out[k] /= sum;
        }
        break;
      default:
        double norm = norm1(raw);
        for (int k = 0; k < classes; k++) {
          out[k] = raw[k] / norm;
        }
    }
  }

  private double norm1(double[] raw) {
    double norm = 0;
    for (int k = 0; k < classes; k++) {
      norm += Math.abs(raw[k]);
    }
    return norm;
  }

  /** Receives the raw scores of one row of a block. */
  private interface RowScores {
    void accept(int row, double[] raw);
  }

  /**
   * Scores rows block by block, the blocks in parallel on the common fork-join pool; each block
   * tree by tree, four rows walked side by side.
   */
  private void scoreBlocks(double[][] numericRows, String[][] categoricalRows, RowScores sink) {
    int rows = numericRows.length;
    IntStream.range(0, (rows + BLOCK - 1) / BLOCK).parallel().forEach(b -> scoreBlock(
        numericRows, categoricalRows, b * BLOCK, Math.min(rows, (b + 1) * BLOCK), sink));
  }

  private void scoreBlock(double[][] numericRows, String[][] categoricalRows, int start, int end,
      RowScores sink) {
    int n = end - start;
    double[][] x = new double[n][encodedWidth + 1];
    double[][] raw = new double[n][rawWidth()];
    int[] hot = new int[inputs.categoricalCount()];
    for (int i = 0; i < n; i++) {
      Arrays.fill(hot, -1);
      inputs.encode(numericRows[start + i], categoricalRows[start + i], x[i], hot);
      raw[i][0] = initialScore();
    }
    int perClass = combination == Combination.BOOSTED_SOFTMAX ? trees / classes : trees;
    for (int t = 0; t < trees; t++) {
      int group = t / perClass;
      int i = 0;
      for (; i + LANES <= n; i += LANES) {
        int n0 = roots[t];
        int n1 = n0;
        int n2 = n0;
        int n3 = n0;
        for (int d = depths[t]; d > 0; d--) {
          n0 = step(x[i], n0);
          n1 = step(x[i + 1], n1);
          n2 = step(x[i + 2], n2);
          n3 = step(x[i + 3], n3);
        }
        addLeaf(n0, group, raw[i]);
        addLeaf(n1, group, raw[i + 1]);
        addLeaf(n2, group, raw[i + 2]);
        addLeaf(n3, group, raw[i + 3]);
      }
      for (; i < n; i++) {
        addLeaf(leafOf(t, x[i]), group, raw[i]);
      }
    }
    for (int i = 0; i < n; i++) {
      sink.accept(start + i, raw[i]);
    }
  }

  private void requireRegression() {
    if (model.task() != Task.REGRESSION) {
      throw new IllegalStateException("a classifier predicts classes, not values");
    }
  }

  private void requireClassifier() {
    if (model.task() != Task.CLASSIFICATION) {
      throw new IllegalStateException("a regression model has no classes or probabilities");
    }
  }

  private double[] encode(double[] numeric, String[] categorical) {
    Workspace w = workspace.get();
    inputs.encode(numeric, categorical, w.x, w.hot);
    return w.x;
  }

  /**
   * {@code initial} plus the single leaf value of each of the trees {@code from .. to - 1}, added
   * in tree order.
   */
  private double sumOfLeaves(double[] x, int from, int to, double initial) {
    double sum = initial;
    int t = from;
    for (; t + LANES <= to; t += LANES) {
      int n0 = roots[t];
      int n1 = roots[t + 1];
      int n2 = roots[t + 2];
      int n3 = roots[t + 3];
      int steps =
          Math.max(Math.max(depths[t], depths[t + 1]), Math.max(depths[t + 2], depths[t + 3]));
      for (int d = 0; d < steps; d++) {
        n0 = step(x, n0);
        n1 = step(x, n1);
        n2 = step(x, n2);
        n3 = step(x, n3);
      }
      sum += values[n0];
      sum += values[n1];
      sum += values[n2];
      sum += values[n3];
    }
    for (; t < to; t++) {
      sum += values[leafOf(t, x)];
    }
    return sum;
  }

  /** Walks tree {@code t} to its leaf. */
  private int leafOf(int t, double[] x) {
    int node = roots[t];
    for (int d = depths[t]; d > 0; d--) {
      node = step(x, node);
    }
    return node;
  }

  /**
   * One step down: the left child when the input is at most the threshold, else the right child
   * next to it. {@code threshold - x} is negative exactly when {@code x > threshold} (the inputs
   * are never NaN: missing ones are imputed), so its sign bit picks the child without a branch. A
   * leaf tests the constant zero input against 0 and stays where it is.
   */
  private int step(double[] x, int node) {
    double gap = thresholds[node] - x[links[2 * node]];
    return links[2 * node + 1] + (int) (Double.doubleToRawLongBits(gap) >>> 63);
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
}

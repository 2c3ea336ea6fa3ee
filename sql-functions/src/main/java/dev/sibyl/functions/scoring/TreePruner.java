package dev.sibyl.functions.scoring;

import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.TreeEnsemble;
import java.util.Arrays;

/**
 * Drops the tree branches that no row can reach given {@link KnownValues}: a split every reachable
 * value sends the same way is replaced by the child it goes to. Leaves keep their values and the
 * trees their order, so the pruned model scores every such row exactly as the whole one does.
 */
public final class TreePruner {
  private TreePruner() {}

  /**
   * The model with its trees pruned, or the model itself when it is not a single tree ensemble or
   * nothing can be pruned.
   */
  public static PortableModel prune(PortableModel model, KnownValues known) {
    if (!(model.body() instanceof TreeEnsemble trees) || known.isEmpty()) {
      return model;
    }
    TreeEnsemble pruned = prune(trees, known.encoded());
    return pruned == trees ? model : new PortableModel(model.algorithm(), model.task(),
        model.signature(), model.label(), pruned, model.transform());
  }

  private static TreeEnsemble prune(TreeEnsemble trees, KnownValues.EncodedRange[] inputs) {
    Copy copy = new Copy(trees, inputs);
    int[] roots = trees.roots();
    int[] newRoots = new int[roots.length];
    for (int t = 0; t < roots.length; t++) {
      newRoots[t] = copy.subtree(roots[t]);
    }
    if (copy.size == trees.nodeCount()) {
      return trees;
    }
    return new TreeEnsemble(trees.combination(), trees.classes(), trees.bias(),
        trees.shrinkage(), trees.treeWeights(), newRoots,
        Arrays.copyOf(copy.feature, copy.size), Arrays.copyOf(copy.threshold, copy.size),
        Arrays.copyOf(copy.left, copy.size), Arrays.copyOf(copy.right, copy.size),
        Arrays.copyOf(copy.value, copy.size * copy.width), trees.importance());
  }

  /** The reachable nodes, copied in pre-order (each child after its parent, as stored). */
  private static final class Copy {
    private final KnownValues.EncodedRange[] inputs;
    private final int[] oldFeature;
    private final double[] oldThreshold;
    private final int[] oldLeft;
    private final int[] oldRight;
    private final double[] oldValue;
    private final int width;
    final int[] feature;
    final double[] threshold;
    final int[] left;
    final int[] right;
    final double[] value;
    int size;

    Copy(TreeEnsemble trees, KnownValues.EncodedRange[] inputs) {
      this.inputs = inputs;
      oldFeature = trees.feature();
      oldThreshold = trees.threshold();
      oldLeft = trees.left();
      oldRight = trees.right();
      oldValue = trees.value();
      width = trees.leafWidth();
      int nodes = trees.nodeCount();
      feature = new int[nodes];
      threshold = new double[nodes];
      left = new int[nodes];
      right = new int[nodes];
      value = new double[nodes * width];
    }

    /** Copies the reachable part of the subtree at {@code node}; returns its new index. */
    int subtree(int node) {
      node = reachedFrom(node);
      int copied = size++;
      feature[copied] = oldFeature[node];
      threshold[copied] = oldThreshold[node];
      System.arraycopy(oldValue, node * width, value, copied * width, width);
      if (oldFeature[node] < 0) {
        left[copied] = -1;
        right[copied] = -1;
      } else {
        left[copied] = subtree(oldLeft[node]);
        right[copied] = subtree(oldRight[node]);
      }
      return copied;
    }

    /** The first node from {@code node} down whose split the known values do not decide. */
    private int reachedFrom(int node) {
      // the scorer sends +0.0 right of a threshold of -0.0 (the sign of t - x), so leave those
      while (oldFeature[node] >= 0 && !isNegativeZero(oldThreshold[node])) {
        KnownValues.EncodedRange input = inputs[oldFeature[node]];
        if (input.allAtMost(oldThreshold[node])) {
          node = oldLeft[node];
        } else if (input.allAbove(oldThreshold[node])) {
          node = oldRight[node];
        } else {
          return node;
        }
      }
      return node;
    }

    private static boolean isNegativeZero(double value) {
      return Double.doubleToRawLongBits(value) == Long.MIN_VALUE;
    }
  }
}

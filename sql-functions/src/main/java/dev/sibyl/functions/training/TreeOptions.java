package dev.sibyl.functions.training;

import dev.sibyl.registry.model.Task;

/**
 * The options every tree algorithm has, and how they map to Smile's parameters.
 *
 * <p>{@code max_depth} counts split levels, as scikit-learn does (a stump has depth 1); Smile
 * counts node levels, so it gets {@code max_depth + 1}. {@code max_nodes} bounds the leaves of a
 * tree (Smile's {@code maxNodes}); 0 means no bound beyond what {@code max_depth} and {@code
 * min_node_size} allow.
 */
sealed interface TreeOptions permits DecisionTreeOptions, RandomForestOptions,
    GradientBoostingOptions {

  /** The requested task, or null when the label's type decides. */
  Task task();

  /** Most split levels from the root to a leaf. */
  int maxDepth();

  /** Most leaves per tree, or 0 for no limit. */
  int maxNodes();

  /** Fewest training rows in a leaf (bootstrap copies count). */
  int minNodeSize();

  /** The split rule the user set for a classifier, or null when left to its default. */
  TreeSplitRule requestedSplitRule();

  /** Smile's {@code maxDepth}: it also counts the leaf level. */
  default int smileMaxDepth() {
    return maxDepth() + 1;
  }

  /**
   * Smile's {@code maxNodes}. With no limit, the row count: a tree never has more leaves than rows,
   * and Smile then still grows it best-first from a queue rather than by recursion.
   */
  default int smileMaxNodes(int rows) {
    return maxNodes() == 0 ? Math.max(2, rows) : maxNodes();
  }
}

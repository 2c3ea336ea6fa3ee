package dev.sibyl.functions.training;

import static dev.sibyl.functions.training.TreeOptionReader.MAX_DEPTH;
import static dev.sibyl.functions.training.TreeOptionReader.MAX_DEPTH_LIMIT;
import static dev.sibyl.functions.training.TreeOptionReader.MAX_NODES;
import static dev.sibyl.functions.training.TreeOptionReader.MIN_NODE_SIZE;
import static dev.sibyl.functions.training.TreeOptionReader.SPLIT_RULE;
import static dev.sibyl.functions.training.TreeOptionReader.TASK;

import dev.sibyl.registry.model.Task;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hyperparameters of {@code decision_tree} (Smile's CART: {@code DecisionTree} for classification,
 * {@code RegressionTree} for regression), each named, bounded and defaulted here.
 *
 * @param task the requested task, or null when the label's type decides
 * @param maxDepth most split levels, {@code 1 ..} {@value TreeOptionReader#MAX_DEPTH_LIMIT}
 * @param maxNodes most leaves ({@code >= 2}), or 0 for no limit
 * @param minNodeSize fewest training rows in a leaf, {@code >= 1}
 * @param requestedSplitRule the impurity of classification splits, or null for {@link
 *     #DEFAULT_SPLIT_RULE}
 */
public record DecisionTreeOptions(
    Task task, int maxDepth, int maxNodes, int minNodeSize, TreeSplitRule requestedSplitRule)
    implements AlgorithmOptions, TreeOptions {
  /** Default depth limit (Smile's 20 node levels, less the leaf level it also counts). */
  public static final int DEFAULT_MAX_DEPTH = 20;
  /** Default leaf limit: none. */
  public static final int DEFAULT_MAX_NODES = 0;
  /** Default smallest leaf (Smile's). */
  public static final int DEFAULT_MIN_NODE_SIZE = 5;
  /** Default split rule (Smile's and scikit-learn's). */
  public static final TreeSplitRule DEFAULT_SPLIT_RULE = TreeSplitRule.GINI;
  /** The hyperparameter names, in documentation order. */
  public static final List<String> NAMES =
      List.of(TASK, MAX_DEPTH, MAX_NODES, MIN_NODE_SIZE, SPLIT_RULE);

  /** The defaults. */
  public static final DecisionTreeOptions DEFAULTS = new DecisionTreeOptions(
      null, DEFAULT_MAX_DEPTH, DEFAULT_MAX_NODES, DEFAULT_MIN_NODE_SIZE, null);

  static DecisionTreeOptions read(OptionValues values) throws SQLException {
    return new DecisionTreeOptions(
        TreeOptionReader.task(values),
        TreeOptionReader.integer(values, MAX_DEPTH, DEFAULT_MAX_DEPTH, 1, MAX_DEPTH_LIMIT),
        TreeOptionReader.maxNodes(values, DEFAULT_MAX_NODES),
        TreeOptionReader.integer(
            values, MIN_NODE_SIZE, DEFAULT_MIN_NODE_SIZE, 1, Integer.MAX_VALUE),
        TreeOptionReader.splitRule(values));
  }

  /** The split rule of a classifier. */
  public TreeSplitRule splitRule() {
    return requestedSplitRule == null ? DEFAULT_SPLIT_RULE : requestedSplitRule;
  }

  @Override
  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(TASK, TreeOptionReader.taskName(task));
    map.put(MAX_DEPTH, maxDepth);
    map.put(MAX_NODES, maxNodes);
    map.put(MIN_NODE_SIZE, minNodeSize);
    map.put(SPLIT_RULE, splitRule().sqlName());
    return map;
  }

  @Override
  public java.util.Optional<Task> fixedTask() {
    return java.util.Optional.ofNullable(task);
  }
}

package dev.sibyl.functions.training;

import static dev.sibyl.functions.training.TreeOptionReader.MAX_DEPTH;
import static dev.sibyl.functions.training.TreeOptionReader.MAX_DEPTH_LIMIT;
import static dev.sibyl.functions.training.TreeOptionReader.MAX_NODES;
import static dev.sibyl.functions.training.TreeOptionReader.MIN_NODE_SIZE;
import static dev.sibyl.functions.training.TreeOptionReader.SPLIT_RULE;
import static dev.sibyl.functions.training.TreeOptionReader.SUBSAMPLE;
import static dev.sibyl.functions.training.TreeOptionReader.TASK;
import static dev.sibyl.functions.training.TreeOptionReader.TREES;
import static dev.sibyl.functions.training.TreeOptionReader.TREES_LIMIT;

import dev.sibyl.registry.model.Task;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hyperparameters of {@code random_forest} (Smile's {@code RandomForest}), each named, bounded and
 * defaulted here.
 *
 * <p>Each tree is fitted on a bootstrap sample (rows drawn with replacement, as many as there are
 * rows) when {@code subsample} is 1, else on that share of the rows drawn without replacement
 * (for a classifier, per class). At each split it considers {@code mtry} encoded inputs drawn at
 * random: 0 means Smile's rule, {@code floor(sqrt(inputs))} for classification and {@code
 * max(1, floor(inputs / 3))} for regression, where a category counts one input per value.
 *
 * @param task the requested task, or null when the label's type decides
 * @param trees number of trees, {@code 1 ..} {@value TreeOptionReader#TREES_LIMIT}
 * @param maxDepth most split levels per tree, {@code 1 ..} {@value
 *     TreeOptionReader#MAX_DEPTH_LIMIT}
 * @param maxNodes most leaves per tree ({@code >= 2}), or 0 for no limit
 * @param minNodeSize fewest training rows in a leaf, {@code >= 1}
 * @param mtry encoded inputs tried per split, or 0 for Smile's rule; at most the input count
 * @param subsample share of the rows each tree is fitted on, in {@code (0, 1]}
 * @param requestedSplitRule the impurity of classification splits, or null for {@link
 *     #DEFAULT_SPLIT_RULE}
 */
public record RandomForestOptions(
    Task task,
    int trees,
    int maxDepth,
    int maxNodes,
    int minNodeSize,
    int mtry,
    double subsample,
    TreeSplitRule requestedSplitRule)
    implements AlgorithmOptions, TreeOptions {
  /** Option name of the inputs tried per split. */
  public static final String MTRY = "mtry";
  /** Default number of trees (scikit-learn's). */
  public static final int DEFAULT_TREES = 100;
  /** Default depth limit (Smile's 20 node levels, less the leaf level it also counts). */
  public static final int DEFAULT_MAX_DEPTH = 20;
  /** Default leaf limit: none. */
  public static final int DEFAULT_MAX_NODES = 0;
  /** Default smallest leaf (Smile's). */
  public static final int DEFAULT_MIN_NODE_SIZE = 5;
  /** Default inputs per split: Smile's rule. */
  public static final int DEFAULT_MTRY = 0;
  /** Default share of rows: 1, a bootstrap sample. */
  public static final double DEFAULT_SUBSAMPLE = 1.0;
  /** Default split rule (Smile's and scikit-learn's). */
  public static final TreeSplitRule DEFAULT_SPLIT_RULE = TreeSplitRule.GINI;
  /** The hyperparameter names, in documentation order. */
  public static final List<String> NAMES = List.of(
      TASK, TREES, MAX_DEPTH, MAX_NODES, MIN_NODE_SIZE, MTRY, SUBSAMPLE, SPLIT_RULE);

  /** The defaults. */
  public static final RandomForestOptions DEFAULTS = new RandomForestOptions(
      null, DEFAULT_TREES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_NODES, DEFAULT_MIN_NODE_SIZE,
      DEFAULT_MTRY, DEFAULT_SUBSAMPLE, null);

  static RandomForestOptions read(OptionValues values) throws SQLException {
    return new RandomForestOptions(
        TreeOptionReader.task(values),
        TreeOptionReader.integer(values, TREES, DEFAULT_TREES, 1, TREES_LIMIT),
        TreeOptionReader.integer(values, MAX_DEPTH, DEFAULT_MAX_DEPTH, 1, MAX_DEPTH_LIMIT),
        TreeOptionReader.maxNodes(values, DEFAULT_MAX_NODES),
        TreeOptionReader.integer(
            values, MIN_NODE_SIZE, DEFAULT_MIN_NODE_SIZE, 1, Integer.MAX_VALUE),
        TreeOptionReader.integer(values, MTRY, DEFAULT_MTRY, 0, Integer.MAX_VALUE),
        TreeOptionReader.fraction(values, SUBSAMPLE, DEFAULT_SUBSAMPLE),
        TreeOptionReader.splitRule(values));
  }

  /** The split rule of a classifier. */
  public TreeSplitRule splitRule() {
    return requestedSplitRule == null ? DEFAULT_SPLIT_RULE : requestedSplitRule;
  }

  /** The inputs tried per split for {@code inputs} encoded inputs: {@code mtry} or Smile's rule. */
  int effectiveMtry(int inputs, Task resolvedTask) {
    if (mtry > 0) {
      return mtry;
    }
    return resolvedTask == Task.CLASSIFICATION
        ? Math.max(1, (int) Math.sqrt(inputs))
        : Math.max(1, inputs / 3);
  }

  @Override
  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(TASK, TreeOptionReader.taskName(task));
    map.put(TREES, trees);
    map.put(MAX_DEPTH, maxDepth);
    map.put(MAX_NODES, maxNodes);
    map.put(MIN_NODE_SIZE, minNodeSize);
    map.put(MTRY, mtry);
    map.put(SUBSAMPLE, subsample);
    map.put(SPLIT_RULE, splitRule().sqlName());
    return map;
  }

  @Override
  public java.util.Optional<Task> fixedTask() {
    return java.util.Optional.ofNullable(task);
  }
}

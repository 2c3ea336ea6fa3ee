package dev.sibyl.functions.training;

import static dev.sibyl.functions.training.TreeOptionReader.MAX_DEPTH;
import static dev.sibyl.functions.training.TreeOptionReader.MAX_DEPTH_LIMIT;
import static dev.sibyl.functions.training.TreeOptionReader.MAX_NODES;
import static dev.sibyl.functions.training.TreeOptionReader.MIN_NODE_SIZE;
import static dev.sibyl.functions.training.TreeOptionReader.SUBSAMPLE;
import static dev.sibyl.functions.training.TreeOptionReader.TASK;
import static dev.sibyl.functions.training.TreeOptionReader.TREES;
import static dev.sibyl.functions.training.TreeOptionReader.TREES_LIMIT;

import dev.sibyl.registry.model.Task;
import dev.sibyl.registry.SibylErrors;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hyperparameters of {@code gradient_boosting} (Smile's {@code GradientTreeBoost}), each named,
 * bounded and defaulted here.
 *
 * <p>Regression boosts least-squares regression trees from the mean label; classification boosts
 * the logistic loss with one tree per round for two classes and one tree per class per round
 * (softmax) for more. The defaults are scikit-learn's ({@code GradientBoostingRegressor} and
 * {@code GradientBoostingClassifier}: 100 rounds, depth 3, learning rate 0.1, no subsampling), not
 * Smile's (500 rounds, 6 leaves, shrinkage 0.05, subsample 0.7, least absolute deviation).
 *
 * @param task the requested task, or null when the label's type decides
 * @param trees number of boosting rounds, {@code 1 ..} {@value TreeOptionReader#TREES_LIMIT}
 * @param maxDepth most split levels per tree, {@code 1 ..} {@value
 *     TreeOptionReader#MAX_DEPTH_LIMIT}
 * @param maxNodes most leaves per tree ({@code >= 2}), or 0 for no limit beyond {@code 2^max_depth}
 * @param minNodeSize fewest training rows in a leaf, {@code >= 1}
 * @param shrinkage the learning rate each tree is scaled by, in {@code (0, 1]}
 * @param subsample share of the rows each tree is fitted on (drawn without replacement), in {@code
 *     (0, 1]}
 */
public record GradientBoostingOptions(
    Task task,
    int trees,
    int maxDepth,
    int maxNodes,
    int minNodeSize,
    double shrinkage,
    double subsample)
    implements AlgorithmOptions, TreeOptions {
  /** Option name of the learning rate. */
  public static final String SHRINKAGE = "shrinkage";
  /** Default number of rounds. */
  public static final int DEFAULT_TREES = 100;
  /** Default depth limit. */
  public static final int DEFAULT_MAX_DEPTH = 3;
  /** Default leaf limit: none beyond the depth's. */
  public static final int DEFAULT_MAX_NODES = 0;
  /** Default smallest leaf (Smile's). */
  public static final int DEFAULT_MIN_NODE_SIZE = 5;
  /** Default learning rate. */
  public static final double DEFAULT_SHRINKAGE = 0.1;
  /** Default share of rows per tree: all of them. */
  public static final double DEFAULT_SUBSAMPLE = 1.0;
  /** The hyperparameter names, in documentation order. */
  public static final List<String> NAMES = List.of(
      TASK, TREES, MAX_DEPTH, MAX_NODES, MIN_NODE_SIZE, SHRINKAGE, SUBSAMPLE);

  /** The defaults. */
  public static final GradientBoostingOptions DEFAULTS = new GradientBoostingOptions(
      null, DEFAULT_TREES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_NODES, DEFAULT_MIN_NODE_SIZE,
      DEFAULT_SHRINKAGE, DEFAULT_SUBSAMPLE);

  static GradientBoostingOptions read(OptionValues values) throws SQLException {
    Task task = TreeOptionReader.task(values);
    int trees = TreeOptionReader.integer(values, TREES, DEFAULT_TREES, 1, TREES_LIMIT);
    int maxDepth =
        TreeOptionReader.integer(values, MAX_DEPTH, DEFAULT_MAX_DEPTH, 1, MAX_DEPTH_LIMIT);
    int maxNodes = TreeOptionReader.maxNodes(values, DEFAULT_MAX_NODES);
    int minNodeSize = TreeOptionReader.integer(
        values, MIN_NODE_SIZE, DEFAULT_MIN_NODE_SIZE, 1, Integer.MAX_VALUE);
    double shrinkage = values.number(SHRINKAGE, DEFAULT_SHRINKAGE);
    if (!(shrinkage > 0 && shrinkage <= 1)) {
      throw SibylErrors.optionOutOfRange(SHRINKAGE, shrinkage, "a number > 0 and <= 1");
    }
    double subsample = TreeOptionReader.fraction(values, SUBSAMPLE, DEFAULT_SUBSAMPLE);
    return new GradientBoostingOptions(
        task, trees, maxDepth, maxNodes, minNodeSize, shrinkage, subsample);
  }

  @Override
  public TreeSplitRule requestedSplitRule() {
    return null;
  }

  @Override
  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(TASK, TreeOptionReader.taskName(task));
    map.put(TREES, trees);
    map.put(MAX_DEPTH, maxDepth);
    map.put(MAX_NODES, maxNodes);
    map.put(MIN_NODE_SIZE, minNodeSize);
    map.put(SHRINKAGE, shrinkage);
    map.put(SUBSAMPLE, subsample);
    return map;
  }

  @Override
  public java.util.Optional<Task> fixedTask() {
    return java.util.Optional.ofNullable(task);
  }
}

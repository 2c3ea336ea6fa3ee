package dev.sibyl.functions.training;

import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.model.Task;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The option names the tree algorithms share, and how each is read and bounded. The defaults live
 * in each algorithm's options record.
 */
final class TreeOptionReader {
  /** Option name of the task: {@code classification} or {@code regression}. */
  static final String TASK = "task";
  /** Option name of the number of trees (boosting rounds). */
  static final String TREES = "trees";
  /** Option name of the depth limit. */
  static final String MAX_DEPTH = "max_depth";
  /** Option name of the leaf limit. */
  static final String MAX_NODES = "max_nodes";
  /** Option name of the smallest leaf. */
  static final String MIN_NODE_SIZE = "min_node_size";
  /** Option name of the impurity measure of classification splits. */
  static final String SPLIT_RULE = "split_rule";
  /** Option name of the share of rows each tree is fitted on. */
  static final String SUBSAMPLE = "subsample";

  /** The value of {@code task} (and of a default) meaning: decided by the label's type. */
  static final String AUTO = "auto";
  /** Largest {@code max_depth}. */
  static final int MAX_DEPTH_LIMIT = 1000;
  /** Largest {@code trees}. */
  static final int TREES_LIMIT = 10_000;

  private TreeOptionReader() {}

  /** The requested task, or null when absent (the label's type decides). */
  static Task task(OptionValues values) throws SQLException {
    String text = values.text(TASK, "'classification' or 'regression'");
    if (text == null) {
      return null;
    }
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "classification":
        return Task.CLASSIFICATION;
      case "regression":
        return Task.REGRESSION;
      default:
        throw SibylErrors.badOptionValue(TASK, "'" + text + "'",
            "'classification' or 'regression'");
    }
  }

  /** The task as the options map shows it. */
  static String taskName(Task task) {
    return task == null ? AUTO : task.name().toLowerCase(Locale.ROOT);
  }

  /** An integer option within {@code [min, max]}. */
  static int integer(OptionValues values, String name, int defaultValue, int min, int max)
      throws SQLException {
    long value = values.integer(name, defaultValue);
    if (value < min || value > max) {
      throw SibylErrors.optionOutOfRange(name, value,
          "an integer >= " + min + " and <= " + max);
    }
    return (int) value;
  }

  /** {@code max_nodes}: 0 (no limit) or at least 2 leaves. */
  static int maxNodes(OptionValues values, int defaultValue) throws SQLException {
    long value = values.integer(MAX_NODES, defaultValue);
    if (value != 0 && (value < 2 || value > Integer.MAX_VALUE)) {
      throw SibylErrors.optionOutOfRange(MAX_NODES, value,
          "0 (no limit) or an integer >= 2 and <= " + Integer.MAX_VALUE);
    }
    return (int) value;
  }

  /** A share of rows in {@code (0, 1]}. */
  static double fraction(OptionValues values, String name, double defaultValue)
      throws SQLException {
    double value = values.number(name, defaultValue);
    if (!(value > 0 && value <= 1)) {
      throw SibylErrors.optionOutOfRange(name, value, "a number > 0 and <= 1");
    }
    return value;
  }

  /** {@code split_rule}, or null when absent. */
  static TreeSplitRule splitRule(OptionValues values) throws SQLException {
    String text = values.text(SPLIT_RULE, "'gini' or 'entropy'");
    if (text == null) {
      return null;
    }
    for (TreeSplitRule rule : TreeSplitRule.values()) {
      if (rule.sqlName().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return rule;
      }
    }
    throw SibylErrors.badOptionValue(SPLIT_RULE, "'" + text + "'", "'gini' or 'entropy'");
  }
}

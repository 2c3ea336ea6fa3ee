package dev.sibyl.functions.training;

import smile.base.cart.SplitRule;

/** The impurity measure a classification tree minimises when it chooses a split. */
public enum TreeSplitRule {
  /** Gini impurity, {@code 1 - sum p_c^2}. */
  GINI("gini", SplitRule.GINI),
  /** Entropy, {@code -sum p_c log2 p_c} (information gain). */
  ENTROPY("entropy", SplitRule.ENTROPY);

  private final String sqlName;
  private final SplitRule smile;

  TreeSplitRule(String sqlName, SplitRule smile) {
    this.sqlName = sqlName;
    this.smile = smile;
  }

  /** The name users write in {@code split_rule = '...'}. */
  public String sqlName() {
    return sqlName;
  }

  /** Smile's rule. */
  SplitRule smile() {
    return smile;
  }
}

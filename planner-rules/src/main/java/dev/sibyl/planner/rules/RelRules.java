package dev.sibyl.planner.rules;

import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.tools.RelBuilderFactory;

/** What Sibyl's rule configurations share. */
final class RelRules {
  /** The builder factory of Calcite's own rules. */
  static final RelBuilderFactory DEFAULT_BUILDER = RelFactories.LOGICAL_BUILDER;

  private RelRules() {}
}

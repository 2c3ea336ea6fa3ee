package dev.sibyl.registry.model;

/**
 * What a model predicts: a number, one of a fixed set of classes, or (without a label) the
 * cluster a row falls in.
 */
public enum Task {
  REGRESSION,
  CLASSIFICATION,
  CLUSTERING
}

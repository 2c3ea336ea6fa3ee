package dev.sibyl.registry.model;

/** What a model predicts: a number or one of a fixed set of classes. */
public enum Task {
  REGRESSION,
  CLASSIFICATION
}

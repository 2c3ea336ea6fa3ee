package dev.sibyl.registry.model;

/** How a feature column is encoded: as a number, or as a category expanded one-hot. */
public enum FeatureKind {
  NUMERIC,
  CATEGORICAL
}

package dev.sibyl.functions.training;

import java.util.Map;

/** The validated hyperparameters of one algorithm. */
public sealed interface AlgorithmOptions
    permits LinearRegressionOptions, LogisticRegressionOptions, DecisionTreeOptions,
        RandomForestOptions, GradientBoostingOptions {
  /** Every hyperparameter by its option name, defaults included, in documentation order. */
  Map<String, Object> asMap();
}

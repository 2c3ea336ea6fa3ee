package dev.sibyl.functions.training;

import dev.sibyl.registry.model.Task;
import java.util.Map;
import java.util.Optional;

/** The validated hyperparameters of one algorithm. */
public sealed interface AlgorithmOptions
    permits LinearRegressionOptions,
        LogisticRegressionOptions,
        RidgeOptions,
        LassoOptions,
        ElasticNetOptions,
        NaiveBayesOptions,
        KMeansOptions,
        LinearSvmOptions,
        MlpOptions,
        DecisionTreeOptions,
        RandomForestOptions,
        GradientBoostingOptions {
  /** Every hyperparameter by its option name, defaults included, in documentation order. */
  Map<String, Object> asMap();

  /**
   * The task trained, when the type (or one of its options) fixes it; empty when it follows the
   * label's SQL type: numbers are regressed, text and booleans are classified.
   */
  default Optional<Task> fixedTask() {
    return Optional.empty();
  }
}

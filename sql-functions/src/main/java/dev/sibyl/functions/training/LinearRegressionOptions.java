package dev.sibyl.functions.training;

import dev.sibyl.registry.model.Task;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Hyperparameters of {@code linear_regression} (ordinary least squares): none yet, so this is the
 * one place to add them.
 *
 * <p>The fit always uses Smile's SVD solver, which returns the minimum-norm least-squares solution
 * when inputs are collinear, as the one-hot columns of a categorical feature without NULLs are with
 * the intercept. Smile's QR solver is not offered: on such inputs it returns weights of the order of
 * 1e16 that cancel only on the training categories.
 */
public record LinearRegressionOptions() implements AlgorithmOptions {
  /** The hyperparameter names, in documentation order. */
  public static final List<String> NAMES = List.of();

  /** The defaults. */
  public static final LinearRegressionOptions DEFAULTS = new LinearRegressionOptions();

  static LinearRegressionOptions read(OptionValues values) {
    return DEFAULTS;
  }

  /** The Smile properties of {@code smile.regression.OLS.fit}. */
  Properties toProperties() {
    Properties properties = new Properties();
    properties.setProperty("smile.ols.method", "svd");
    // Both need X'X to be invertible, which collinear inputs make it not.
    properties.setProperty("smile.ols.standard_error", "false");
    properties.setProperty("smile.ols.recursive", "false");
    return properties;
  }

  @Override
  public Optional<Task> fixedTask() {
    return Optional.of(Task.REGRESSION);
  }

  @Override
  public Map<String, Object> asMap() {
    return new LinkedHashMap<>();
  }
}

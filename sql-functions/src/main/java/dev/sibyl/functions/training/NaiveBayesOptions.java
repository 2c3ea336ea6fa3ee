package dev.sibyl.functions.training;

import dev.sibyl.registry.model.Task;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hyperparameters of {@code naive_bayes} (see {@link NaiveBayesFitter}).
 *
 * @param categorySmoothing Laplace smoothing added to every category count (scikit-learn's {@code
 *     CategoricalNB(alpha)}), {@code > 0}
 * @param varSmoothing added to every class variance of a numeric feature, times the largest
 *     variance of a numeric feature (scikit-learn's {@code GaussianNB(var_smoothing)}), {@code > 0}
 */
public record NaiveBayesOptions(double categorySmoothing, double varSmoothing)
    implements AlgorithmOptions {
  /** Option name of the category smoothing. */
  public static final String CATEGORY_SMOOTHING = "category_smoothing";
  /** Option name of the variance smoothing. */
  public static final String VAR_SMOOTHING = "var_smoothing";
  /** Default category smoothing (scikit-learn's). */
  public static final double DEFAULT_CATEGORY_SMOOTHING = 1.0;
  /** Default variance smoothing (scikit-learn's). */
  public static final double DEFAULT_VAR_SMOOTHING = 1e-9;
  /** The hyperparameter names, in documentation order. */
  public static final List<String> NAMES = List.of(CATEGORY_SMOOTHING, VAR_SMOOTHING);
  /** The defaults. */
  public static final NaiveBayesOptions DEFAULTS =
      new NaiveBayesOptions(DEFAULT_CATEGORY_SMOOTHING, DEFAULT_VAR_SMOOTHING);

  static NaiveBayesOptions read(OptionValues values) throws SQLException {
    NaiveBayesOptions options = new NaiveBayesOptions(
        values.number(CATEGORY_SMOOTHING, DEFAULT_CATEGORY_SMOOTHING),
        values.number(VAR_SMOOTHING, DEFAULT_VAR_SMOOTHING));
    options.validate();
    return options;
  }

  /** Checks every hyperparameter against its bounds. */
  void validate() throws SQLException {
    OptionBounds.positive(CATEGORY_SMOOTHING, categorySmoothing);
    OptionBounds.positive(VAR_SMOOTHING, varSmoothing);
  }

  @Override
  public Optional<Task> fixedTask() {
    return Optional.of(Task.CLASSIFICATION);
  }

  @Override
  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(CATEGORY_SMOOTHING, categorySmoothing);
    map.put(VAR_SMOOTHING, varSmoothing);
    return map;
  }
}

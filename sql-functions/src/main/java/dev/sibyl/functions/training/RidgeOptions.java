package dev.sibyl.functions.training;

import dev.sibyl.registry.model.Task;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Hyperparameters of {@code ridge}: least squares with an L2 penalty, fitted by Smile's {@code
 * RidgeRegression} (a Cholesky solve, so collinear inputs such as the one-hot columns of a
 * category are fine as long as {@code l2 > 0}).
 *
 * <p>Smile minimises {@code sum((y - b - w . x)^2) + l2 * sum((s_j * w_j)^2)}, where {@code s_j}
 * is the population standard deviation of encoded input {@code j} on the training rows: it
 * standardises every input, one-hot columns included, and does not penalise the intercept. A
 * numeric feature without missing values is already standardised ({@code s_j = 1}), so there
 * {@code l2} is scikit-learn's {@code Ridge(alpha)}.
 *
 * @param l2 strength of the L2 penalty, {@code > 0}
 */
public record RidgeOptions(double l2) implements AlgorithmOptions {
  /** Option name of the L2 penalty. */
  public static final String L2 = "l2";
  /** Default L2 penalty (Smile's and scikit-learn's). */
  public static final double DEFAULT_L2 = 1.0;
  /** The hyperparameter names, in documentation order. */
  public static final List<String> NAMES = List.of(L2);
  /** The defaults. */
  public static final RidgeOptions DEFAULTS = new RidgeOptions(DEFAULT_L2);

  static RidgeOptions read(OptionValues values) throws SQLException {
    RidgeOptions options = new RidgeOptions(values.number(L2, DEFAULT_L2));
    options.validate();
    return options;
  }

  /** Checks every hyperparameter against its bounds. */
  void validate() throws SQLException {
    OptionBounds.positive(L2, l2);
  }

  /** The Smile properties of {@code smile.regression.RidgeRegression.fit}. */
  Properties toProperties() {
    Properties properties = new Properties();
    properties.setProperty("smile.ridge.lambda", Double.toString(l2));
    return properties;
  }

  @Override
  public Optional<Task> fixedTask() {
    return Optional.of(Task.REGRESSION);
  }

  @Override
  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(L2, l2);
    return map;
  }
}

package dev.sibyl.functions.training;

import dev.sibyl.registry.model.Task;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hyperparameters of {@code linear_svm}: a soft-margin linear SVM fitted by Smile's LASVM solver,
 * minimising {@code ||w||^2 / 2 + c * sum(hinge loss)} over the encoded inputs.
 *
 * @param c the soft-margin cost of a margin violation (scikit-learn's {@code C}), {@code > 0}
 * @param tolerance LASVM's tolerance on the optimality gap, {@code > 0}
 * @param epochs passes of the online solver over the rows before its final optimisation
 */
public record LinearSvmOptions(double c, double tolerance, int epochs)
    implements AlgorithmOptions {
  /** Option name of the cost. */
  public static final String C = "c";
  /** Option name of the tolerance. */
  public static final String TOLERANCE = "tolerance";
  /** Option name of the passes. */
  public static final String EPOCHS = "epochs";
  /** Default cost (Smile's and scikit-learn's). */
  public static final double DEFAULT_C = 1.0;
  /** Default tolerance (Smile's). */
  public static final double DEFAULT_TOLERANCE = 1e-3;
  /** Default passes (Smile's; its authors find 1 or 2 enough). */
  public static final int DEFAULT_EPOCHS = 1;
  /** Most passes. */
  public static final int MAX_EPOCHS = 1000;
  /** The hyperparameter names, in documentation order. */
  public static final List<String> NAMES = List.of(C, TOLERANCE, EPOCHS);
  /** The defaults. */
  public static final LinearSvmOptions DEFAULTS =
      new LinearSvmOptions(DEFAULT_C, DEFAULT_TOLERANCE, DEFAULT_EPOCHS);

  static LinearSvmOptions read(OptionValues values) throws SQLException {
    LinearSvmOptions options = new LinearSvmOptions(
        values.number(C, DEFAULT_C),
        values.number(TOLERANCE, DEFAULT_TOLERANCE),
        OptionBounds.intBetween(EPOCHS, values.integer(EPOCHS, DEFAULT_EPOCHS), 1, MAX_EPOCHS));
    options.validate();
    return options;
  }

  /** Checks every hyperparameter against its bounds. */
  void validate() throws SQLException {
    OptionBounds.positive(C, c);
    OptionBounds.positive(TOLERANCE, tolerance);
    OptionBounds.intBetween(EPOCHS, epochs, 1, MAX_EPOCHS);
  }

  @Override
  public Optional<Task> fixedTask() {
    return Optional.of(Task.CLASSIFICATION);
  }

  @Override
  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(C, c);
    map.put(TOLERANCE, tolerance);
    map.put(EPOCHS, epochs);
    return map;
  }
}

package dev.sibyl.functions.training;

import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.model.Task;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Hyperparameters of {@code mlp}, a feed-forward neural network trained by Smile's {@code MLP}
 * with mini-batch stochastic gradient descent (see {@link MlpFitter}).
 *
 * @param taskName {@code auto} (by the label's SQL type: numbers are regressed, text and booleans
 *     classified), {@code classification} or {@code regression}
 * @param hiddenLayers units of each hidden layer, from the input side
 * @param activation {@code relu}, {@code tanh} or {@code sigmoid}, for every hidden layer
 * @param epochs passes over the training rows
 * @param batchSize rows per gradient step
 * @param learningRate step size
 * @param momentum share of the previous step added to the next, in [0, 1)
 * @param weightDecay L2 shrinkage: each step multiplies the weights by {@code 1 - 2 *
 *     learningRate * weightDecay}, which Smile requires to stay at least 0.9
 */
public record MlpOptions(String taskName, List<Integer> hiddenLayers, String activation, int epochs,
    int batchSize, double learningRate, double momentum, double weightDecay)
    implements AlgorithmOptions {
  /** Option name of the task. */
  public static final String TASK = "task";
  /** Option name of the hidden layer sizes. */
  public static final String HIDDEN_LAYERS = "hidden_layers";
  /** Option name of the hidden activation. */
  public static final String ACTIVATION = "activation";
  /** Option name of the passes. */
  public static final String EPOCHS = "epochs";
  /** Option name of the batch size. */
  public static final String BATCH_SIZE = "batch_size";
  /** Option name of the step size. */
  public static final String LEARNING_RATE = "learning_rate";
  /** Option name of the momentum. */
  public static final String MOMENTUM = "momentum";
  /** Option name of the weight decay. */
  public static final String WEIGHT_DECAY = "weight_decay";
  /** The task values. */
  public static final List<String> TASKS = List.of("auto", "classification", "regression");
  /** The activation values. */
  public static final List<String> ACTIVATIONS = List.of("relu", "tanh", "sigmoid");
  /** Default hidden layers. */
  public static final List<Integer> DEFAULT_HIDDEN_LAYERS = List.of(32);
  /** Most hidden layers. */
  public static final int MAX_HIDDEN_LAYERS = 16;
  /** Most units in a hidden layer. */
  public static final int MAX_UNITS = 100_000;
  /** Default passes. */
  public static final int DEFAULT_EPOCHS = 200;
  /** Default batch size. */
  public static final int DEFAULT_BATCH_SIZE = 32;
  /** Default step size. */
  public static final double DEFAULT_LEARNING_RATE = 0.01;
  /** Default momentum. */
  public static final double DEFAULT_MOMENTUM = 0.9;
  /** The hyperparameter names, in documentation order. */
  public static final List<String> NAMES = List.of(TASK, HIDDEN_LAYERS, ACTIVATION, EPOCHS,
      BATCH_SIZE, LEARNING_RATE, MOMENTUM, WEIGHT_DECAY);
  /** The defaults. */
  public static final MlpOptions DEFAULTS = new MlpOptions("auto", DEFAULT_HIDDEN_LAYERS, "relu",
      DEFAULT_EPOCHS, DEFAULT_BATCH_SIZE, DEFAULT_LEARNING_RATE, DEFAULT_MOMENTUM, 0);

  public MlpOptions {
    hiddenLayers = List.copyOf(hiddenLayers);
  }

  static MlpOptions read(OptionValues values) throws SQLException {
    String task = choice(values, TASK, TASKS, "auto");
    String layers = values.text(HIDDEN_LAYERS, "layer sizes separated by commas, e.g. '64,32'");
    String activation = choice(values, ACTIVATION, ACTIVATIONS, "relu");
    MlpOptions options = new MlpOptions(
        task,
        layers == null ? DEFAULT_HIDDEN_LAYERS : layerSizes(layers),
        activation,
        OptionBounds.intBetween(EPOCHS, values.integer(EPOCHS, DEFAULT_EPOCHS), 1, 100_000),
        OptionBounds.intBetween(BATCH_SIZE, values.integer(BATCH_SIZE, DEFAULT_BATCH_SIZE), 1,
            1_000_000),
        values.number(LEARNING_RATE, DEFAULT_LEARNING_RATE),
        values.number(MOMENTUM, DEFAULT_MOMENTUM),
        values.number(WEIGHT_DECAY, 0));
    options.validate();
    return options;
  }

  private static String choice(OptionValues values, String name, List<String> allowed,
      String defaultValue) throws SQLException {
    String expected = "one of " + String.join(", ", allowed);
    String value = values.text(name, expected);
    if (value == null) {
      return defaultValue;
    }
    String lower = value.trim().toLowerCase(Locale.ROOT);
    if (!allowed.contains(lower)) {
      throw SibylErrors.badOptionValue(name, value, expected);
    }
    return lower;
  }

  private static List<Integer> layerSizes(String text) throws SQLException {
    List<Integer> sizes = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      try {
        sizes.add(Integer.parseInt(part.trim()));
      } catch (NumberFormatException e) {
        throw SibylErrors.badOptionValue(HIDDEN_LAYERS, "'" + text + "'",
            "layer sizes separated by commas, e.g. '64,32'");
      }
    }
    return sizes;
  }

  /** Checks every hyperparameter against its bounds. */
  void validate() throws SQLException {
    String layers = hiddenLayers.stream().map(String::valueOf).collect(Collectors.joining(","));
    if (hiddenLayers.isEmpty() || hiddenLayers.size() > MAX_HIDDEN_LAYERS
        || hiddenLayers.stream().anyMatch(units -> units < 1 || units > MAX_UNITS)) {
      throw SibylErrors.optionOutOfRange(HIDDEN_LAYERS, "'" + layers + "'", "1 to "
          + MAX_HIDDEN_LAYERS + " layer sizes, each an integer >= 1 and <= " + MAX_UNITS);
    }
    OptionBounds.intBetween(EPOCHS, epochs, 1, 100_000);
    OptionBounds.intBetween(BATCH_SIZE, batchSize, 1, 1_000_000);
    OptionBounds.positive(LEARNING_RATE, learningRate);
    if (!(momentum >= 0 && momentum < 1)) {
      throw SibylErrors.optionOutOfRange(MOMENTUM, momentum, "a number >= 0 and < 1");
    }
    OptionBounds.nonNegative(WEIGHT_DECAY, weightDecay);
    if (1 - 2 * learningRate * weightDecay < 0.9) {
      throw SibylErrors.optionOutOfRange(WEIGHT_DECAY, weightDecay,
          "at most 0.05 / learning_rate = " + 0.05 / learningRate
              + " (Smile shrinks the weights by at most 10 % a step)");
    }
  }

  @Override
  public Optional<Task> fixedTask() {
    return switch (taskName) {
      case "classification" -> Optional.of(Task.CLASSIFICATION);
      case "regression" -> Optional.of(Task.REGRESSION);
      default -> Optional.empty();
    };
  }

  @Override
  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(TASK, taskName);
    map.put(HIDDEN_LAYERS,
        hiddenLayers.stream().map(String::valueOf).collect(Collectors.joining(",")));
    map.put(ACTIVATION, activation);
    map.put(EPOCHS, epochs);
    map.put(BATCH_SIZE, batchSize);
    map.put(LEARNING_RATE, learningRate);
    map.put(MOMENTUM, momentum);
    map.put(WEIGHT_DECAY, weightDecay);
    return map;
  }
}

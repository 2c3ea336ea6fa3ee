package dev.sibyl.functions.training;

import dev.sibyl.registry.model.NeuralNetworkParameters;
import dev.sibyl.registry.model.NeuralNetworkParameters.Activation;
import dev.sibyl.registry.model.NeuralNetworkParameters.DenseLayer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import smile.base.mlp.ActivationFunction;
import smile.base.mlp.Cost;
import smile.base.mlp.HiddenLayer;
import smile.base.mlp.Layer;
import smile.base.mlp.LayerBuilder;
import smile.base.mlp.MultilayerPerceptron;
import smile.base.mlp.OutputFunction;
import smile.base.mlp.OutputLayer;
import smile.math.MathEx;
import smile.math.TimeFunction;
import smile.math.matrix.Matrix;

/**
 * Trains a multilayer perceptron with Smile ({@code smile.classification.MLP} or {@code
 * smile.regression.MLP}) and converts it to {@link NeuralNetworkParameters}.
 *
 * <p>Smile keeps a layer's weights in protected fields and builds its layers through {@link
 * LayerBuilder}s, so the network is built here from layers of our own subclasses that can hand
 * their weights back: no reflection and no Java serialization. Training is the loop of Smile's
 * {@code MLP.fit}: per epoch a permutation of the rows from Smile's per-thread generator (seeded
 * with {@code seed}, which also draws the initial weights), then one {@code update} per mini-batch.
 * A regression learns the standardised label; the portable model scales its output back. The tanh
 * activation is our own (see {@link Tanh}).
 */
final class MlpFitter {
  private MlpFitter() {}

  /**
   * What one fit produced.
   *
   * @param smile Smile's network ({@code smile.classification.MLP} or {@code
   *     smile.regression.MLP}), predicting the standardised label for a regression
   * @param model the portable form
   */
  record Fit(MultilayerPerceptron smile, NeuralNetworkParameters model) {}

  /**
   * Trains a classifier on encoded rows ({@code [row][input]}).
   *
   * @param y the class index of each row, in {@code 0 .. classes-1}
   */
  static Fit fitClassifier(double[][] x, int[] y, int classes, MlpOptions options, long seed) {
    MathEx.setSeed(seed);
    Network network = new Network(x[0].length, options);
    ReadableOutputBuilder output = classes == 2
        ? network.output(1, OutputFunction.SIGMOID, Cost.LIKELIHOOD, Activation.SIGMOID)
        : network.output(classes, OutputFunction.SOFTMAX, Cost.LIKELIHOOD, Activation.SOFTMAX);
    smile.classification.MLP mlp = new smile.classification.MLP(network.builders(output));
    configure(mlp, options);
    int batch = Math.min(options.batchSize(), x.length);
    double[][] batchX = new double[batch][];
    int[] batchY = new int[batch];
    for (int epoch = 0; epoch < options.epochs(); epoch++) {
      int[] order = MathEx.permutate(x.length);
      for (int start = 0; start < x.length; start += batch) {
        int size = Math.min(batch, x.length - start);
        for (int j = 0; j < size; j++) {
          batchX[j] = x[order[start + j]];
          batchY[j] = y[order[start + j]];
        }
        mlp.update(size == batch ? batchX : Arrays.copyOf(batchX, size),
            size == batch ? batchY : Arrays.copyOf(batchY, size));
      }
    }
    return new Fit(mlp, network.toPortable(0, 1));
  }

  /** Trains a regression on encoded rows ({@code [row][input]}). */
  static Fit fitRegression(double[][] x, double[] y, MlpOptions options, long seed) {
    double mean = Arrays.stream(y).average().orElse(0);
    double squares = 0;
    for (double value : y) {
      squares += (value - mean) * (value - mean);
    }
    double deviation = Math.sqrt(squares / y.length);
    double scale = deviation > 0 && Double.isFinite(deviation) ? deviation : 1;
    double[] standardised = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      standardised[i] = (y[i] - mean) / scale;
    }
    MathEx.setSeed(seed);
    Network network = new Network(x[0].length, options);
    ReadableOutputBuilder output =
        network.output(1, OutputFunction.LINEAR, Cost.MEAN_SQUARED_ERROR, Activation.LINEAR);
    smile.regression.MLP mlp = new smile.regression.MLP(network.builders(output));
    configure(mlp, options);
    int batch = Math.min(options.batchSize(), x.length);
    double[][] batchX = new double[batch][];
    double[] batchY = new double[batch];
    for (int epoch = 0; epoch < options.epochs(); epoch++) {
      int[] order = MathEx.permutate(x.length);
      for (int start = 0; start < x.length; start += batch) {
        int size = Math.min(batch, x.length - start);
        for (int j = 0; j < size; j++) {
          batchX[j] = x[order[start + j]];
          batchY[j] = standardised[order[start + j]];
        }
        mlp.update(size == batch ? batchX : Arrays.copyOf(batchX, size),
            size == batch ? batchY : Arrays.copyOf(batchY, size));
      }
    }
    return new Fit(mlp, network.toPortable(mean, scale));
  }

  private static void configure(MultilayerPerceptron mlp, MlpOptions options) {
    mlp.setLearningRate(TimeFunction.constant(options.learningRate()));
    if (options.momentum() > 0) {
      mlp.setMomentum(TimeFunction.constant(options.momentum()));
    }
    mlp.setWeightDecay(options.weightDecay());
  }

  /** The layer builders of one network, which remember the layers they built. */
  private static final class Network {
    private final int inputs;
    private final List<ReadableHiddenBuilder> hidden = new ArrayList<>();
    private ReadableOutputBuilder output;

    Network(int inputs, MlpOptions options) {
      this.inputs = inputs;
      for (int units : options.hiddenLayers()) {
        hidden.add(new ReadableHiddenBuilder(units, options.activation()));
      }
    }

    ReadableOutputBuilder output(
        int units, OutputFunction function, Cost cost, Activation activation) {
      output = new ReadableOutputBuilder(units, function, cost, activation);
      return output;
    }

    LayerBuilder[] builders(ReadableOutputBuilder last) {
      List<LayerBuilder> builders = new ArrayList<>();
      builders.add(Layer.input(inputs));
      builders.addAll(hidden);
      builders.add(last);
      return builders.toArray(new LayerBuilder[0]);
    }

    /** @throws IllegalStateException if training diverged (a weight is not finite) */
    NeuralNetworkParameters toPortable(double outputMean, double outputScale) {
      List<DenseLayer> layers = new ArrayList<>();
      for (ReadableHiddenBuilder builder : hidden) {
        ReadableHiddenLayer layer = builder.built;
        layers.add(new DenseLayer(layer.weightRows(), layer.biasValues(), builder.activation));
      }
      ReadableOutputLayer last = output.built;
      layers.add(new DenseLayer(last.weightRows(), last.biasValues(), output.activation));
      for (DenseLayer layer : layers) {
        boolean finite = Arrays.stream(layer.bias()).allMatch(Double::isFinite)
            && Arrays.stream(layer.weights()).flatMapToDouble(Arrays::stream)
                .allMatch(Double::isFinite);
        if (!finite) {
          throw new IllegalStateException("the network diverged (a weight is not finite);"
              + " lower learning_rate or momentum");
        }
      }
      return new NeuralNetworkParameters(layers, outputMean, outputScale);
    }
  }

  private static final class ReadableHiddenBuilder extends LayerBuilder {
    private final Activation activation;
    private final ActivationFunction function;
    private ReadableHiddenLayer built;

    ReadableHiddenBuilder(int units, String activation) {
      super(units, 0.0);
      switch (activation) {
        case "tanh" -> {
          this.activation = Activation.TANH;
          this.function = new Tanh();
        }
        case "sigmoid" -> {
          this.activation = Activation.SIGMOID;
          this.function = ActivationFunction.sigmoid();
        }
        default -> {
          this.activation = Activation.RELU;
          this.function = ActivationFunction.rectifier();
        }
      }
    }

    @Override
    public Layer build(int inputs) {
      built = new ReadableHiddenLayer(neurons, inputs, function);
      return built;
    }
  }

  private static final class ReadableOutputBuilder extends LayerBuilder {
    private final OutputFunction function;
    private final Cost cost;
    private final Activation activation;
    private ReadableOutputLayer built;

    ReadableOutputBuilder(int units, OutputFunction function, Cost cost, Activation activation) {
      super(units, 0.0);
      this.function = function;
      this.cost = cost;
      this.activation = activation;
    }

    @Override
    public Layer build(int inputs) {
      built = new ReadableOutputLayer(neurons, inputs, function, cost);
      return built;
    }
  }

  /**
   * The hyperbolic tangent with its derivative {@code 1 - y^2}: Smile 3.1.1's own {@code
   * ActivationFunction.tanh()} back-propagates {@code (1 - y)^2}, which trains poorly.
   */
  private static final class Tanh implements ActivationFunction {
    private static final long serialVersionUID = 1L;

    @Override
    public String name() {
      return "TANH";
    }

    @Override
    public void f(double[] x) {
      for (int i = 0; i < x.length; i++) {
        x[i] = Math.tanh(x[i]);
      }
    }

    @Override
    public void g(double[] g, double[] y) {
      for (int i = 0; i < g.length; i++) {
        g[i] *= 1 - y[i] * y[i];
      }
    }
  }

  private static final class ReadableHiddenLayer extends HiddenLayer {
    private static final long serialVersionUID = 1L;

    ReadableHiddenLayer(int units, int inputs, ActivationFunction function) {
      super(units, inputs, 0.0, function);
    }

    double[][] weightRows() {
      return rows(weight);
    }

    double[] biasValues() {
      return bias.clone();
    }
  }

  private static final class ReadableOutputLayer extends OutputLayer {
    private static final long serialVersionUID = 1L;

    ReadableOutputLayer(int units, int inputs, OutputFunction function, Cost cost) {
      super(units, inputs, function, cost);
    }

    double[][] weightRows() {
      return rows(weight);
    }

    double[] biasValues() {
      return bias.clone();
    }
  }

  private static double[][] rows(Matrix matrix) {
    double[][] rows = new double[matrix.nrow()][matrix.ncol()];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < rows[i].length; j++) {
        rows[i][j] = matrix.get(i, j);
      }
    }
    return rows;
  }
}

package dev.sibyl.functions.scoring;

import dev.sibyl.registry.model.NeuralNetworkParameters;
import dev.sibyl.registry.model.NeuralNetworkParameters.Activation;
import dev.sibyl.registry.model.NeuralNetworkParameters.DenseLayer;
import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.Task;
import java.util.List;

/**
 * Scores a neural network (see {@link NeuralNetworkParameters}) by a forward pass over the encoded
 * row. A binary classifier predicts the positive class iff its probability is above 0.5, as
 * Smile's MLP does; more classes, the most probable (the lowest index on a tie).
 *
 * <p>Each thread reuses its own buffers for the layer outputs, so scoring a row allocates nothing.
 */
public final class MlpScorer implements ClassifierScorer {
  private final PortableModel model;
  private final EncodedInputs inputs;
  private final double[][][] weights;
  private final double[][] biases;
  private final Activation[] activations;
  private final double outputMean;
  private final double outputScale;
  private final int classes;
  private final ThreadLocal<double[][]> buffers;

  /**
   * @throws IllegalArgumentException if the model is not over {@link NeuralNetworkParameters}
   *     whose layers fit its signature and its task
   */
  public MlpScorer(PortableModel model) {
    if (!(model.body() instanceof NeuralNetworkParameters network)) {
      throw new IllegalArgumentException("not a neural network");
    }
    this.model = model;
    this.inputs = new EncodedInputs(model.signature());
    List<DenseLayer> layers = network.layers();
    if (layers.get(0).inputs() != model.signature().encodedWidth()) {
      throw new IllegalArgumentException("the first layer reads " + layers.get(0).inputs()
          + " inputs for " + model.signature().encodedWidth() + " encoded inputs");
    }
    weights = new double[layers.size()][][];
    biases = new double[layers.size()][];
    activations = new Activation[layers.size()];
    int[] widths = new int[layers.size() + 1];
    widths[0] = model.signature().encodedWidth();
    for (int l = 0; l < layers.size(); l++) {
      weights[l] = layers.get(l).weights();
      biases[l] = layers.get(l).bias();
      activations[l] = layers.get(l).activation();
      widths[l + 1] = layers.get(l).units();
    }
    outputMean = network.outputMean();
    outputScale = network.outputScale();
    DenseLayer output = network.output();
    classes = model.task() == Task.CLASSIFICATION ? model.label().classes().size() : 0;
    boolean fits = switch (model.task()) {
      case REGRESSION -> output.units() == 1 && output.activation() == Activation.LINEAR;
      case CLASSIFICATION -> classes == 2
          ? output.units() == 1 && output.activation() == Activation.SIGMOID
          : output.units() == classes && output.activation() == Activation.SOFTMAX;
      default -> false;
    };
    if (!fits) {
      throw new IllegalArgumentException("the output layer (" + output.units() + " "
          + output.activation() + ") does not fit a " + model.task() + " model");
    }
    buffers = ThreadLocal.withInitial(() -> {
      double[][] buffer = new double[widths.length][];
      for (int l = 0; l < widths.length; l++) {
        buffer[l] = new double[widths[l]];
      }
      return buffer;
    });
  }

  @Override
  public PortableModel model() {
    return model;
  }

  @Override
  public int classCount() {
    return classes;
  }

  /** The output layer's values for a row, in this thread's buffer. */
  private double[] forward(double[] numeric, String[] categorical) {
    double[][] buffer = buffers.get();
    inputs.encode(numeric, categorical, buffer[0]);
    for (int l = 0; l < weights.length; l++) {
      double[] in = buffer[l];
      double[] out = buffer[l + 1];
      double[][] w = weights[l];
      for (int u = 0; u < out.length; u++) {
        double sum = biases[l][u];
        double[] row = w[u];
        for (int j = 0; j < in.length; j++) {
          sum += row[j] * in[j];
        }
        out[u] = sum;
      }
      activate(activations[l], out);
    }
    return buffer[weights.length];
  }

  private static void activate(Activation activation, double[] x) {
    switch (activation) {
      case RELU -> {
        for (int i = 0; i < x.length; i++) {
          x[i] = Math.max(0, x[i]);
        }
      }
      case TANH -> {
        for (int i = 0; i < x.length; i++) {
          x[i] = Math.tanh(x[i]);
        }
      }
      case SIGMOID -> {
        for (int i = 0; i < x.length; i++) {
          x[i] = 1 / (1 + Math.exp(-x[i]));
        }
      }
      case SOFTMAX -> {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
          max = Math.max(max, v);
        }
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
          x[i] = Math.exp(x[i] - max);
          sum += x[i];
        }
        for (int i = 0; i < x.length; i++) {
          x[i] /= sum;
        }
      }
      default -> {
        // LINEAR: the values as they are
      }
    }
  }

  @Override
  public double regress(double[] numeric, String[] categorical) {
    if (classes != 0) {
      throw new IllegalStateException("a classifier predicts classes, not values");
    }
    return outputMean + outputScale * forward(numeric, categorical)[0];
  }

  @Override
  public int predictClass(double[] numeric, String[] categorical) {
    double[] out = classifierOutput(numeric, categorical);
    if (classes == 2) {
      return out[0] > 0.5 ? 1 : 0;
    }
    int best = 0;
    for (int k = 1; k < out.length; k++) {
      if (out[k] > out[best]) {
        best = k;
      }
    }
    return best;
  }

  @Override
  public double probability(double[] numeric, String[] categorical) {
    double[] out = classifierOutput(numeric, categorical);
    if (classes == 2) {
      return out[0];
    }
    double max = 0;
    for (double p : out) {
      max = Math.max(max, p);
    }
    return max;
  }

  @Override
  public void classProbabilities(double[] numeric, String[] categorical, double[] out) {
    double[] output = classifierOutput(numeric, categorical);
    if (classes == 2) {
      out[0] = 1 - output[0];
      out[1] = output[0];
    } else {
      System.arraycopy(output, 0, out, 0, classes);
    }
  }

  private double[] classifierOutput(double[] numeric, String[] categorical) {
    if (classes == 0) {
      throw new IllegalStateException("a regression model has no classes or probabilities");
    }
    return forward(numeric, categorical);
  }

  @Override
  public Object predict(Object[] features) {
    double[] numeric = new double[inputs.numericCount()];
    String[] categorical = new String[inputs.categoricalCount()];
    inputs.split(features, numeric, categorical);
    return classes == 0
        ? (Object) regress(numeric, categorical)
        : model.label().classes().get(predictClass(numeric, categorical));
  }

  @Override
  public double probability(Object[] features) {
    double[] numeric = new double[inputs.numericCount()];
    String[] categorical = new String[inputs.categoricalCount()];
    inputs.split(features, numeric, categorical);
    return probability(numeric, categorical);
  }
}

package dev.sibyl.registry.model;

import java.util.List;
import java.util.Objects;

/**
 * A feed-forward neural network (multilayer perceptron) over the encoded inputs.
 *
 * <p>Each layer computes {@code activation(weights . input + bias)}, feeding the next; the first
 * layer reads the encoded row. The last layer's output is the prediction: for a binary classifier
 * one {@link Activation#SIGMOID} unit, the probability of the positive class; for more classes one
 * {@link Activation#SOFTMAX} unit per class; for a regression one {@link Activation#LINEAR} unit
 * {@code z}, the prediction being {@code outputMean + outputScale * z} (the network learns the
 * standardised label).
 *
 * @param layers the layers from the input side, at least one
 * @param outputMean added to a regression's output (0 for classifiers)
 * @param outputScale multiplies a regression's output (1 for classifiers)
 */
public record NeuralNetworkParameters(List<DenseLayer> layers, double outputMean,
    double outputScale) implements ModelBody {

  /** The function a layer applies to each unit (softmax: to all units together). */
  public enum Activation {
    LINEAR,
    RELU,
    SIGMOID,
    TANH,
    SOFTMAX
  }

  /**
   * One fully connected layer.
   *
   * @param weights one row per unit, one column per input of the layer
   * @param bias one per unit
   * @param activation what the layer applies to its units
   */
  public record DenseLayer(double[][] weights, double[] bias, Activation activation) {

    public DenseLayer {
      Objects.requireNonNull(activation, "activation");
      if (weights.length == 0 || weights.length != bias.length) {
        throw new IllegalArgumentException("need one bias per unit, and at least one unit");
      }
      double[][] copy = new double[weights.length][];
      for (int i = 0; i < weights.length; i++) {
        copy[i] = weights[i].clone();
        if (copy[i].length != weights[0].length) {
          throw new IllegalArgumentException("units differ in their number of inputs");
        }
      }
      weights = copy;
      bias = bias.clone();
    }

    /** Number of units (outputs). */
    public int units() {
      return weights.length;
    }

    /** Number of inputs. */
    public int inputs() {
      return weights[0].length;
    }

    @Override
    public double[][] weights() {
      double[][] copy = new double[weights.length][];
      for (int i = 0; i < weights.length; i++) {
        copy[i] = weights[i].clone();
      }
      return copy;
    }

    @Override
    public double[] bias() {
      return bias.clone();
    }
  }

  public NeuralNetworkParameters {
    layers = List.copyOf(layers);
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("need at least one layer");
    }
    for (int i = 1; i < layers.size(); i++) {
      if (layers.get(i).inputs() != layers.get(i - 1).units()) {
        throw new IllegalArgumentException(
            "layer " + i + " reads " + layers.get(i).inputs() + " inputs but layer " + (i - 1)
                + " has " + layers.get(i - 1).units() + " units");
      }
    }
  }

  /** The last layer. */
  public DenseLayer output() {
    return layers.get(layers.size() - 1);
  }
}

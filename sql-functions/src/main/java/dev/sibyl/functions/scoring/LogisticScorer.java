package dev.sibyl.functions.scoring;

import dev.sibyl.registry.model.LogisticParameters;
import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.Task;
import java.util.List;

/**
 * Scores a logistic regression model: a sigmoid over one linear score for two classes, a softmax
 * over one score per class otherwise.
 */
public final class LogisticScorer implements ClassifierScorer {
  private final PortableModel model;
  private final EncodedInputs inputs;
  private final double[][] weights;
  private final double[] intercepts;
  private final List<String> classes;

  /**
   * @throws IllegalArgumentException if the model is not a classifier over {@link
   *     LogisticParameters} that fit its signature and classes
   */
  public LogisticScorer(PortableModel model) {
    if (!(model.body() instanceof LogisticParameters) || model.task() != Task.CLASSIFICATION) {
      throw new IllegalArgumentException("not a logistic regression model");
    }
    LogisticParameters parameters = (LogisticParameters) model.body();
    this.model = model;
    this.inputs = new EncodedInputs(model.signature());
    this.weights = parameters.weights();
    this.intercepts = parameters.intercepts();
    this.classes = model.label().classes();
    int expectedRows = classes.size() == 2 ? 1 : classes.size();
    if (classes.size() < 2 || weights.length != expectedRows) {
      throw new IllegalArgumentException(
          "model has " + weights.length + " score rows for " + classes.size() + " classes");
    }
    for (double[] row : weights) {
      if (row.length != model.signature().encodedWidth()) {
        throw new IllegalArgumentException(
            "model has " + row.length + " weights for " + model.signature().encodedWidth()
                + " encoded inputs");
      }
    }
  }

  @Override
  public PortableModel model() {
    return model;
  }

  @Override
  public int classCount() {
    return classes.size();
  }

  @Override
  public double regress(double[] numeric, String[] categorical) {
    throw new IllegalStateException("a classifier predicts classes, not values");
  }

  @Override
  public int predictClass(double[] numeric, String[] categorical) {
    if (weights.length == 1) {
      return positiveProbability(numeric, categorical) >= 0.5 ? 1 : 0;
    }
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < weights.length; k++) {
      double score = inputs.dot(weights[k], intercepts[k], numeric, categorical);
      if (score > bestScore) {
        bestScore = score;
        best = k;
      }
    }
    return best;
  }

  @Override
  public double probability(double[] numeric, String[] categorical) {
    if (weights.length == 1) {
      return positiveProbability(numeric, categorical);
    }
    // One pass of a streaming softmax: the running maximum m and sum s of exp(score - m).
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    for (int k = 0; k < weights.length; k++) {
      double score = inputs.dot(weights[k], intercepts[k], numeric, categorical);
      if (score > max) {
        sum = sum * Math.exp(max - score) + 1;
        max = score;
      } else {
        sum += Math.exp(score - max);
      }
    }
    return 1 / sum;
  }

  @Override
  public void classProbabilities(double[] numeric, String[] categorical, double[] out) {
    if (weights.length == 1) {
      double p = positiveProbability(numeric, categorical);
      out[0] = 1 - p;
      out[1] = p;
      return;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < weights.length; k++) {
      out[k] = inputs.dot(weights[k], intercepts[k], numeric, categorical);
      max = Math.max(max, out[k]);
    }
    double sum = 0;
    for (int k = 0; k < weights.length; k++) {
      out[k] = Math.exp(out[k] - max);
      sum += out[k];
    }
    for (int k = 0; k < weights.length; k++) {
      out[k] /= sum;
    }
  }

  @Override
  public Object predict(Object[] features) {
    double[] numeric = new double[inputs.numericCount()];
    String[] categorical = new String[inputs.categoricalCount()];
    inputs.split(features, numeric, categorical);
    return classes.get(predictClass(numeric, categorical));
  }

  @Override
  public double probability(Object[] features) {
    double[] numeric = new double[inputs.numericCount()];
    String[] categorical = new String[inputs.categoricalCount()];
    inputs.split(features, numeric, categorical);
    return probability(numeric, categorical);
  }

  private double positiveProbability(double[] numeric, String[] categorical) {
    double score = inputs.dot(weights[0], intercepts[0], numeric, categorical);
    return 1.0 / (1.0 + Math.exp(-score));
  }
}

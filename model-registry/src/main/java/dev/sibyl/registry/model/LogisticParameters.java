package dev.sibyl.registry.model;

/**
 * A logistic model over the encoded inputs.
 *
 * <p>Binary (one row): {@code P(positive) = sigmoid(intercepts[0] + weights[0] . x)}. Multiclass (one
 * row per class): {@code P(class k) = softmax_k(intercepts[k] + weights[k] . x)}.
 *
 * @param weights one row of weights per score (one row for binary, one per class otherwise)
 * @param intercepts one bias per row
 */
public record LogisticParameters(double[][] weights, double[] intercepts) implements ModelBody {

  public LogisticParameters {
    if (weights.length != intercepts.length || weights.length == 0) {
      throw new IllegalArgumentException("need one intercept per weight row");
    }
    double[][] copy = new double[weights.length][];
    for (int i = 0; i < weights.length; i++) {
      copy[i] = weights[i].clone();
    }
    weights = copy;
    intercepts = intercepts.clone();
  }

  /** Weights of one row (a copy). */
  public double[] weightsOf(int row) {
    return weights[row].clone();
  }

  /** Number of score rows: 1 for a binary model, the class count otherwise. */
  public int rows() {
    return weights.length;
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
  public double[] intercepts() {
    return intercepts.clone();
  }
}

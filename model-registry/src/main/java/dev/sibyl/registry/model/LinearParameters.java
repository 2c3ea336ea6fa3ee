package dev.sibyl.registry.model;

/**
 * A linear model over the encoded inputs: {@code y = intercept + weights . x}.
 *
 * @param weights one weight per encoded input
 * @param intercept the bias term
 */
public record LinearParameters(double[] weights, double intercept) implements ModelBody {

  public LinearParameters {
    weights = weights.clone();
  }

  @Override
  public double[] weights() {
    return weights.clone();
  }
}

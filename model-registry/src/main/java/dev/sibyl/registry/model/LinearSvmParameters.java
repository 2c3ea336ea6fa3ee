package dev.sibyl.registry.model;

/**
 * A binary linear support vector machine over the encoded inputs, with Platt's calibration of its
 * margin {@code f(x) = intercept + weights . x}.
 *
 * <p>The predicted class is the positive one iff {@code f(x) > 0}; the probability of the positive
 * class is {@code 1 / (1 + exp(plattAlpha * f(x) + plattBeta))}.
 *
 * @param weights one weight per encoded input
 * @param intercept the bias of the margin
 * @param plattAlpha Platt's slope (negative when larger margins mean the positive class)
 * @param plattBeta Platt's offset
 */
public record LinearSvmParameters(
    double[] weights, double intercept, double plattAlpha, double plattBeta) implements ModelBody {

  public LinearSvmParameters {
    weights = weights.clone();
  }

  @Override
  public double[] weights() {
    return weights.clone();
  }
}

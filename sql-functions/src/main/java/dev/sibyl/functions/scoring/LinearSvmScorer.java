package dev.sibyl.functions.scoring;

import dev.sibyl.registry.model.LinearSvmParameters;
import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.Task;

/**
 * Scores a binary linear SVM (see {@link LinearSvmParameters}): the class follows the sign of the
 * margin, as Smile's SVM predicts; the probability is Platt's calibration of the margin, so near the
 * boundary it may fall on the other side of 0.5 than the class.
 */
public final class LinearSvmScorer implements ClassifierScorer {
  private final PortableModel model;
  private final EncodedInputs inputs;
  private final double[] weights;
  private final double intercept;
  private final double plattAlpha;
  private final double plattBeta;

  /**
   * @throws IllegalArgumentException if the model is not a binary classifier over {@link
   *     LinearSvmParameters} that fit its signature
   */
  public LinearSvmScorer(PortableModel model) {
    if (!(model.body() instanceof LinearSvmParameters parameters)
        || model.task() != Task.CLASSIFICATION || !model.label().isBinary()) {
      throw new IllegalArgumentException("not a binary linear SVM");
    }
    this.model = model;
    this.inputs = new EncodedInputs(model.signature());
    this.weights = parameters.weights();
    this.intercept = parameters.intercept();
    this.plattAlpha = parameters.plattAlpha();
    this.plattBeta = parameters.plattBeta();
    if (weights.length != model.signature().encodedWidth()) {
      throw new IllegalArgumentException("model has " + weights.length + " weights for "
          + model.signature().encodedWidth() + " encoded inputs");
    }
  }

  @Override
  public PortableModel model() {
    return model;
  }

  @Override
  public int classCount() {
    return 2;
  }

  /** The signed distance-like score {@code intercept + weights . x}. */
  public double margin(double[] numeric, String[] categorical) {
    return inputs.dot(weights, intercept, numeric, categorical);
  }

  @Override
  public double regress(double[] numeric, String[] categorical) {
    throw new IllegalStateException("a classifier predicts classes, not values");
  }

  /** The positive class (1) iff the margin is above 0, as Smile decides. */
  @Override
  public int predictClass(double[] numeric, String[] categorical) {
    return margin(numeric, categorical) > 0 ? 1 : 0;
  }

  /** Platt's probability of the positive class. */
  @Override
  public double probability(double[] numeric, String[] categorical) {
    double z = plattAlpha * margin(numeric, categorical) + plattBeta;
    return z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
  }

  @Override
  public void classProbabilities(double[] numeric, String[] categorical, double[] out) {
    double p = probability(numeric, categorical);
    out[0] = 1 - p;
    out[1] = p;
  }

  @Override
  public Object predict(Object[] features) {
    double[] numeric = new double[inputs.numericCount()];
    String[] categorical = new String[inputs.categoricalCount()];
    inputs.split(features, numeric, categorical);
    return model.label().classes().get(predictClass(numeric, categorical));
  }

  @Override
  public double probability(Object[] features) {
    double[] numeric = new double[inputs.numericCount()];
    String[] categorical = new String[inputs.categoricalCount()];
    inputs.split(features, numeric, categorical);
    return probability(numeric, categorical);
  }
}

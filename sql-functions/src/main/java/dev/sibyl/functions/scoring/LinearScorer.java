package dev.sibyl.functions.scoring;

import dev.sibyl.registry.model.LinearParameters;
import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.Task;

/** Scores a linear regression model: {@code intercept + weights . x} over the encoded row. */
public final class LinearScorer implements Scorer {
  private final PortableModel model;
  private final EncodedInputs inputs;
  private final double[] weights;
  private final double intercept;

  /**
   * @throws IllegalArgumentException if the model is not a regression over {@link
   *     LinearParameters} that fit its signature
   */
  public LinearScorer(PortableModel model) {
    if (!(model.body() instanceof LinearParameters) || model.task() != Task.REGRESSION) {
      throw new IllegalArgumentException("not a linear regression model");
    }
    LinearParameters parameters = (LinearParameters) model.body();
    this.model = model;
    this.inputs = new EncodedInputs(model.signature());
    this.weights = parameters.weights();
    this.intercept = parameters.intercept();
    if (weights.length != model.signature().encodedWidth()) {
      throw new IllegalArgumentException(
          "model has " + weights.length + " weights for " + model.signature().encodedWidth()
              + " encoded inputs");
    }
  }

  @Override
  public PortableModel model() {
    return model;
  }

  @Override
  public double regress(double[] numeric, String[] categorical) {
    return inputs.dot(weights, intercept, numeric, categorical);
  }

  @Override
  public int predictClass(double[] numeric, String[] categorical) {
    throw notAClassifier();
  }

  @Override
  public double probability(double[] numeric, String[] categorical) {
    throw notAClassifier();
  }

  @Override
  public Object predict(Object[] features) {
    double[] numeric = new double[inputs.numericCount()];
    String[] categorical = new String[inputs.categoricalCount()];
    inputs.split(features, numeric, categorical);
    return regress(numeric, categorical);
  }

  @Override
  public double probability(Object[] features) {
    throw notAClassifier();
  }

  private static IllegalStateException notAClassifier() {
    return new IllegalStateException("a regression model has no classes or probabilities");
  }
}

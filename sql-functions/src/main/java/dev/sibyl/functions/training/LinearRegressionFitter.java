package dev.sibyl.functions.training;

import dev.sibyl.registry.model.LinearParameters;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.BaseVector;
import smile.data.vector.DoubleVector;
import smile.regression.LinearModel;
import smile.regression.OLS;

/** Fits ordinary least squares with Smile and converts the result to {@link LinearParameters}. */
final class LinearRegressionFitter {
  private static final String RESPONSE = "y";

  private LinearRegressionFitter() {}

  /**
   * Fits {@code y ~ intercept + inputs}.
   *
   * @param inputs encoded inputs, one array per input ({@code [input][row]})
   * @param y the response of each row
   */
  static LinearModel fit(double[][] inputs, double[] y, LinearRegressionOptions options) {
    BaseVector<?, ?, ?>[] vectors = new BaseVector<?, ?, ?>[inputs.length + 1];
    for (int j = 0; j < inputs.length; j++) {
      vectors[j] = DoubleVector.of("x" + j, inputs[j]);
    }
    vectors[inputs.length] = DoubleVector.of(RESPONSE, y);
    return OLS.fit(Formula.lhs(RESPONSE), DataFrame.of(vectors), options.toProperties());
  }

  /** The fitted weights, in input order, and the intercept. */
  static LinearParameters toPortable(LinearModel model) {
    return new LinearParameters(model.coefficients(), model.intercept());
  }
}

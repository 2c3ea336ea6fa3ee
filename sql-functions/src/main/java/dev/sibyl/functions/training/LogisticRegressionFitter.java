package dev.sibyl.functions.training;

import dev.sibyl.registry.model.LogisticParameters;
import java.util.Arrays;
import smile.classification.LogisticRegression;

/** Fits logistic regression with Smile and converts the result to {@link LogisticParameters}. */
final class LogisticRegressionFitter {
  private LogisticRegressionFitter() {}

  /**
   * Fits a binomial model for two classes, a multinomial one otherwise.
   *
   * @param inputs encoded inputs, one array per row ({@code [row][input]})
   * @param y the class index of each row; every index in {@code 0 .. k-1} occurs
   */
  static LogisticRegression fit(double[][] inputs, int[] y, LogisticRegressionOptions options) {
    return LogisticRegression.fit(inputs, y, options.toProperties());
  }

  /**
   * Smile's binomial model keeps one weight row with the bias last; its multinomial model keeps
   * {@code k-1} such rows, the last class being the reference with all-zero weights. The portable
   * form spells that reference row out, so a softmax over the {@code k} rows is exact.
   */
  static LogisticParameters toPortable(LogisticRegression model) {
    if (model instanceof LogisticRegression.Binomial) {
      double[] w = ((LogisticRegression.Binomial) model).coefficients();
      int p = w.length - 1;
      return new LogisticParameters(new double[][] {Arrays.copyOf(w, p)}, new double[] {w[p]});
    }
    double[][] w = ((LogisticRegression.Multinomial) model).coefficients();
    int p = w[0].length - 1;
    int k = w.length + 1;
    double[][] weights = new double[k][];
    double[] intercepts = new double[k];
    for (int c = 0; c < k - 1; c++) {
      weights[c] = Arrays.copyOf(w[c], p);
      intercepts[c] = w[c][p];
    }
    weights[k - 1] = new double[p];
    return new LogisticParameters(weights, intercepts);
  }
}

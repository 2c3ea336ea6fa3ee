package dev.sibyl.functions.training;

import dev.sibyl.registry.model.LinearParameters;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.BaseVector;
import smile.data.vector.DoubleVector;
import smile.regression.ElasticNet;
import smile.regression.LASSO;
import smile.regression.LinearModel;
import smile.regression.RidgeRegression;

/**
 * Fits ridge, lasso and elastic net with Smile and converts the result to {@link
 * LinearParameters}.
 *
 * <p>Smile standardises every input and refuses a constant one (a category present in every
 * training row, a number that never varies). Such inputs cannot be told apart from the intercept,
 * so they are left out of the Smile fit and get weight 0.
 *
 * <p>Smile's lasso is an interior-point method: it stops near, never at, zero, so an input the L1
 * penalty removes keeps a weight of about {@code 1e-5}. With an L1 penalty, each weight is then set
 * to exactly 0, smallest first, when that does not increase the penalized objective (the
 * intercept absorbing the input's mean), which is how the lasso's zeros come out.
 */
final class PenalizedRegressionFitter {
  private static final String RESPONSE = "y";

  private PenalizedRegressionFitter() {}

  /**
   * What one fit produced.
   *
   * @param smile the Smile model over the inputs {@code kept}, or null when no input varies
   * @param kept positions in the encoded row of the inputs Smile saw, ascending
   * @param smileWeights Smile's weights and intercept spread over every encoded input (0 for the
   *     constant ones): scoring them gives Smile's predictions
   * @param model what is stored: {@code smileWeights}, with the lasso's zeros made exact
   */
  record Fit(LinearModel smile, int[] kept, LinearParameters smileWeights, LinearParameters model) {
    /** The entries of an encoded row that Smile's model reads. */
    double[] smileRow(double[] encodedRow) {
      double[] x = new double[kept.length];
      for (int i = 0; i < kept.length; i++) {
        x[i] = encodedRow[kept[i]];
      }
      return x;
    }
  }

  /**
   * Fits {@code y ~ intercept + inputs} with the penalty {@code options} describe.
   *
   * @param inputs encoded inputs, one array per input ({@code [input][row]})
   * @param y the response of each row
   * @param options {@link RidgeOptions}, {@link LassoOptions} or {@link ElasticNetOptions}
   */
  static Fit fit(double[][] inputs, double[] y, AlgorithmOptions options) {
    int[] kept = varyingInputs(inputs);
    if (kept.length == 0) {
      LinearParameters mean =
          new LinearParameters(new double[inputs.length], Arrays.stream(y).average().orElse(0));
      return new Fit(null, kept, mean, mean);
    }
    BaseVector<?, ?, ?>[] vectors = new BaseVector<?, ?, ?>[kept.length + 1];
    for (int i = 0; i < kept.length; i++) {
      vectors[i] = DoubleVector.of("x" + kept[i], inputs[kept[i]]);
    }
    vectors[kept.length] = DoubleVector.of(RESPONSE, y);
    DataFrame frame = DataFrame.of(vectors);
    Formula formula = Formula.lhs(RESPONSE);
    LinearModel smile;
    double l1 = 0;
    double l2 = 0;
    if (options instanceof RidgeOptions ridge) {
      smile = RidgeRegression.fit(formula, frame, ridge.toProperties());
    } else if (options instanceof LassoOptions lasso) {
      smile = LASSO.fit(formula, frame, lasso.toProperties());
      l1 = lasso.l1();
    } else if (options instanceof ElasticNetOptions elasticNet) {
      smile = ElasticNet.fit(formula, frame, elasticNet.toProperties());
      l1 = elasticNet.l1();
      l2 = elasticNet.l2();
    } else {
      throw new IllegalArgumentException("not a penalized regression: " + options);
    }
    double[] fitted = smile.coefficients();
    double[] weights = new double[inputs.length];
    for (int i = 0; i < kept.length; i++) {
      weights[kept[i]] = fitted[i];
    }
    LinearParameters smileWeights = new LinearParameters(weights, smile.intercept());
    LinearParameters model =
        l1 > 0 ? withExactZeros(smileWeights, inputs, y, l1, l2) : smileWeights;
    return new Fit(smile, kept, smileWeights, model);
  }

  /**
   * Sets weights to 0, smallest standardised weight first, while each change keeps {@code
   * sum(r^2) + l1 * sum(|s_j w_j|) + l2 * sum((s_j w_j)^2)} from growing; {@code s_j} is the
   * population standard deviation of input {@code j}, the intercept moves by {@code w_j *
   * mean_j}.
   */
  static LinearParameters withExactZeros(
      LinearParameters fitted, double[][] inputs, double[] y, double l1, double l2) {
    double[] w = fitted.weights();
    double b = fitted.intercept();
    int n = y.length;
    double[] residual = new double[n];
    for (int i = 0; i < n; i++) {
      residual[i] = y[i] - b;
    }
    double[] mean = new double[w.length];
    double[] sd = new double[w.length];
    for (int j = 0; j < w.length; j++) {
      double[] x = inputs[j];
      double sum = 0;
      for (int i = 0; i < n; i++) {
        residual[i] -= w[j] * x[i];
        sum += x[i];
      }
      mean[j] = sum / n;
      double squares = 0;
      for (int i = 0; i < n; i++) {
        squares += (x[i] - mean[j]) * (x[i] - mean[j]);
      }
      sd[j] = Math.sqrt(squares / n);
    }
    Integer[] order = IntStream.range(0, w.length).filter(j -> w[j] != 0).boxed()
        .sorted(Comparator.comparingDouble(j -> Math.abs(w[j] * sd[j])))
        .toArray(Integer[]::new);
    for (int j : order) {
      double[] x = inputs[j];
      double centeredDotResidual = 0;
      for (int i = 0; i < n; i++) {
        centeredDotResidual += (x[i] - mean[j]) * residual[i];
      }
      double standardised = w[j] * sd[j];
      double lossChange =
          2 * w[j] * centeredDotResidual + standardised * standardised * n;
      double penaltyChange = -l1 * Math.abs(standardised) - l2 * standardised * standardised;
      if (lossChange + penaltyChange <= 0) {
        for (int i = 0; i < n; i++) {
          residual[i] += w[j] * (x[i] - mean[j]);
        }
        b += w[j] * mean[j];
        w[j] = 0;
      }
    }
    return new LinearParameters(w, b);
  }

  /** Positions of the inputs that take more than one value. */
  private static int[] varyingInputs(double[][] inputs) {
    int[] kept = new int[inputs.length];
    int count = 0;
    for (int j = 0; j < inputs.length; j++) {
      double[] column = inputs[j];
      for (double value : column) {
        if (value != column[0]) {
          kept[count++] = j;
          break;
        }
      }
    }
    return Arrays.copyOf(kept, count);
  }
}

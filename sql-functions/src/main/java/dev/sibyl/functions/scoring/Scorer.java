package dev.sibyl.functions.scoring;

import dev.sibyl.registry.model.CentroidParameters;
import dev.sibyl.registry.model.GroupedModels;
import dev.sibyl.registry.model.LinearParameters;
import dev.sibyl.registry.model.LinearSvmParameters;
import dev.sibyl.registry.model.LogisticParameters;
import dev.sibyl.registry.model.NaiveBayesParameters;
import dev.sibyl.registry.model.NeuralNetworkParameters;
import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.TreeEnsemble;

/**
 * Scores rows for one {@link PortableModel}. Thread-safe, immutable, and free of Smile.
 *
 * <p>The primitive methods take the features split by kind: {@code numeric} has one slot per
 * NUMERIC feature in signature order ({@code NaN} = missing) and {@code categorical} one slot per
 * CATEGORICAL feature in signature order ({@code null} = missing). They allocate nothing, so callers
 * may reuse both arrays from row to row.
 */
public interface Scorer {

  /** A scorer for the model, chosen by the kind of its parameters. */
  static Scorer of(PortableModel model) {
    if (model.body() instanceof GroupedModels) {
      return new GroupedScorer(model);
    }
    if (model.body() instanceof LinearParameters) {
      return new LinearScorer(model);
    }
    if (model.body() instanceof LogisticParameters) {
      return new LogisticScorer(model);
    }
    if (model.body() instanceof TreeEnsemble) {
      return new TreeEnsembleScorer(model);
    }
    if (model.body() instanceof NaiveBayesParameters) {
      return new NaiveBayesScorer(model);
    }
    if (model.body() instanceof CentroidParameters) {
      return new CentroidScorer(model);
    }
    if (model.body() instanceof LinearSvmParameters) {
      return new LinearSvmScorer(model);
    }
    if (model.body() instanceof NeuralNetworkParameters) {
      return new MlpScorer(model);
    }
    throw new IllegalArgumentException("no scorer for " + model.body().getClass().getName());
  }

  /**
   * The probability of every class of a classifier, in the order of the label's classes. Scorers
   * that only know the probability of their predicted class (multiclass) spread the rest evenly over the
   * other classes; scorers with the full distribution override this.
   */
  default void classProbabilities(double[] numeric, String[] categorical, double[] out) {
    double p = probability(numeric, categorical);
    if (out.length == 2) {
      out[1] = p;
      out[0] = 1 - p;
      return;
    }
    int predicted = predictClass(numeric, categorical);
    java.util.Arrays.fill(out, (1 - p) / Math.max(1, out.length - 1));
    out[predicted] = p;
  }

  /**
   * {@link #regress(double[], String[])} of many rows: {@code out[i]} is row {@code i}'s value.
   * This default scores the rows one by one; tree models score them in blocks.
   *
   * @throws IllegalStateException for a classifier or a clustering model
   */
  default void regress(double[][] numericRows, String[][] categoricalRows, double[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = regress(numericRows[i], categoricalRows[i]);
    }
  }

  /**
   * {@link #predictClass(double[], String[])} of many rows, as {@link #regress(double[][],
   * String[][], double[])} scores them.
   *
   * @throws IllegalStateException for a regression model
   */
  default void predictClasses(double[][] numericRows, String[][] categoricalRows, int[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = predictClass(numericRows[i], categoricalRows[i]);
    }
  }

  /**
   * {@link #probability(double[], String[])} of many rows, as {@link #regress(double[][],
   * String[][], double[])} scores them.
   *
   * @throws IllegalStateException for a regression or clustering model
   */
  default void probabilities(double[][] numericRows, String[][] categoricalRows, double[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = probability(numericRows[i], categoricalRows[i]);
    }
  }

  /** The model this scorer evaluates. */
  PortableModel model();

  /**
   * The predicted value of a regression model.
   *
   * @throws IllegalStateException for a classifier or a clustering model
   */
  double regress(double[] numeric, String[] categorical);

  /**
   * The predicted class, as an index into {@code model().label().classes()}: the most probable
   * class (ties go to the lowest index); for a binary model the positive class iff its probability
   * is at least 0.5 (for linear_svm: iff its margin is above 0; for mlp and tree models: iff it is
   * above 0.5, as Smile decides). For a clustering model, the cluster id.
   *
   * @throws IllegalStateException for a regression model
   */
  int predictClass(double[] numeric, String[] categorical);

  /**
   * For a binary model the probability of the positive class; otherwise the probability of the
   * predicted class.
   *
   * @throws IllegalStateException for a regression or clustering model
   */
  double probability(double[] numeric, String[] categorical);

  /**
   * Scores one row given in signature order: numeric features as {@link Number} or null,
   * categorical features as {@link String}, {@link Boolean} (matching {@code "true"} / {@code
   * "false"}) or null. Allocates; meant for convenience, not for hot loops.
   *
   * @return the predicted value as a {@link Double} for regression, the cluster id as an {@link
   *     Integer} for clustering, the class string otherwise
   * @throws IllegalArgumentException if the row does not fit the signature
   */
  Object predict(Object[] features);

  /**
   * {@link #probability(double[], String[])} of one row given as for {@link #predict(Object[])}.
   *
   * @throws IllegalStateException for a regression or clustering model
   */
  double probability(Object[] features);
}

package dev.sibyl.registry.model;

/**
 * A naive Bayes classifier: Gaussian for numeric features, categorical for category features.
 *
 * <p>{@code P(class k | x)} is proportional to {@code priors[k]} times, for each numeric feature
 * {@code j}, the normal density with mean {@code means[k][j]} and variance {@code
 * variances[k][j]} at the standardised value {@code (x - center) / scale}, times, for each
 * categorical feature {@code c}, {@code categoryProbabilities[k][c][i]} where {@code i} is the
 * value's position in the feature's categories. A missing number (NULL, NaN) and a NULL or unseen
 * category are left out of the product. Numeric features are indexed among the numeric ones,
 * categorical among the categorical ones, each in signature order.
 *
 * @param priors the probability of each class, in class order
 * @param means per class, the mean of each standardised numeric feature
 * @param variances per class, the variance of each standardised numeric feature (all {@code > 0})
 * @param categoryProbabilities per class and categorical feature, the probability of each category
 */
public record NaiveBayesParameters(
    double[] priors, double[][] means, double[][] variances, double[][][] categoryProbabilities)
    implements ModelBody {

  public NaiveBayesParameters {
    int classes = priors.length;
    if (classes < 2 || means.length != classes || variances.length != classes
        || categoryProbabilities.length != classes) {
      throw new IllegalArgumentException("need priors, means, variances and category"
          + " probabilities for each of at least two classes");
    }
    priors = priors.clone();
    means = copy(means);
    variances = copy(variances);
    double[][][] categories = new double[classes][][];
    for (int k = 0; k < classes; k++) {
      categories[k] = copy(categoryProbabilities[k]);
    }
    categoryProbabilities = categories;
  }

  /** Number of classes. */
  public int classCount() {
    return priors.length;
  }

  @Override
  public double[] priors() {
    return priors.clone();
  }

  @Override
  public double[][] means() {
    return copy(means);
  }

  @Override
  public double[][] variances() {
    return copy(variances);
  }

  @Override
  public double[][][] categoryProbabilities() {
    double[][][] result = new double[categoryProbabilities.length][][];
    for (int k = 0; k < result.length; k++) {
      result[k] = copy(categoryProbabilities[k]);
    }
    return result;
  }

  private static double[][] copy(double[][] rows) {
    double[][] result = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      result[i] = rows[i].clone();
    }
    return result;
  }
}

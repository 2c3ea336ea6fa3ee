package dev.sibyl.functions.training;

import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.FeatureKind;
import dev.sibyl.registry.model.FeatureSignature;
import dev.sibyl.registry.model.NaiveBayesParameters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits naive Bayes by counting: class priors, per-class mean and variance of each standardised
 * numeric feature, per-class frequency of each category.
 *
 * <p>Smile's {@code NaiveBayes} can evaluate such a mixed model (a {@code GaussianDistribution} or
 * {@code EmpiricalDistribution} per class and feature, which the parity test builds) but has no
 * fit for one, and its distributions' estimators know neither smoothing nor missing values; see
 * {@code docs/decisions/0005-naive-bayes-and-kmeans.md}.
 *
 * <ul>
 *   <li>prior of class k: its share of the training rows;
 *   <li>numeric feature: mean and population variance, per class, of the standardised values
 *       present (missing ones are skipped), plus {@code var_smoothing} times the largest such
 *       variance over all training rows; a class with no value of the feature gets the overall
 *       mean and variance;
 *   <li>category: {@code (count + category_smoothing) / (values present + category_smoothing *
 *       categories)} per class, NULLs skipped.
 * </ul>
 */
final class NaiveBayesFitter {
  private NaiveBayesFitter() {}

  /**
   * Fits on the given rows.
   *
   * @param classOf the class index of each of {@code rows}, every one in {@code 0 .. classes-1}
   */
  static NaiveBayesParameters fit(TrainingTable table, FeatureSignature signature, int[] rows,
      int[] classOf, int classes, NaiveBayesOptions options) {
    int numericCount = table.numericCount();
    int categoricalCount = table.categoricalCount();
    double[] center = new double[numericCount];
    double[] scale = new double[numericCount];
    List<Map<String, Integer>> categoryIndex = new ArrayList<>();
    int[] categoryCount = new int[categoricalCount];
    int n = 0;
    int c = 0;
    for (Feature feature : signature.features()) {
      if (feature.kind() == FeatureKind.NUMERIC) {
        center[n] = feature.center();
        scale[n++] = feature.scale();
      } else {
        Map<String, Integer> index = new HashMap<>();
        for (String category : feature.categories()) {
          index.put(category, index.size());
        }
        categoryIndex.add(index);
        categoryCount[c++] = index.size();
      }
    }

    long[] classRows = new long[classes];
    long[][] present = new long[classes][numericCount];
    double[][] sum = new double[classes][numericCount];
    double[][] squares = new double[classes][numericCount];
    double[][][] counts = new double[classes][categoricalCount][];
    for (int k = 0; k < classes; k++) {
      for (int j = 0; j < categoricalCount; j++) {
        counts[k][j] = new double[categoryCount[j]];
      }
    }
    double[] numeric = new double[numericCount];
    String[] categorical = new String[categoricalCount];
    for (int i = 0; i < rows.length; i++) {
      int k = classOf[i];
      classRows[k]++;
      table.fill(rows[i], numeric, categorical);
      for (int j = 0; j < numericCount; j++) {
        if (!Double.isNaN(numeric[j])) {
          double z = (numeric[j] - center[j]) / scale[j];
          present[k][j]++;
          sum[k][j] += z;
          squares[k][j] += z * z;
        }
      }
      for (int j = 0; j < categoricalCount; j++) {
        Integer index = categorical[j] == null ? null : categoryIndex.get(j).get(categorical[j]);
        if (index != null) {
          counts[k][j][index]++;
        }
      }
    }

    double[] priors = new double[classes];
    for (int k = 0; k < classes; k++) {
      priors[k] = (double) classRows[k] / rows.length;
    }
    double[][] means = new double[classes][numericCount];
    double[][] variances = new double[classes][numericCount];
    double largestVariance = 0;
    double[] overallMean = new double[numericCount];
    double[] overallVariance = new double[numericCount];
    for (int j = 0; j < numericCount; j++) {
      long count = 0;
      double total = 0;
      double totalSquares = 0;
      for (int k = 0; k < classes; k++) {
        count += present[k][j];
        total += sum[k][j];
        totalSquares += squares[k][j];
      }
      overallMean[j] = count == 0 ? 0 : total / count;
      overallVariance[j] =
          count == 0 ? 0 : Math.max(0, totalSquares / count - overallMean[j] * overallMean[j]);
      largestVariance = Math.max(largestVariance, overallVariance[j]);
    }
    // All numeric features constant: smooth on the standardised scale (variance 1).
    double epsilon = options.varSmoothing() * (largestVariance > 0 ? largestVariance : 1);
    for (int k = 0; k < classes; k++) {
      for (int j = 0; j < numericCount; j++) {
        if (present[k][j] == 0) {
          means[k][j] = overallMean[j];
          variances[k][j] = overallVariance[j] + epsilon;
        } else {
          double mean = sum[k][j] / present[k][j];
          means[k][j] = mean;
          variances[k][j] =
              Math.max(0, squares[k][j] / present[k][j] - mean * mean) + epsilon;
        }
      }
    }
    double alpha = options.categorySmoothing();
    for (int k = 0; k < classes; k++) {
      for (int j = 0; j < categoricalCount; j++) {
        double[] row = counts[k][j];
        double total = 0;
        for (double count : row) {
          total += count;
        }
        double denominator = total + alpha * row.length;
        for (int i = 0; i < row.length; i++) {
          row[i] = (row[i] + alpha) / denominator;
        }
      }
    }
    return new NaiveBayesParameters(priors, means, variances, counts);
  }
}

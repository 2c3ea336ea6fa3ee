package dev.sibyl.functions.training;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Quality metrics of predictions against known labels, and of clusterings, with scikit-learn's
 * definitions.
 *
 * <p>Class labels are indices into the model's classes; an actual label of {@code -1} is a class
 * the model never saw in training: it counts as a wrong prediction, gets probability 0 in the log
 * loss, and is left out of the AUC.
 */
public final class EvaluationMetrics {
  /** Probabilities are clipped to [EPSILON, 1 - EPSILON] in the log loss. */
  static final double EPSILON = 1e-15;

  private EvaluationMetrics() {}

  /** {@code rmse}, {@code mae} and {@code r2}, in that order. */
  public static Map<String, Double> regression(double[] actual, double[] predicted) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("rmse", rmse(actual, predicted));
    metrics.put("mae", mae(actual, predicted));
    metrics.put("r2", r2(actual, predicted));
    return Collections.unmodifiableMap(metrics);
  }

  /**
   * {@code accuracy}, {@code f1}, {@code log_loss} and, for two classes, {@code auc}.
   *
   * @param actual true class index per row ({@code -1} = unseen in training)
   * @param predicted predicted class index per row
   * @param probabilities per row, the probability of every class
   */
  public static Map<String, Double> classification(
      int[] actual, int[] predicted, double[][] probabilities) {
    int classes = probabilities.length == 0 ? 0 : probabilities[0].length;
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("accuracy", accuracy(actual, predicted));
    metrics.put("f1", classes == 2 ? f1(actual, predicted, 1) : macroF1(actual, predicted, classes));
    metrics.put("log_loss", logLoss(actual, probabilities));
    if (classes == 2) {
      double[] positive = new double[probabilities.length];
      for (int i = 0; i < positive.length; i++) {
        positive[i] = probabilities[i][1];
      }
      metrics.put("auc", auc(actual, positive));
    }
    return Collections.unmodifiableMap(metrics);
  }

  /**
   * {@code inertia}: the sum, over the rows measured, of the squared Euclidean distance from each
   * row to its nearest centroid in the encoded space (scikit-learn's {@code inertia_}).
   */
  public static Map<String, Double> clustering(double inertia) {
    return Map.of("inertia", inertia);
  }

  /** Root mean squared error. */
  public static double rmse(double[] actual, double[] predicted) {
    double sum = 0;
    for (int i = 0; i < actual.length; i++) {
      double e = actual[i] - predicted[i];
      sum += e * e;
    }
    return Math.sqrt(sum / actual.length);
  }

  /** Mean absolute error. */
  public static double mae(double[] actual, double[] predicted) {
    double sum = 0;
    for (int i = 0; i < actual.length; i++) {
      sum += Math.abs(actual[i] - predicted[i]);
    }
    return sum / actual.length;
  }

  /**
   * Coefficient of determination {@code 1 - SS_res / SS_tot}; when the actual values are all equal,
   * 1 for perfect predictions and 0 otherwise.
   */
  public static double r2(double[] actual, double[] predicted) {
    double mean = 0;
    for (double y : actual) {
      mean += y;
    }
    mean /= actual.length;
    double residual = 0;
    double total = 0;
    for (int i = 0; i < actual.length; i++) {
      residual += (actual[i] - predicted[i]) * (actual[i] - predicted[i]);
      total += (actual[i] - mean) * (actual[i] - mean);
    }
    if (total == 0) {
      return residual == 0 ? 1 : 0;
    }
    return 1 - residual / total;
  }

  /** Share of rows predicted right. */
  public static double accuracy(int[] actual, int[] predicted) {
    int right = 0;
    for (int i = 0; i < actual.length; i++) {
      if (actual[i] == predicted[i]) {
        right++;
      }
    }
    return (double) right / actual.length;
  }

  /** F1 score of one class; 0 when the class is neither actual nor predicted anywhere. */
  public static double f1(int[] actual, int[] predicted, int positive) {
    long truePositives = 0;
    long falsePositives = 0;
    long falseNegatives = 0;
    for (int i = 0; i < actual.length; i++) {
      boolean isActual = actual[i] == positive;
      boolean isPredicted = predicted[i] == positive;
      if (isActual && isPredicted) {
        truePositives++;
      } else if (isPredicted) {
        falsePositives++;
      } else if (isActual) {
        falseNegatives++;
      }
    }
    long denominator = 2 * truePositives + falsePositives + falseNegatives;
    return denominator == 0 ? 0 : 2.0 * truePositives / denominator;
  }

  /** Mean of the per-class F1 scores over the classes that are actual or predicted somewhere. */
  public static double macroF1(int[] actual, int[] predicted, int classes) {
    boolean[] present = new boolean[classes];
    for (int i = 0; i < actual.length; i++) {
      if (actual[i] >= 0) {
        present[actual[i]] = true;
      }
      present[predicted[i]] = true;
    }
    double sum = 0;
    int count = 0;
    for (int c = 0; c < classes; c++) {
      if (present[c]) {
        sum += f1(actual, predicted, c);
        count++;
      }
    }
    return count == 0 ? 0 : sum / count;
  }

  /** Mean negative log of the probability given to the actual class. */
  public static double logLoss(int[] actual, double[][] probabilities) {
    double sum = 0;
    for (int i = 0; i < actual.length; i++) {
      double p = actual[i] < 0 ? 0 : probabilities[i][actual[i]];
      sum -= Math.log(Math.min(Math.max(p, EPSILON), 1 - EPSILON));
    }
    return sum / actual.length;
  }

  /**
   * Area under the ROC curve of class 1 against class 0: the probability that a random positive
   * row scores above a random negative one, ties counting one half (Mann-Whitney U with mid-ranks).
   * NaN when either class is absent.
   */
  public static double auc(int[] actual, double[] positiveScore) {
    int positives = 0;
    int negatives = 0;
    for (int y : actual) {
      if (y == 1) {
        positives++;
      } else if (y == 0) {
        negatives++;
      }
    }
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    double[] positiveScores = new double[positives];
    double[] negativeScores = new double[negatives];
    for (int i = 0, p = 0, q = 0; i < actual.length; i++) {
      if (actual[i] == 1) {
        positiveScores[p++] = positiveScore[i];
      } else if (actual[i] == 0) {
        negativeScores[q++] = positiveScore[i];
      }
    }
    Arrays.sort(positiveScores);
    Arrays.sort(negativeScores);
    // Mann-Whitney: each positive wins against every lower negative and half-wins each tie.
    double wins = 0;
    int below = 0;
    int notAbove = 0;
    for (double score : positiveScores) {
      while (below < negatives && negativeScores[below] < score) {
        below++;
      }
      if (notAbove < below) {
        notAbove = below;
      }
      while (notAbove < negatives && negativeScores[notAbove] <= score) {
        notAbove++;
      }
      wins += below + (notAbove - below) / 2.0;
    }
    return wins / ((double) positives * negatives);
  }

}

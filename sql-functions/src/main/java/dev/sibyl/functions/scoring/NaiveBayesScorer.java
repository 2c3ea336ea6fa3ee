package dev.sibyl.functions.scoring;

import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.FeatureKind;
import dev.sibyl.registry.model.NaiveBayesParameters;
import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.Task;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a naive Bayes model (see {@link NaiveBayesParameters}): per class, the log prior plus the
 * log density of each numeric feature and the log probability of each category; a missing number
 * and a NULL or unseen category add nothing. Probabilities are the softmax of those log scores.
 */
public final class NaiveBayesScorer implements ClassifierScorer {
  private static final double HALF_LOG_TWO_PI = Math.log(2 * Math.PI) / 2;

  private final PortableModel model;
  private final int classes;
  private final double[] logPriors;
  private final double[] center;
  private final double[] scale;
  private final double[][] means;
  private final double[][] variances;
  /** Per class and numeric feature: log(sigma) + log(2 pi) / 2. */
  private final double[][] logNormalizers;
  private final Map<String, Integer>[] categoryIndex;
  private final double[][][] logCategoryProbabilities;

  /**
   * @throws IllegalArgumentException if the model is not a classifier over {@link
   *     NaiveBayesParameters} that fit its signature and classes
   */
  @SuppressWarnings("unchecked")
  public NaiveBayesScorer(PortableModel model) {
    if (!(model.body() instanceof NaiveBayesParameters parameters)
        || model.task() != Task.CLASSIFICATION) {
      throw new IllegalArgumentException("not a naive Bayes model");
    }
    this.model = model;
    this.classes = parameters.classCount();
    if (classes != model.label().classes().size()) {
      throw new IllegalArgumentException(
          "model has " + classes + " priors for " + model.label().classes().size() + " classes");
    }
    List<Feature> features = model.signature().features();
    int numericCount = (int) features.stream().filter(f -> f.kind() == FeatureKind.NUMERIC).count();
    int categoricalCount = features.size() - numericCount;
    center = new double[numericCount];
    scale = new double[numericCount];
    categoryIndex = new Map[categoricalCount];
    int n = 0;
    int c = 0;
    for (Feature f : features) {
      if (f.kind() == FeatureKind.NUMERIC) {
        center[n] = f.center();
        scale[n++] = f.scale();
      } else {
        Map<String, Integer> index = new HashMap<>();
        for (String category : f.categories()) {
          index.put(category, index.size());
        }
        categoryIndex[c++] = index;
      }
    }
    logPriors = new double[classes];
    means = parameters.means();
    variances = parameters.variances();
    logNormalizers = new double[classes][numericCount];
    double[][][] probabilities = parameters.categoryProbabilities();
    logCategoryProbabilities = new double[classes][categoricalCount][];
    double[] priors = parameters.priors();
    for (int k = 0; k < classes; k++) {
      logPriors[k] = Math.log(priors[k]);
      if (means[k].length != numericCount || variances[k].length != numericCount
          || probabilities[k].length != categoricalCount) {
        throw new IllegalArgumentException("class " + k + " does not fit the signature");
      }
      for (int j = 0; j < numericCount; j++) {
        if (!(variances[k][j] > 0)) {
          throw new IllegalArgumentException("variance of class " + k + " is not positive");
        }
        logNormalizers[k][j] = Math.log(Math.sqrt(variances[k][j])) + HALF_LOG_TWO_PI;
      }
      for (int j = 0; j < categoricalCount; j++) {
        double[] p = probabilities[k][j];
        if (p.length != categoryIndex[j].size()) {
          throw new IllegalArgumentException("class " + k + " does not fit the categories");
        }
        logCategoryProbabilities[k][j] = new double[p.length];
        for (int i = 0; i < p.length; i++) {
          logCategoryProbabilities[k][j][i] = Math.log(p[i]);
        }
      }
    }
  }

  @Override
  public PortableModel model() {
    return model;
  }

  @Override
  public int classCount() {
    return classes;
  }

  /** The unnormalised log posterior of class {@code k}. */
  private double logScore(int k, double[] numeric, String[] categorical) {
    double score = logPriors[k];
    for (int j = 0; j < numeric.length; j++) {
      double x = numeric[j];
      if (!Double.isNaN(x)) {
        double d = (x - center[j]) / scale[j] - means[k][j];
        score += -0.5 * d * d / variances[k][j] - logNormalizers[k][j];
      }
    }
    for (int j = 0; j < categorical.length; j++) {
      String value = categorical[j];
      if (value != null) {
        Integer index = categoryIndex[j].get(value);
        if (index != null) {
          score += logCategoryProbabilities[k][j][index];
        }
      }
    }
    return score;
  }

  @Override
  public double regress(double[] numeric, String[] categorical) {
    throw new IllegalStateException("a classifier predicts classes, not values");
  }

  @Override
  public int predictClass(double[] numeric, String[] categorical) {
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < classes; k++) {
      double score = logScore(k, numeric, categorical);
      if (score > bestScore) {
        bestScore = score;
        best = k;
      }
    }
    return best;
  }

  @Override
  public double probability(double[] numeric, String[] categorical) {
    if (classes == 2) {
      double difference =
          logScore(0, numeric, categorical) - logScore(1, numeric, categorical);
      return 1 / (1 + Math.exp(difference));
    }
    // One pass of a streaming softmax: the running maximum m and sum s of exp(score - m).
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    for (int k = 0; k < classes; k++) {
      double score = logScore(k, numeric, categorical);
      if (score > max) {
        sum = sum * Math.exp(max - score) + 1;
        max = score;
      } else {
        sum += Math.exp(score - max);
      }
    }
    return 1 / sum;
  }

  @Override
  public void classProbabilities(double[] numeric, String[] categorical, double[] out) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < classes; k++) {
      out[k] = logScore(k, numeric, categorical);
      max = Math.max(max, out[k]);
    }
    double sum = 0;
    for (int k = 0; k < classes; k++) {
      out[k] = Math.exp(out[k] - max);
      sum += out[k];
    }
    for (int k = 0; k < classes; k++) {
      out[k] /= sum;
    }
  }

  @Override
  public Object predict(Object[] features) {
    double[] numeric = new double[center.length];
    String[] categorical = new String[categoryIndex.length];
    EncodedInputs.split(model.signature(), features, numeric, categorical);
    return model.label().classes().get(predictClass(numeric, categorical));
  }

  @Override
  public double probability(Object[] features) {
    double[] numeric = new double[center.length];
    String[] categorical = new String[categoryIndex.length];
    EncodedInputs.split(model.signature(), features, numeric, categorical);
    return probability(numeric, categorical);
  }
}

package dev.sibyl.functions.evaluation;

import dev.sibyl.registry.SibylErrors;
import dev.sibyl.registry.StoredModel;
import dev.sibyl.registry.model.CentroidParameters;
import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.FeatureKind;
import dev.sibyl.registry.model.GroupedModels;
import dev.sibyl.registry.model.LinearParameters;
import dev.sibyl.registry.model.LinearSvmParameters;
import dev.sibyl.registry.model.LogisticParameters;
import dev.sibyl.registry.model.NaiveBayesParameters;
import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.TreeEnsemble;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of {@code EXPLAIN_MODEL}: (DETAIL, CLASS, CLUSTER, FEATURE, DETAIL_VALUE), every number
 * in the units of the raw columns (the encoders' standardisation undone), a category as {@code
 * NAME=value}.
 *
 * <ul>
 *   <li>{@code coefficient} (linear, logistic, linear SVM): the intercept as {@code (intercept)},
 *       then one weight per numeric feature and per category; CLASS is the class the weights score
 *       (the positive class of a binary model), NULL for regression.
 *   <li>{@code importance} (trees): per feature, its share of the impurity decrease of all the
 *       training splits, a category's one-hot inputs added up; the shares sum to 1.
 *   <li>{@code centroid} (k-means): per CLUSTER, the centre's value of each numeric feature and,
 *       per category, the centre's one-hot weight (the share of the cluster's rows with it).
 *   <li>{@code prior}, {@code mean}, {@code stddev}, {@code probability} (naive Bayes): per CLASS,
 *       its prior, each numeric feature's mean and standard deviation, each category's probability.
 * </ul>
 */
final class ModelExplanation {
  private static final String COEFFICIENT = "coefficient";
  private static final String IMPORTANCE = "importance";
  private static final String CENTROID = "centroid";
  private static final String PRIOR = "prior";
  private static final String MEAN = "mean";
  private static final String STDDEV = "stddev";
  private static final String PROBABILITY = "probability";
  private static final String INTERCEPT = "(intercept)";

  private final PortableModel model;
  private final List<Object[]> rows = new ArrayList<>();

  private ModelExplanation(PortableModel model) {
    this.model = model;
  }

  /**
   * The rows for a stored model.
   *
   * @throws SQLException 0A000 for a network, or for trees stored without importances
   */
  static List<Object[]> of(StoredModel stored) throws SQLException {
    PortableModel model = stored.model();
    ModelExplanation explanation = new ModelExplanation(model);
    List<String> classes = model.label().classes();
    if (model.body() instanceof LinearParameters linear) {
      explanation.addCoefficients(null, linear.weights(), linear.intercept());
    } else if (model.body() instanceof LogisticParameters logistic) {
      for (int r = 0; r < logistic.rows(); r++) {
        String scoredClass = logistic.rows() == 1 ? classes.get(1) : classes.get(r);
        explanation.addCoefficients(scoredClass, logistic.weightsOf(r), logistic.intercepts()[r]);
      }
    } else if (model.body() instanceof LinearSvmParameters svm) {
      explanation.addCoefficients(classes.get(1), svm.weights(), svm.intercept());
    } else if (model.body() instanceof TreeEnsemble trees) {
      String name = stored.version().name();
      int version = stored.version().version();
      if (!trees.hasImportance()) {
        throw SibylErrors.importanceNotRecorded(name, version);
      }
      double[] shares = trees.importance();
      if (shares.length != model.signature().encodedWidth()) {
        throw SibylErrors.corruptedPayload(name, version, shares.length
            + " importances for " + model.signature().encodedWidth() + " encoded inputs");
      }
      explanation.addImportances(shares);
    } else if (model.body() instanceof CentroidParameters centroids) {
      double[][] centres = centroids.centroids();
      for (int c = 0; c < centres.length; c++) {
        explanation.addCentroid(c, centres[c]);
      }
    } else if (model.body() instanceof NaiveBayesParameters naiveBayes) {
      double[] priors = naiveBayes.priors();
      double[][] means = naiveBayes.means();
      double[][] variances = naiveBayes.variances();
      double[][][] categories = naiveBayes.categoryProbabilities();
      for (int k = 0; k < priors.length; k++) {
        explanation.addClassDistribution(
            classes.get(k), priors[k], means[k], variances[k], categories[k]);
      }
    } else if (model.body() instanceof GroupedModels) {
      throw SibylErrors.groupedNotExplained(stored.version().name());
    } else {
      throw SibylErrors.nothingToExplain(stored.version().name(), model.algorithm().sqlName());
    }
    return explanation.rows;
  }

  private void add(String detail, String scoredClass, Integer cluster, String feature,
      double value) {
    rows.add(new Object[] {detail, scoredClass, cluster, feature, value});
  }

  private void addCoefficients(String scoredClass, double[] weights, double intercept) {
    double rawIntercept = intercept;
    int input = 0;
    for (Feature feature : model.signature().features()) {
      if (feature.kind() == FeatureKind.NUMERIC) {
        rawIntercept -= weights[input++] / feature.scale() * feature.center();
      } else {
        input += feature.width();
      }
    }
    add(COEFFICIENT, scoredClass, null, INTERCEPT, rawIntercept);
    input = 0;
    for (Feature feature : model.signature().features()) {
      if (feature.kind() == FeatureKind.NUMERIC) {
        add(COEFFICIENT, scoredClass, null, feature.name(), weights[input++] / feature.scale());
      } else {
        for (String category : feature.categories()) {
          add(COEFFICIENT, scoredClass, null, categoryName(feature, category), weights[input++]);
        }
      }
    }
  }

  private void addImportances(double[] shares) {
    int input = 0;
    for (Feature feature : model.signature().features()) {
      double share = 0;
      for (int i = 0; i < feature.width(); i++) {
        share += shares[input++];
      }
      add(IMPORTANCE, null, null, feature.name(), share);
    }
  }

  private void addCentroid(int cluster, double[] centre) {
    int input = 0;
    for (Feature feature : model.signature().features()) {
      if (feature.kind() == FeatureKind.NUMERIC) {
        add(CENTROID, null, cluster, feature.name(),
            centre[input++] * feature.scale() + feature.center());
      } else {
        for (String category : feature.categories()) {
          add(CENTROID, null, cluster, categoryName(feature, category), centre[input++]);
        }
      }
    }
  }

  private void addClassDistribution(String className, double prior, double[] means,
      double[] variances, double[][] categoryProbabilities) {
    add(PRIOR, className, null, null, prior);
    int numeric = 0;
    int categorical = 0;
    for (Feature feature : model.signature().features()) {
      if (feature.kind() == FeatureKind.NUMERIC) {
        add(MEAN, className, null, feature.name(),
            means[numeric] * feature.scale() + feature.center());
        add(STDDEV, className, null, feature.name(),
            Math.sqrt(variances[numeric]) * Math.abs(feature.scale()));
        numeric++;
      } else {
        double[] probabilities = categoryProbabilities[categorical++];
        for (int i = 0; i < probabilities.length; i++) {
          add(PROBABILITY, className, null, categoryName(feature, feature.categories().get(i)),
              probabilities[i]);
        }
      }
    }
  }

  private static String categoryName(Feature feature, String category) {
    return feature.name() + "=" + category;
  }
}

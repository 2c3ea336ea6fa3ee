package dev.sibyl.functions.scoring;

import dev.sibyl.registry.model.CentroidParameters;
import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.Task;

/**
 * Scores a k-means model: a row's cluster is the nearest centroid (the lowest id on a tie) in
 * Euclidean distance over the encoded row (standardised numbers, one-hot categories), with the
 * same imputation as the linear models.
 */
public final class CentroidScorer implements Scorer {
  private final PortableModel model;
  private final EncodedInputs inputs;
  private final double[][] centroids;
  private final double[][] categoricalSquares;

  /**
   * @throws IllegalArgumentException if the model is not a clustering over {@link
   *     CentroidParameters} that fit its signature
   */
  public CentroidScorer(PortableModel model) {
    if (!(model.body() instanceof CentroidParameters parameters)
        || model.task() != Task.CLUSTERING) {
      throw new IllegalArgumentException("not a k-means model");
    }
    this.model = model;
    this.inputs = new EncodedInputs(model.signature());
    this.centroids = parameters.centroids();
    this.categoricalSquares = new double[centroids.length][];
    for (int c = 0; c < centroids.length; c++) {
      if (centroids[c].length != model.signature().encodedWidth()) {
        throw new IllegalArgumentException(
            "centroid has " + centroids[c].length + " coordinates for "
                + model.signature().encodedWidth() + " encoded inputs");
      }
      categoricalSquares[c] = inputs.categoricalSquares(centroids[c]);
    }
  }

  @Override
  public PortableModel model() {
    return model;
  }

  /** Number of clusters. */
  public int clusterCount() {
    return centroids.length;
  }

  /** The cluster id of a row: the position of its nearest centroid, from 0. */
  @Override
  public int predictClass(double[] numeric, String[] categorical) {
    int nearest = 0;
    double best = Double.POSITIVE_INFINITY;
    for (int c = 0; c < centroids.length; c++) {
      double d = inputs.squaredDistance(centroids[c], categoricalSquares[c], numeric, categorical);
      if (d < best) {
        best = d;
        nearest = c;
      }
    }
    return nearest;
  }

  /** The squared Euclidean distance from a row to its nearest centroid. */
  public double squaredDistance(double[] numeric, String[] categorical) {
    double best = Double.POSITIVE_INFINITY;
    for (int c = 0; c < centroids.length; c++) {
      best = Math.min(best,
          inputs.squaredDistance(centroids[c], categoricalSquares[c], numeric, categorical));
    }
    return best;
  }

  /** The Euclidean distance from a row to its nearest centroid: what CLUSTER_DISTANCE returns. */
  public double distance(double[] numeric, String[] categorical) {
    return Math.sqrt(squaredDistance(numeric, categorical));
  }

  @Override
  public double regress(double[] numeric, String[] categorical) {
    throw notPredictive();
  }

  @Override
  public double probability(double[] numeric, String[] categorical) {
    throw notPredictive();
  }

  /** @return the cluster id as an {@link Integer} */
  @Override
  public Object predict(Object[] features) {
    double[] numeric = new double[inputs.numericCount()];
    String[] categorical = new String[inputs.categoricalCount()];
    inputs.split(features, numeric, categorical);
    return predictClass(numeric, categorical);
  }

  @Override
  public double probability(Object[] features) {
    throw notPredictive();
  }

  private static IllegalStateException notPredictive() {
    return new IllegalStateException("a clustering model has clusters, not values or classes");
  }
}

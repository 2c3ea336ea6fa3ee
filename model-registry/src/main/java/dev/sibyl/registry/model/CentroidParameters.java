package dev.sibyl.registry.model;

/**
 * The centroids of a k-means clustering, in the encoded input space (standardised numbers,
 * one-hot categories). A row belongs to the cluster of the nearest centroid in Euclidean distance;
 * cluster ids are the centroids' positions, from 0.
 *
 * @param centroids one row of encoded-input coordinates per cluster
 */
public record CentroidParameters(double[][] centroids) implements ModelBody {

  public CentroidParameters {
    if (centroids.length == 0) {
      throw new IllegalArgumentException("need at least one centroid");
    }
    double[][] copy = new double[centroids.length][];
    for (int i = 0; i < centroids.length; i++) {
      copy[i] = centroids[i].clone();
      if (copy[i].length != centroids[0].length) {
        throw new IllegalArgumentException("centroids differ in width");
      }
    }
    centroids = copy;
  }

  /** Number of clusters. */
  public int clusterCount() {
    return centroids.length;
  }

  @Override
  public double[][] centroids() {
    double[][] copy = new double[centroids.length][];
    for (int i = 0; i < centroids.length; i++) {
      copy[i] = centroids[i].clone();
    }
    return copy;
  }
}

package dev.sibyl.functions.training;

import dev.sibyl.registry.model.CentroidParameters;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import smile.clustering.BBDTree;
import smile.clustering.KMeans;
import smile.math.MathEx;

/**
 * Fits k-means with Smile: {@code runs} k-means++ starts over one BBD tree, keeping the run whose
 * final centroids give the lowest within-cluster sum of squares.
 *
 * <p>Smile draws the k-means++ starts from its per-thread generator, which this class seeds with
 * the {@code seed} option, so the same rows and options give the same centroids.
 */
final class KMeansFitter {
  private KMeansFitter() {}

  /**
   * The kept run.
   *
   * @param smile Smile's model of that run
   * @param inertia the within-cluster sum of squares of the training rows to its centroids
   */
  record Fit(KMeans smile, double inertia) {
    CentroidParameters toPortable() {
      return new CentroidParameters(smile.centroids);
    }
  }

  /**
   * Fits on encoded rows ({@code [row][input]}), at least {@code options.k()} of them.
   *
   * @return the best run, or null when every run left a cluster empty (fewer distinct rows than
   *     clusters)
   */
  static Fit fit(double[][] rows, KMeansOptions options, long seed) {
    MathEx.setSeed(seed);
    BBDTree tree = new BBDTree(rows);
    Fit best = null;
    for (int run = 0; run < options.runs(); run++) {
      KMeans smile =
          KMeans.fit(tree, rows, options.k(), options.maxIterations(), options.tolerance());
      if (!allFinite(smile.centroids)) {
        continue;
      }
      double inertia = inertia(rows, smile.centroids);
      if (best == null || inertia < best.inertia()) {
        best = new Fit(smile, inertia);
      }
    }
    return best;
  }

  /** The number of distinct rows, for the message when clusters stay empty. */
  static int distinctRows(double[][] rows) {
    Set<String> distinct = new HashSet<>();
    for (double[] row : rows) {
      distinct.add(Arrays.toString(row));
    }
    return distinct.size();
  }

  private static double inertia(double[][] rows, double[][] centroids) {
    double sum = 0;
    for (double[] row : rows) {
      double nearest = Double.POSITIVE_INFINITY;
      for (double[] centroid : centroids) {
        nearest = Math.min(nearest, MathEx.squaredDistance(row, centroid));
      }
      sum += nearest;
    }
    return sum;
  }

  /** An empty cluster's centroid is 0/0. */
  private static boolean allFinite(double[][] centroids) {
    for (double[] centroid : centroids) {
      for (double x : centroid) {
        if (!Double.isFinite(x)) {
          return false;
        }
      }
    }
    return true;
  }
}

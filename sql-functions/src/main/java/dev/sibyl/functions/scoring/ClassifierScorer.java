package dev.sibyl.functions.scoring;

/** A scorer of a classifier that gives every class a probability. */
public interface ClassifierScorer extends Scorer {
  /** Number of classes. */
  int classCount();

  /**
   * Writes the probability of every class, in class order, into {@code out} (length {@link
   * #classCount()}).
   */
  void classProbabilities(double[] numeric, String[] categorical, double[] out);
}

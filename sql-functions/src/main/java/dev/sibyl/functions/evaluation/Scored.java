package dev.sibyl.functions.evaluation;

import dev.sibyl.registry.model.PortableModel;
import java.util.ArrayList;
import java.util.List;

/** The labels and predictions of the rows of an evaluation query, as metrics take them. */
final class Scored {
  private final List<String> classes;
  private double[] actualValues = new double[64];
  private double[] predictedValues = new double[64];
  private final List<String> actualLabels = new ArrayList<>();
  private int[] predictedClasses = new int[64];
  private final List<double[]> probabilities = new ArrayList<>();
  private int size;

  Scored(PortableModel model) {
    this.classes = model.label().classes();
  }

  void addValue(double actual, double predicted) {
    grow();
    actualValues[size] = actual;
    predictedValues[size] = predicted;
    size++;
  }

  void addClass(String actual, int predicted, double[] classProbabilities) {
    grow();
    actualLabels.add(actual);
    predictedClasses[size] = predicted;
    probabilities.add(classProbabilities);
    size++;
  }

  private void grow() {
    if (size == predictedClasses.length) {
      int capacity = size * 2;
      actualValues = java.util.Arrays.copyOf(actualValues, capacity);
      predictedValues = java.util.Arrays.copyOf(predictedValues, capacity);
      predictedClasses = java.util.Arrays.copyOf(predictedClasses, capacity);
    }
  }

  int size() {
    return size;
  }

  double[] actualValues() {
    return java.util.Arrays.copyOf(actualValues, size);
  }

  double[] predictedValues() {
    return java.util.Arrays.copyOf(predictedValues, size);
  }

  List<String> actualLabels() {
    return actualLabels;
  }

  /** Class index of each actual label; -1 for a class the model never saw. */
  int[] actualClasses() {
    int[] indices = new int[size];
    for (int i = 0; i < size; i++) {
      indices[i] = classes.indexOf(actualLabels.get(i));
    }
    return indices;
  }

  int[] predictedClasses() {
    return java.util.Arrays.copyOf(predictedClasses, size);
  }

  double[][] probabilities() {
    return probabilities.toArray(new double[0][]);
  }
}

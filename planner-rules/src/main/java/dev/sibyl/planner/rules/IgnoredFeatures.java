package dev.sibyl.planner.rules;

import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.LinearParameters;
import dev.sibyl.registry.model.LinearSvmParameters;
import dev.sibyl.registry.model.LogisticParameters;
import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.TreeEnsemble;
import java.util.BitSet;
import java.util.List;

/**
 * The features whose value cannot change a model's output: a linear, logistic or SVM feature whose
 * every encoded weight is zero (as lasso and elastic net leave them), and a tree-model feature no
 * split tests. Other model kinds, and grouped models, ignore none.
 */
final class IgnoredFeatures {
  private IgnoredFeatures() {}

  /** The positions, in the model's signature, of the features it ignores. */
  static BitSet of(PortableModel model) {
    if (model.groups().isPresent()) {
      return new BitSet();
    }
    BitSet usedInputs = usedInputs(model);
    if (usedInputs == null) {
      return new BitSet();
    }
    List<Feature> features = model.signature().features();
    BitSet ignored = new BitSet();
    int input = 0;
    for (int i = 0; i < features.size(); i++) {
      int width = features.get(i).width();
      if (usedInputs.get(input, input + width).isEmpty()) {
        ignored.set(i);
      }
      input += width;
    }
    return ignored;
  }

  /** The encoded inputs the model reads, or null when every input may matter. */
  private static BitSet usedInputs(PortableModel model) {
    if (model.body() instanceof LinearParameters linear) {
      return nonZero(linear.weights());
    }
    if (model.body() instanceof LogisticParameters logistic) {
      BitSet used = new BitSet();
      for (double[] row : logistic.weights()) {
        used.or(nonZero(row));
      }
      return used;
    }
    if (model.body() instanceof LinearSvmParameters svm) {
      return nonZero(svm.weights());
    }
    if (model.body() instanceof TreeEnsemble trees) {
      BitSet used = new BitSet();
      for (int feature : trees.feature()) {
        if (feature >= 0) {
          used.set(feature);
        }
      }
      return used;
    }
    return null;
  }

  private static BitSet nonZero(double[] weights) {
    BitSet used = new BitSet();
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] != 0) {
        used.set(i);
      }
    }
    return used;
  }
}

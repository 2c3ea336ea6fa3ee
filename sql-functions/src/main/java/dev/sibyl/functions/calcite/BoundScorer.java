package dev.sibyl.functions.calcite;

import dev.sibyl.functions.scoring.CentroidScorer;
import dev.sibyl.functions.scoring.Scorer;
import dev.sibyl.registry.ModelVersion;
import dev.sibyl.registry.model.FeatureKind;
import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.GroupedModels;
import dev.sibyl.registry.model.Task;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * A scorer bound into a compiled query: the model version it scores and the label values typed
 * as the query expects them. Generated code calls its methods once per row: for a grouped model
 * ({@code group_by}) the methods that take the row's group, which route it to the bound scorer of
 * the group's model.
 */
public final class BoundScorer {
  private final ModelVersion version;
  private final Scorer scorer;
  private final Object[] classValues;
  private final int numericCount;
  private final int categoricalCount;
  private final Map<String, BoundScorer> groups;
  private final BoundScorer fallback;

  BoundScorer(ModelVersion version, PortableModel model) {
    this.version = version;
    this.groups = new HashMap<>();
    GroupedModels grouped = model.groups().orElse(null);
    if (grouped != null) {
      for (int i = 0; i < grouped.keys().size(); i++) {
        groups.put(grouped.keys().get(i), new BoundScorer(version, grouped.parts().get(i)));
      }
    }
    this.fallback = grouped == null || grouped.fallback() == null
        ? null : new BoundScorer(version, grouped.fallback());
    // a grouped model scores through its parts' scorers only (the *In methods)
    this.scorer = grouped == null ? Scorer.of(model) : null;
    List<String> classes = model.label().classes();
    this.classValues = new Object[classes.size()];
    for (int i = 0; i < classes.size(); i++) {
      classValues[i] = LabelTypes.parse(model.label().sqlType(), classes.get(i));
    }
    this.numericCount =
        (int) model.signature().features().stream()
            .filter(f -> f.kind() == FeatureKind.NUMERIC).count();
    this.categoricalCount = model.signature().size() - numericCount;
  }

  /** The model version this scorer was bound to. */
  public ModelVersion version() {
    return version;
  }

  /** Number of numeric feature slots. */
  public int numericCount() {
    return numericCount;
  }

  /** Number of categorical feature slots. */
  public int categoricalCount() {
    return categoricalCount;
  }

  /** The predicted value of a regression model. */
  public double regress(double[] numeric, String[] categorical) {
    return scorer.regress(numeric, categorical);
  }

  /** The predicted class of a classifier, typed as the label column. */
  public Object predictClass(double[] numeric, String[] categorical) {
    return classValues[scorer.predictClass(numeric, categorical)];
  }

  /** The cluster id of a clustering model's row. */
  public int cluster(double[] numeric, String[] categorical) {
    return scorer.predictClass(numeric, categorical);
  }

  /** The distance from a row to its nearest centroid, for a clustering model. */
  public double distance(double[] numeric, String[] categorical) {
    return ((CentroidScorer) scorer).distance(numeric, categorical);
  }

  /** P(positive class) for binary classifiers, P(predicted class) otherwise. */
  public double probability(double[] numeric, String[] categorical) {
    return scorer.probability(numeric, categorical);
  }

  /**
   * Scores many rows at once as the per-row method for {@code mode} scores each ({@link #regress},
   * {@link #predictClass}, {@link #cluster} or {@link #probability}): {@code out[i]} is row
   * {@code i}'s value, boxed. Not for grouped models.
   */
  public void scoreBlock(PredictFunction.Mode mode, double[][] numericRows,
      String[][] categoricalRows, Object[] out) {
    int rows = out.length;
    if (mode == PredictFunction.Mode.PREDICT_PROBA || scorer.model().task() == Task.REGRESSION) {
      double[] values = new double[rows];
      if (mode == PredictFunction.Mode.PREDICT_PROBA) {
        scorer.probabilities(numericRows, categoricalRows, values);
      } else {
        scorer.regress(numericRows, categoricalRows, values);
      }
      for (int i = 0; i < rows; i++) {
        out[i] = values[i];
      }
      return;
    }
    int[] classes = new int[rows];
    scorer.predictClasses(numericRows, categoricalRows, classes);
    boolean clustering = scorer.model().task() == Task.CLUSTERING;
    for (int i = 0; i < rows; i++) {
      out[i] = clustering ? (Object) classes[i] : classValues[classes[i]];
    }
  }

  /**
   * The scorer of a grouped model's rows of {@code group}: the group's own, else the fallback,
   * else null. The arrays the parts take hold the features without the group.
   */
  private BoundScorer part(String group) {
    BoundScorer part = group == null ? null : groups.get(group);
    return part != null ? part : fallback;
  }

  /** {@link #regress} by the model of the row's group; null when the group has none. */
  public Double regressIn(String group, double[] numeric, String[] categorical) {
    BoundScorer part = part(group);
    return part == null ? null : part.regress(numeric, categorical);
  }

  /** {@link #predictClass} by the model of the row's group; null when the group has none. */
  public Object predictClassIn(String group, double[] numeric, String[] categorical) {
    BoundScorer part = part(group);
    return part == null ? null : part.predictClass(numeric, categorical);
  }

  /** {@link #cluster} by the model of the row's group; null when the group has none. */
  public Integer clusterIn(String group, double[] numeric, String[] categorical) {
    BoundScorer part = part(group);
    return part == null ? null : part.cluster(numeric, categorical);
  }

  /** {@link #distance} by the model of the row's group; null when the group has none. */
  public Double distanceIn(String group, double[] numeric, String[] categorical) {
    BoundScorer part = part(group);
    return part == null ? null : part.distance(numeric, categorical);
  }

  /** {@link #probability} by the model of the row's group; null when the group has none. */
  public Double probabilityIn(String group, double[] numeric, String[] categorical) {
    BoundScorer part = part(group);
    return part == null ? null : part.probability(numeric, categorical);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s@%d", version.name(), version.version());
  }
}

package dev.sibyl.functions.scoring;

import dev.sibyl.functions.calcite.FeatureValues;
import dev.sibyl.registry.model.GroupedModels;
import dev.sibyl.registry.model.PortableModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Scores a grouped model ({@code group_by}) by routing each row to the model of its group: the
 * first categorical slot holds the group (as text), the other slots and the numeric ones the
 * features of the group's model. A row of a group no model was trained for (NULL included) goes
 * to the fallback model, if there is one; otherwise it has no prediction: NaN for values and
 * probabilities, -1 for a class. Class indices are those of the grouped model's label, which
 * holds the classes of every group.
 */
public final class GroupedScorer implements Scorer {
  private final PortableModel model;
  private final Map<String, Integer> positions;
  /** One scorer per group, in key order, then the fallback's if there is one. */
  private final List<Scorer> parts;
  private final boolean hasFallback;
  /** For each of {@link #parts}, the grouped label's index of each of its classes. */
  private final List<int[]> classIndex;

  /** @throws IllegalArgumentException if the model is not grouped */
  public GroupedScorer(PortableModel model) {
    GroupedModels groups = model.groups()
        .orElseThrow(() -> new IllegalArgumentException("not a grouped model"));
    this.model = model;
    this.positions = GroupedModels.index(groups.keys());
    this.parts = new ArrayList<>();
    this.classIndex = new ArrayList<>();
    for (PortableModel part : groups.parts()) {
      parts.add(Scorer.of(part));
      classIndex.add(classIndex(part));
    }
    this.hasFallback = groups.fallback() != null;
    if (hasFallback) {
      parts.add(Scorer.of(groups.fallback()));
      classIndex.add(classIndex(groups.fallback()));
    }
  }

  private int[] classIndex(PortableModel part) {
    List<String> all = model.label().classes();
    return part.label().classes().stream().mapToInt(all::indexOf).toArray();
  }

  @Override
  public PortableModel model() {
    return model;
  }

  /** The scorer of a group's rows: its own model's, the fallback's, or null. */
  public Scorer partFor(String group) {
    int route = route(group);
    return route < 0 ? null : parts.get(route);
  }

  /** Whether rows of {@code group} get a prediction (their own model or the fallback). */
  public boolean routes(String group) {
    return route(group) >= 0;
  }

  /** The position in {@link #parts} of a group's scorer, -1 for none. */
  private int route(String group) {
    Integer position = group == null ? null : positions.get(group);
    if (position != null) {
      return position;
    }
    return hasFallback ? parts.size() - 1 : -1;
  }

  @Override
  public double regress(double[] numeric, String[] categorical) {
    Scorer part = partFor(categorical[0]);
    return part == null ? Double.NaN : part.regress(numeric, features(categorical));
  }

  @Override
  public int predictClass(double[] numeric, String[] categorical) {
    int route = route(categorical[0]);
    if (route < 0) {
      return -1;
    }
    int predicted = parts.get(route).predictClass(numeric, features(categorical));
    return model.label().classes().isEmpty() ? predicted : classIndex.get(route)[predicted];
  }

  @Override
  public double probability(double[] numeric, String[] categorical) {
    Scorer part = partFor(categorical[0]);
    return part == null ? Double.NaN : part.probability(numeric, features(categorical));
  }

  @Override
  public void classProbabilities(double[] numeric, String[] categorical, double[] out) {
    int route = route(categorical[0]);
    if (route < 0) {
      Arrays.fill(out, Double.NaN);
      return;
    }
    Arrays.fill(out, 0);
    int[] index = classIndex.get(route);
    double[] own = new double[index.length];
    parts.get(route).classProbabilities(numeric, features(categorical), own);
    for (int k = 0; k < own.length; k++) {
      out[index[k]] = own[k];
    }
  }

  @Override
  public Object predict(Object[] features) {
    Scorer part = partFor(FeatureValues.toCategory(features[0]));
    return part == null ? null : part.predict(Arrays.copyOfRange(features, 1, features.length));
  }

  @Override
  public double probability(Object[] features) {
    Scorer part = partFor(FeatureValues.toCategory(features[0]));
    return part == null
        ? Double.NaN
        : part.probability(Arrays.copyOfRange(features, 1, features.length));
  }

  private static String[] features(String[] categorical) {
    return Arrays.copyOfRange(categorical, 1, categorical.length);
  }
}

package dev.sibyl.functions.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sibyl.registry.model.Algorithm;
import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.FeatureSignature;
import dev.sibyl.registry.model.LabelInfo;
import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.Task;
import dev.sibyl.registry.model.TreeEnsemble;
import dev.sibyl.registry.model.TreeEnsemble.Combination;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Pruned trees score every row the known values allow exactly as the whole trees do, and lose the
 * branches those rows cannot reach: random ensembles, random facts, random rows that satisfy them.
 */
class TreePrunerTest {
  /** X (input 0, mean 0.25), Z standardised (input 1), PLAN one-hot (inputs 2, 3). */
  private static final FeatureSignature SIGNATURE = new FeatureSignature(List.of(
      Feature.numeric("X", "DOUBLE", 0.25, 0, 1),
      Feature.numeric("Z", "DOUBLE", 1.5, 1, 2),
      Feature.categorical("PLAN", "VARCHAR", List.of("basic", "pro"))));

  @Test
  void aRangeDecidesTheSplitsItLiesOnOneSideOf() {
    // X <= 1 ? (X <= 2 ? 1 : 2) : (X <= 0.5 ? 3 : 4)
    PortableModel model = model(new TreeEnsemble(Combination.MEAN, 0, 0, 1, new double[] {1},
        new int[] {0}, new int[] {0, 0, -1, -1, 0, -1, -1},
        new double[] {1, 2, 0, 0, 0.5, 0, 0}, new int[] {1, 2, -1, -1, 5, -1, -1},
        new int[] {4, 3, -1, -1, 6, -1, -1}, new double[] {0, 0, 1, 2, 0, 3, 4}));
    KnownValues below = KnownValues.nothing(SIGNATURE).below(0, 1, false);
    TreeEnsemble pruned = (TreeEnsemble) TreePruner.prune(model, below).body();
    assertEquals(1, pruned.nodeCount(), "X <= 1 always goes left, then X <= 2 too");
    assertEquals(1, pruned.value()[0]);
    KnownValues aboveOne = KnownValues.nothing(SIGNATURE).above(0, 1, true).below(0, 9, false);
    assertEquals(1, ((TreeEnsemble) TreePruner.prune(model, aboveOne).body()).nodeCount());
    KnownValues fromOne = KnownValues.nothing(SIGNATURE).above(0, 1, false).below(0, 9, false);
    assertEquals(5, ((TreeEnsemble) TreePruner.prune(model, fromOne).body()).nodeCount(),
        "X >= 1 includes 1, which goes left; right of the root, X <= 0.5 is decided");
    KnownValues open = KnownValues.nothing(SIGNATURE).above(0, 1, true);
    assertEquals(7, ((TreeEnsemble) TreePruner.prune(model, open).body()).nodeCount(),
        "with no upper bound a NaN passes, and its imputed 0.25 goes left");
    assertSame(model, TreePruner.prune(model, KnownValues.nothing(SIGNATURE)));
  }

  @Test
  void prunedTreesScoreEveryAllowedRowAsTheWholeTreesDo() {
    Random random = new Random(11);
    int pruned = 0;
    for (int trial = 0; trial < 400; trial++) {
      Combination combination = trial % 2 == 0 ? Combination.MEAN : Combination.BOOSTED_SUM;
      PortableModel model = model(randomTrees(random, combination));
      KnownValues known = randomFacts(random);
      PortableModel smaller = TreePruner.prune(model, known);
      int before = ((TreeEnsemble) model.body()).nodeCount();
      int after = ((TreeEnsemble) smaller.body()).nodeCount();
      assertTrue(after <= before);
      pruned += after < before ? 1 : 0;
      TreeEnsembleScorer whole = new TreeEnsembleScorer(model);
      TreeEnsembleScorer cut = new TreeEnsembleScorer(smaller);
      for (int row = 0; row < 50; row++) {
        double[] numbers = {value(random, known, 0), value(random, known, 1)};
        String[] plan = {category(random, known)};
        assertEquals(whole.regress(numbers, plan), cut.regress(numbers, plan), 0,
            known + " on " + numbers[0] + ", " + numbers[1] + ", " + plan[0]);
      }
    }
    assertTrue(pruned > 100, "most random facts prune something: " + pruned);
  }

  private static PortableModel model(TreeEnsemble trees) {
    return new PortableModel(Algorithm.RANDOM_FOREST, Task.REGRESSION, SIGNATURE,
        new LabelInfo("Y", "DOUBLE", List.of()), trees);
  }

  /** Three random trees, depth up to 5, thresholds on a grid of halves that facts also use. */
  private static TreeEnsemble randomTrees(Random random, Combination combination) {
    Nodes nodes = new Nodes();
    int[] roots = new int[3];
    for (int t = 0; t < 3; t++) {
      roots[t] = nodes.feature.size();
      nodes.grow(random, 5);
    }
    boolean boosted = combination == Combination.BOOSTED_SUM;
    return new TreeEnsemble(combination, 0, boosted ? 0.5 : 0, boosted ? 0.1 : 1,
        new double[] {1, 1, 1}, roots, ints(nodes.feature), doubles(nodes.threshold),
        ints(nodes.left), ints(nodes.right), doubles(nodes.value));
  }

  /** Nodes in pre-order. */
  private static final class Nodes {
    final List<Integer> feature = new ArrayList<>();
    final List<Double> threshold = new ArrayList<>();
    final List<Integer> left = new ArrayList<>();
    final List<Integer> right = new ArrayList<>();
    final List<Double> value = new ArrayList<>();

    int grow(Random random, int depth) {
      int node = feature.size();
      boolean leaf = depth == 0 || random.nextDouble() < 0.15;
      int input = random.nextInt(4);
      feature.add(leaf ? -1 : input);
      threshold.add(leaf ? 0 : input >= 2 ? 0.5 : random.nextInt(9) / 2.0 - 2);
      left.add(-1);
      right.add(-1);
      value.add(leaf ? (double) random.nextInt(100) : 0);
      if (!leaf) {
        left.set(node, grow(random, depth - 1));
        right.set(node, grow(random, depth - 1));
      }
      return node;
    }
  }

  private static KnownValues randomFacts(Random random) {
    KnownValues known = KnownValues.nothing(SIGNATURE);
    for (int f = 0; f < 2; f++) {
      double a = random.nextInt(9) / 2.0 - 2;
      double b = a + random.nextInt(5) / 2.0;
      switch (random.nextInt(6)) {
        case 0 -> known = known.above(f, a, random.nextBoolean());
        case 1 -> known = known.below(f, b, random.nextBoolean());
        case 2 -> known = known.above(f, a, random.nextBoolean()).below(f, b, false);
        case 3 -> known = known.number(f, a);
        case 4 -> known = known.number(f, Double.NaN);
        default -> { } // nothing known
      }
    }
    switch (random.nextInt(4)) {
      case 0 -> known = known.category(2, "pro");
      case 1 -> known = known.category(2, "gold");
      case 2 -> known = known.category(2, null);
      default -> { } // nothing known
    }
    return KnownValues.parse(known.toString(), SIGNATURE); // and the text form keeps it all
  }

  /** A value of numeric feature {@code f} that the facts allow. */
  private static double value(Random random, KnownValues known, int f) {
    String text = known.toString();
    String name = "\"" + SIGNATURE.get(f).name() + "\"";
    if (text.contains(name + " IS NULL")) {
      return Double.NaN;
    }
    double low = -3;
    double high = 3;
    boolean lowStrict = false;
    boolean highStrict = false;
    boolean bounded = false;
    for (String clause : text.split(", ")) {
      if (!clause.startsWith(name + " ")) {
        continue;
      }
      String[] parts = clause.substring(name.length() + 1).split(" ");
      double v = Double.parseDouble(parts[1]);
      switch (parts[0]) {
        case "=" -> {
          return v;
        }
        case ">" -> { low = v; lowStrict = true; }
        case ">=" -> low = v;
        case "<" -> { high = v; highStrict = true; bounded = true; }
        default -> { high = v; bounded = true; }
      }
    }
    if (!bounded && random.nextInt(8) == 0) {
      return Double.NaN; // passes a lower bound in the database, imputed by the scorer
    }
    double[] candidates = {low, high, low + (high - low) * random.nextDouble(),
        Math.rint(low + (high - low) * random.nextDouble()) / 2};
    for (int attempt = 0; attempt < 20; attempt++) {
      double v = candidates[random.nextInt(candidates.length)];
      if (v >= low && v <= high && !(lowStrict && v == low) && !(highStrict && v == high)) {
        return v;
      }
      candidates[3] = low + (high - low) * random.nextDouble();
    }
    return (low + high) / 2;
  }

  private static String category(Random random, KnownValues known) {
    String text = known.toString();
    if (text.contains("\"PLAN\" IS NULL")) {
      return null;
    }
    for (String value : new String[] {"pro", "gold"}) {
      if (text.contains("\"PLAN\" = '" + value + "'")) {
        return value;
      }
    }
    String[] any = {"basic", "pro", "gold", null};
    return any[random.nextInt(any.length)];
  }

  private static int[] ints(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).toArray();
  }

  private static double[] doubles(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}

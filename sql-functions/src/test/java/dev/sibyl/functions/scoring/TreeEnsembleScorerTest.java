package dev.sibyl.functions.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sibyl.registry.model.Algorithm;
import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.FeatureSignature;
import dev.sibyl.registry.model.LabelInfo;
import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.Task;
import dev.sibyl.registry.model.TreeEnsemble;
import dev.sibyl.registry.model.TreeEnsemble.Combination;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tree scorer on hand-built trees: split boundaries, categories, missing values, trees of
 * uneven depth walked side by side, node layouts other than breadth-first, every combination rule.
 */
class TreeEnsembleScorerTest {
  private static final double EXACT = 0;

  /** X (input 0, mean 2.0), PLAN one-hot over basic (input 1) and pro (input 2). */
  private static final FeatureSignature SIGNATURE = new FeatureSignature(List.of(
      Feature.numeric("X", "DOUBLE", 2.0, 0, 1),
      Feature.categorical("PLAN", "VARCHAR", List.of("basic", "pro"))));

  /**
   * Five regression trees, the first laid out depth first (its right child before its left
   * subtree): tree 0: X <= 1.5 ? (PLAN = 'pro' ? 30 : 20) : 10; trees 1-3: X <= 3 ? 1 : 2; tree 4:
   * a single leaf, 100.
   */
  private static TreeEnsemble fiveTrees(Combination combination, double bias, double shrinkage) {
    return new TreeEnsemble(combination, 0, bias, shrinkage,
        new double[] {1, 1, 1, 1, 1},
        new int[] {0, 5, 8, 11, 14},
        new int[] {0, -1, 2, -1, -1, 0, -1, -1, 0, -1, -1, 0, -1, -1, -1},
        new double[] {1.5, 0, 0.5, 0, 0, 3, 0, 0, 3, 0, 0, 3, 0, 0, 0},
        new int[] {2, -1, 3, -1, -1, 6, -1, -1, 9, -1, -1, 12, -1, -1, -1},
        new int[] {1, -1, 4, -1, -1, 7, -1, -1, 10, -1, -1, 13, -1, -1, -1},
        new double[] {0, 10, 0, 20, 30, 0, 1, 2, 0, 1, 2, 0, 1, 2, 100});
  }

  private static TreeEnsembleScorer regression(TreeEnsemble trees) {
    return new TreeEnsembleScorer(new PortableModel(Algorithm.RANDOM_FOREST, Task.REGRESSION,
        SIGNATURE, new LabelInfo("Y", "DOUBLE", List.of()), trees));
  }

  @Test
  void meanOfTheTrees() {
    TreeEnsembleScorer scorer = regression(fiveTrees(Combination.MEAN, 0, 1));
    assertEquals((20 + 1 + 1 + 1 + 100) / 5.0, scorer.regress(new double[] {1.0}, plan("basic")),
        EXACT);
    assertEquals((30 + 3 + 100) / 5.0, scorer.regress(new double[] {1.5}, plan("pro")), EXACT,
        "an input equal to the threshold goes left");
    assertEquals((10 + 6 + 100) / 5.0, scorer.regress(new double[] {3.5}, plan("pro")), EXACT);
    assertEquals(
        (10 + 6 + 100) / 5.0, scorer.regress(new double[] {Double.POSITIVE_INFINITY}, plan(null)),
        EXACT);
    assertEquals(
        (20 + 3 + 100) / 5.0, scorer.regress(new double[] {Double.NEGATIVE_INFINITY}, plan(null)),
        EXACT);
  }

  @Test
  void missingNumbersTakeTheMeanAndUnknownCategoriesMatchNone() {
    TreeEnsembleScorer scorer = regression(fiveTrees(Combination.MEAN, 0, 1));
    double atMean = scorer.regress(new double[] {2.0}, plan("basic"));
    assertEquals(atMean, scorer.regress(new double[] {Double.NaN}, plan("basic")), EXACT);
    assertEquals(atMean, scorer.regress(new double[] {Double.NaN}, plan("gold")), EXACT);
    assertEquals(atMean, scorer.regress(new double[] {Double.NaN}, plan(null)), EXACT);
    double pro = scorer.regress(new double[] {1.0}, plan("pro"));
    // the same thread scores again: the previous row's category must not linger
    assertEquals((20 + 3 + 100) / 5.0, scorer.regress(new double[] {1.0}, plan("gold")), EXACT);
    assertEquals((30 + 3 + 100) / 5.0, pro, EXACT);
  }

  @Test
  void boostedSumScalesEachLeaf() {
    TreeEnsembleScorer scorer = regression(fiveTrees(Combination.BOOSTED_SUM, 7, 0.5));
    double expected = 7;
    for (double leaf : new double[] {30, 1, 1, 1, 100}) {
      expected += 0.5 * leaf;
    }
    assertEquals(expected, scorer.regress(new double[] {0}, plan("pro")), EXACT);
    assertEquals(expected, scorer.predict(new Object[] {0, "pro"}));
  }

  @Test
  void boostedLogisticIsTheSecondClassAboveZero() {
    TreeEnsemble trees = new TreeEnsemble(Combination.BOOSTED_LOGISTIC, 2, -0.25, 0.5,
        new double[] {1}, new int[] {0}, new int[] {0, -1, -1}, new double[] {1, 0, 0},
        new int[] {1, -1, -1}, new int[] {2, -1, -1}, new double[] {0, 0.5, -2});
    TreeEnsembleScorer scorer = classifier(trees, List.of("no", "yes"));
    assertEquals(0, scorer.predictClass(new double[] {0}, plan(null)), "F = 0 is not above 0");
    assertEquals(0.5, scorer.probability(new double[] {0}, plan(null)), EXACT);
    assertEquals(0, scorer.predictClass(new double[] {5}, plan(null)));
    double f = -0.25 + 0.5 * -2;
    double[] probabilities = new double[2];
    scorer.classProbabilities(new double[] {5}, plan(null), probabilities);
    assertArrayEquals(new double[] {1 / (1 + Math.exp(2 * f)), 1 - 1 / (1 + Math.exp(2 * f))},
        probabilities, EXACT);
    assertEquals("no", scorer.predict(new Object[] {5, null}));
  }

  @Test
  void boostedSoftmaxSumsOneGroupOfTreesPerClass() {
    // three classes, two trees each (single leaves): scores 1 + 2, 0.5 + 0.5, 4 + (-1)
    TreeEnsemble trees = new TreeEnsemble(Combination.BOOSTED_SOFTMAX, 3, 0, 1,
        new double[] {1, 1, 1, 1, 1, 1}, new int[] {0, 1, 2, 3, 4, 5},
        new int[] {-1, -1, -1, -1, -1, -1}, new double[6],
        new int[] {-1, -1, -1, -1, -1, -1}, new int[] {-1, -1, -1, -1, -1, -1},
        new double[] {1, 2, 0.5, 0.5, 4, -1});
    TreeEnsembleScorer scorer = classifier(trees, List.of("a", "b", "c"));
    assertEquals(0, scorer.predictClass(new double[] {0}, plan(null)), "a tie goes to the first");
    double z = 1 + Math.exp(1 - 3) + 1;
    double[] probabilities = new double[3];
    scorer.classProbabilities(new double[] {0}, plan(null), probabilities);
    assertArrayEquals(new double[] {1 / z, Math.exp(-2) / z, 1 / z}, probabilities, 1e-15);
    assertEquals(1 / z, scorer.probability(new double[] {0}, plan(null)), 1e-15);
  }

  @Test
  void weightedProbabilitiesAreNormalised() {
    TreeEnsemble trees = new TreeEnsemble(Combination.WEIGHTED_PROBABILITIES, 2, 0, 1,
        new double[] {0.75, 0.5}, new int[] {0, 3},
        new int[] {2, -1, -1, -1}, new double[] {0.5, 0, 0, 0},
        new int[] {1, -1, -1, -1}, new int[] {2, -1, -1, -1},
        new double[] {0, 0, 0.9, 0.1, 0.2, 0.8, 0.4, 0.6});
    TreeEnsembleScorer scorer = classifier(trees, List.of("false", "true"));
    double no = 0.75 * 0.9 + 0.5 * 0.4;
    double yes = 0.75 * 0.1 + 0.5 * 0.6;
    assertEquals(yes / (no + yes), scorer.probability(new double[] {0}, plan(null)), 1e-15);
    assertEquals(0, scorer.predictClass(new double[] {0}, plan(null)));
    assertEquals(1, scorer.predictClass(new double[] {0}, plan("pro")));
  }

  @Test
  void blocksOfRowsGetTheClassesAndProbabilitiesOfRowByRow() {
    TreeEnsembleScorer scorer = classifier(new TreeEnsemble(Combination.WEIGHTED_PROBABILITIES,
        2, 0, 1, new double[] {0.75, 0.5}, new int[] {0, 3},
        new int[] {2, -1, -1, -1}, new double[] {0.5, 0, 0, 0},
        new int[] {1, -1, -1, -1}, new int[] {2, -1, -1, -1},
        new double[] {0, 0, 0.9, 0.1, 0.2, 0.8, 0.4, 0.6}), List.of("false", "true"));
    int rows = 3000;
    double[][] numeric = new double[rows][];
    String[][] categorical = new String[rows][];
    for (int i = 0; i < rows; i++) {
      numeric[i] = new double[] {i % 5 == 0 ? Double.NaN : i % 4};
      categorical[i] = plan(i % 3 == 0 ? "pro" : i % 3 == 1 ? null : "unseen");
    }
    int[] classes = new int[rows];
    double[] probabilities = new double[rows];
    scorer.predictClasses(numeric, categorical, classes);
    scorer.probabilities(numeric, categorical, probabilities);
    for (int i = 0; i < rows; i++) {
      assertEquals(scorer.predictClass(numeric[i], categorical[i]), classes[i], "row " + i);
      assertEquals(scorer.probability(numeric[i], categorical[i]), probabilities[i], EXACT);
    }
  }

  @Test
  void scorerOfChoosesTheTreeScorer() {
    assertInstanceOf(TreeEnsembleScorer.class,
        Scorer.of(new PortableModel(Algorithm.GRADIENT_BOOSTING, Task.REGRESSION, SIGNATURE,
            new LabelInfo("Y", "DOUBLE", List.of()), fiveTrees(Combination.BOOSTED_SUM, 0, 1))));
  }

  @Test
  void aRegressionHasNoClasses() {
    TreeEnsembleScorer scorer = regression(fiveTrees(Combination.MEAN, 0, 1));
    assertThrows(IllegalStateException.class,
        () -> scorer.predictClass(new double[] {0}, plan(null)));
    assertThrows(IllegalStateException.class,
        () -> scorer.probability(new double[] {0}, plan(null)));
  }

  @Test
  void aSplitOnAnInputTheSignatureLacksIsRefused() {
    TreeEnsemble trees = new TreeEnsemble(Combination.MEAN, 0, 0, 1, new double[] {1},
        new int[] {0}, new int[] {3, -1, -1}, new double[] {1, 0, 0}, new int[] {1, -1, -1},
        new int[] {2, -1, -1}, new double[] {0, 1, 2});
    assertThrows(IllegalArgumentException.class, () -> regression(trees));
  }

  @Test
  void aRuleThatDoesNotFitTheTaskIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> classifier(fiveTrees(Combination.MEAN, 0, 1), List.of("a", "b")));
  }

  private static TreeEnsembleScorer classifier(TreeEnsemble trees, List<String> classes) {
    return new TreeEnsembleScorer(new PortableModel(Algorithm.GRADIENT_BOOSTING,
        Task.CLASSIFICATION, SIGNATURE, new LabelInfo("L", "VARCHAR", classes), trees));
  }

  private static String[] plan(String value) {
    return new String[] {value};
  }
}

package dev.sibyl.functions.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sibyl.registry.model.Algorithm;
import dev.sibyl.registry.model.CentroidParameters;
import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.FeatureSignature;
import dev.sibyl.registry.model.LabelInfo;
import dev.sibyl.registry.model.LinearParameters;
import dev.sibyl.registry.model.LogisticParameters;
import dev.sibyl.registry.model.PortableModel;
import dev.sibyl.registry.model.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scorers on small hand-made models whose outputs are worked out in the comments. */
class ScorerTest {
  private static final double EXACT = 1e-12;

  /** Features (N1 numeric, C categorical a/b, N2 numeric); y = 0.5 + 4 n1' + 10 a + 20 b - n2'. */
  private static final PortableModel LINEAR = new PortableModel(
      Algorithm.LINEAR_REGRESSION, Task.REGRESSION,
      new FeatureSignature(List.of(
          Feature.numeric("N1", "DOUBLE", 2, 1, 2),
          Feature.categorical("C", "VARCHAR", List.of("a", "b")),
          Feature.numeric("N2", "INTEGER", 0, 0, 1))),
      new LabelInfo("Y", "DOUBLE", List.of()),
      new LinearParameters(new double[] {4, 10, 20, -1}, 0.5));

  /** Features (X numeric, FLAG categorical false/true); z = -1 + 2x + [flag]. */
  private static final PortableModel BINARY = new PortableModel(
      Algorithm.LOGISTIC_REGRESSION, Task.CLASSIFICATION,
      new FeatureSignature(List.of(
          Feature.numeric("X", "DOUBLE", 0, 0, 1),
          Feature.categorical("FLAG", "BOOLEAN", List.of("false", "true")))),
      new LabelInfo("OK", "BOOLEAN", List.of("false", "true")),
      new LogisticParameters(new double[][] {{2, 0, 1}}, new double[] {-1}));

  /** One numeric feature X; class scores x, 0, -x. */
  private static final PortableModel THREE_CLASSES = new PortableModel(
      Algorithm.LOGISTIC_REGRESSION, Task.CLASSIFICATION,
      new FeatureSignature(List.of(Feature.numeric("X", "DOUBLE", 0, 0, 1))),
      new LabelInfo("K", "VARCHAR", List.of("a", "b", "c")),
      new LogisticParameters(new double[][] {{1}, {0}, {-1}}, new double[] {0, 0, 0}));

  /** Features (X numeric, center 1, scale 2; C categorical a/b); centroids (0, 0, 0), (2, 1, 0). */
  private static final PortableModel CLUSTERS = new PortableModel(
      Algorithm.KMEANS, Task.CLUSTERING,
      new FeatureSignature(List.of(
          Feature.numeric("X", "DOUBLE", 1, 1, 2),
          Feature.categorical("C", "VARCHAR", List.of("a", "b")))),
      LabelInfo.none(),
      new CentroidParameters(new double[][] {{0, 0, 0}, {2, 1, 0}}));

  @Test
  void linearScoresStandardisedNumbersAndOneHotCategories() {
    Scorer scorer = Scorer.of(LINEAR);
    assertInstanceOf(LinearScorer.class, scorer);
    // 0.5 + 4 * (3 - 1) / 2 + 20 - 5 = 19.5
    assertEquals(19.5, scorer.regress(new double[] {3, 5}, new String[] {"b"}), EXACT);
    assertEquals(19.5, (Double) scorer.predict(new Object[] {3, "b", 5L}), EXACT);
  }

  @Test
  void linearImputesMissingNumbersAndIgnoresMissingOrUnseenCategories() {
    Scorer scorer = Scorer.of(LINEAR);
    // NaN -> impute 2 -> (2 - 1) / 2 = 0.5, times 4 = 2; no category; n2 = 0: 0.5 + 2 = 2.5
    assertEquals(2.5, scorer.regress(new double[] {Double.NaN, 0}, new String[] {null}), EXACT);
    assertEquals(2.5, scorer.regress(new double[] {Double.NaN, 0}, new String[] {"zz"}), EXACT);
    assertEquals(2.5, (Double) scorer.predict(new Object[] {null, null, 0}), EXACT);
  }

  @Test
  void linearHasNoClasses() {
    Scorer scorer = Scorer.of(LINEAR);
    assertThrows(IllegalStateException.class,
        () -> scorer.predictClass(new double[] {0, 0}, new String[] {"a"}));
    assertThrows(IllegalStateException.class,
        () -> scorer.probability(new double[] {0, 0}, new String[] {"a"}));
    assertThrows(IllegalStateException.class, () -> scorer.probability(new Object[] {0, "a", 0}));
  }

  @Test
  void rowsThatDoNotFitTheSignatureAreRefused() {
    Scorer scorer = Scorer.of(LINEAR);
    assertThrows(IllegalArgumentException.class, () -> scorer.predict(new Object[] {1, "a"}));
    assertThrows(IllegalArgumentException.class,
        () -> scorer.predict(new Object[] {"1", "a", 2}));
  }

  @Test
  void binaryGivesThePositiveClassProbability() {
    Scorer scorer = Scorer.of(BINARY);
    assertInstanceOf(LogisticScorer.class, scorer);
    // x = 0.5, flag true: z = -1 + 1 + 1 = 1, P = 1 / (1 + e^-1)
    double p = 1 / (1 + Math.exp(-1));
    assertEquals(p, scorer.probability(new double[] {0.5}, new String[] {"true"}), EXACT);
    assertEquals(1, scorer.predictClass(new double[] {0.5}, new String[] {"true"}));
    assertEquals("true", scorer.predict(new Object[] {0.5, Boolean.TRUE}));
    assertEquals(p, scorer.probability(new Object[] {0.5, true}), EXACT);
    // x = 0, flag missing: z = -1, P = 1 - p, negative class
    assertEquals(1 - p, scorer.probability(new double[] {0}, new String[] {null}), EXACT);
    assertEquals("false", scorer.predict(new Object[] {0, null}));
  }

  @Test
  void binaryProbabilityOfOneHalfIsPositive() {
    Scorer scorer = Scorer.of(BINARY);
    // x = 0.5, flag false: z = 0, P = 0.5
    assertEquals(0.5, scorer.probability(new double[] {0.5}, new String[] {"false"}));
    assertEquals(1, scorer.predictClass(new double[] {0.5}, new String[] {"false"}));
  }

  @Test
  void multiclassIsASoftmaxOverTheClassScores() {
    LogisticScorer scorer = (LogisticScorer) Scorer.of(THREE_CLASSES);
    // x = 2: scores 2, 0, -2; P(a) = e^2 / (e^2 + 1 + e^-2)
    double sum = Math.exp(2) + 1 + Math.exp(-2);
    assertEquals(0, scorer.predictClass(new double[] {2}, new String[0]));
    assertEquals(Math.exp(2) / sum, scorer.probability(new double[] {2}, new String[0]), EXACT);
    double[] all = new double[3];
    scorer.classProbabilities(new double[] {2}, new String[0], all);
    assertEquals(Math.exp(2) / sum, all[0], EXACT);
    assertEquals(1 / sum, all[1], EXACT);
    assertEquals(Math.exp(-2) / sum, all[2], EXACT);
    assertEquals("c", scorer.predict(new Object[] {-3.0}));
    assertThrows(IllegalStateException.class,
        () -> scorer.regress(new double[] {2}, new String[0]));
  }

  @Test
  void multiclassTiesGoToTheLowestClass() {
    Scorer scorer = Scorer.of(THREE_CLASSES);
    assertEquals(0, scorer.predictClass(new double[] {0}, new String[0]));
    assertEquals(1.0 / 3, scorer.probability(new double[] {0}, new String[0]), EXACT);
  }

  @Test
  void parametersMustFitTheSignature() {
    PortableModel broken = new PortableModel(
        Algorithm.LINEAR_REGRESSION, Task.REGRESSION, LINEAR.signature(), LINEAR.label(),
        new LinearParameters(new double[] {1, 2}, 0));
    assertThrows(IllegalArgumentException.class, () -> Scorer.of(broken));
  }

  @Test
  void centroidScorerFindsTheNearestCentroidInTheEncodedSpace() {
    CentroidScorer scorer = (CentroidScorer) Scorer.of(CLUSTERS);
    // x = 5 -> 2; with 'a': (2, 1, 0) is 0 away from centroid 1, sqrt(4 + 1) from centroid 0.
    assertEquals(1, scorer.predictClass(new double[] {5}, new String[] {"a"}));
    assertEquals(0.0, scorer.distance(new double[] {5}, new String[] {"a"}), EXACT);
    // with 'b': (2, 0, 1): sqrt(4 + 1) from centroid 0, sqrt(0 + 1 + 1) from centroid 1.
    assertEquals(1, scorer.predictClass(new double[] {5}, new String[] {"b"}));
    assertEquals(Math.sqrt(2), scorer.distance(new double[] {5}, new String[] {"b"}), EXACT);
    // NaN imputes 1 -> 0; no category: (0, 0, 0), centroid 0 itself.
    assertEquals(0, scorer.predict(new Object[] {null, null}));
    assertEquals(0.0, scorer.distance(new double[] {Double.NaN}, new String[] {"z"}), EXACT);
    // x = 3 -> 1, no category: 1 from centroid 0, sqrt(1 + 1) from centroid 1.
    assertEquals(0, scorer.predictClass(new double[] {3}, new String[] {null}));
    assertThrows(IllegalStateException.class,
        () -> scorer.probability(new double[] {3}, new String[] {null}));
    assertThrows(IllegalStateException.class,
        () -> scorer.regress(new double[] {3}, new String[] {null}));
  }
}

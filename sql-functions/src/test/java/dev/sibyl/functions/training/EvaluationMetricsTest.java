package dev.sibyl.functions.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Metrics on tiny examples worked out by hand in the comments. */
class EvaluationMetricsTest {
  private static final double EXACT = 1e-12;

  @Test
  void regressionMetrics() {
    // errors: 0, -1, 2, -1 -> squares 0 1 4 1 (mean 1.5), absolutes 0 1 2 1 (mean 1).
    // actual mean 2.5, SS_tot = 2.25 + 0.25 + 0.25 + 2.25 = 5, SS_res = 6 -> r2 = 1 - 6/5 = -0.2.
    double[] actual = {1, 2, 3, 4};
    double[] predicted = {1, 3, 1, 5};
    Map<String, Double> m = EvaluationMetrics.regression(actual, predicted);
    assertEquals(List.of("rmse", "mae", "r2"), List.copyOf(m.keySet()));
    assertEquals(Math.sqrt(1.5), m.get("rmse"), EXACT);
    assertEquals(1.0, m.get("mae"), EXACT);
    assertEquals(-0.2, m.get("r2"), EXACT);
  }

  @Test
  void r2OfConstantActuals() {
    assertEquals(1.0, EvaluationMetrics.r2(new double[] {3, 3}, new double[] {3, 3}));
    assertEquals(0.0, EvaluationMetrics.r2(new double[] {3, 3}, new double[] {3, 4}));
  }

  @Test
  void aucWithTies() {
    // Scores: neg 0.1, pos 0.4, neg 0.35, pos 0.8, neg 0.4 (tied with a positive).
    // Pairs (pos, neg): 0.4 vs 0.1 win, vs 0.35 win, vs 0.4 tie (1/2); 0.8 wins all three.
    // AUC = (1 + 1 + 0.5 + 3) / (2 * 3) = 5.5 / 6.
    int[] actual = {0, 1, 0, 1, 0};
    double[] score = {0.1, 0.4, 0.35, 0.8, 0.4};
    assertEquals(5.5 / 6, EvaluationMetrics.auc(actual, score), EXACT);
  }

  @Test
  void aucIgnoresUnseenClassesAndIsNaNWithOneClass() {
    assertEquals(1.0, EvaluationMetrics.auc(new int[] {0, -1, 1}, new double[] {0.2, 0.9, 0.7}));
    assertTrue(Double.isNaN(EvaluationMetrics.auc(new int[] {1, 1}, new double[] {0.2, 0.9})));
  }

  @Test
  void binaryClassificationMetrics() {
    // actual    1 1 0 0 1   predicted 1 0 0 1 1: 3 of 5 right.
    // positive class: tp 2, fp 1, fn 1 -> F1 = 4 / (4 + 1 + 1) = 2/3.
    // P(actual class): 0.9, 0.4, 0.8, 0.3, 0.6 -> log loss = -(ln .9 + ln .4 + ln .8 + ln .3
    // + ln .6) / 5. Positive scores ranked: neg .2 .7, pos .4 .6 .9 -> pairs won: .4>.2, .6>.2,
    // .9>.2, .9>.7 = 4 of 6.
    int[] actual = {1, 1, 0, 0, 1};
    int[] predicted = {1, 0, 0, 1, 1};
    double[][] p = {{0.1, 0.9}, {0.6, 0.4}, {0.8, 0.2}, {0.3, 0.7}, {0.4, 0.6}};
    Map<String, Double> m = EvaluationMetrics.classification(actual, predicted, p);
    assertEquals(List.of("accuracy", "f1", "log_loss", "auc"), List.copyOf(m.keySet()));
    assertEquals(0.6, m.get("accuracy"), EXACT);
    assertEquals(2.0 / 3, m.get("f1"), EXACT);
    double logLoss =
        -(Math.log(0.9) + Math.log(0.4) + Math.log(0.8) + Math.log(0.3) + Math.log(0.6)) / 5;
    assertEquals(logLoss, m.get("log_loss"), EXACT);
    assertEquals(4.0 / 6, m.get("auc"), EXACT);
  }

  @Test
  void multiclassMacroF1AndUnseenClass() {
    // actual    0 1 2 2 -1   predicted 0 2 2 1 0
    // class 0: tp 1, fp 1 (the unseen row), fn 0 -> 2/3; class 1: tp 0, fp 1, fn 1 -> 0;
    // class 2: tp 1, fp 1, fn 1 -> 1/2. Macro F1 = (2/3 + 0 + 1/2) / 3 = 7/18. Accuracy 2/5.
    // The unseen row's probability is 0, clipped to 1e-15.
    int[] actual = {0, 1, 2, 2, -1};
    int[] predicted = {0, 2, 2, 1, 0};
    double[][] p = {
      {0.5, 0.25, 0.25}, {0.25, 0.25, 0.5}, {0.25, 0.25, 0.5}, {0.25, 0.5, 0.25}, {1, 0, 0}
    };
    Map<String, Double> m = EvaluationMetrics.classification(actual, predicted, p);
    assertEquals(List.of("accuracy", "f1", "log_loss"), List.copyOf(m.keySet()));
    assertEquals(0.4, m.get("accuracy"), EXACT);
    assertEquals(7.0 / 18, m.get("f1"), EXACT);
    double logLoss =
        -(Math.log(0.5) + Math.log(0.25) + Math.log(0.5) + Math.log(0.25) + Math.log(1e-15)) / 5;
    assertEquals(logLoss, m.get("log_loss"), EXACT);
  }
}

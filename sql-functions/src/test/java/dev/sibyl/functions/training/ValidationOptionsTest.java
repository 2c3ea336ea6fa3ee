package dev.sibyl.functions.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sibyl.registry.SibylErrors;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Parsing of the split, cross-validation and search options: what valid options mean, then one
 * test per invalid combination or value.
 */
class ValidationOptionsTest {

  private static Map<String, Object> options(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("type", "logistic_regression");
    map.put("label", "y");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static SQLException fails(String sqlState, Map<String, Object> raw, String... words) {
    SQLException e = assertThrows(SQLException.class, () -> TrainingOptions.parse(raw));
    assertEquals(sqlState, e.getSQLState(), e.getMessage());
    for (String word : words) {
      assertTrue(e.getMessage().contains(word), () -> "'" + word + "' not in: " + e.getMessage());
    }
    return e;
  }

  @Test
  void theDefaultSplitIsRandomWithoutFolds() throws SQLException {
    TrainingOptions o = TrainingOptions.parse(options());
    assertEquals(SplitMethod.RANDOM, o.split());
    assertEquals(0, o.folds());
    assertEquals("random", o.effective().get("split"));
    assertTrue(!o.effective().containsKey("folds"));
  }

  @Test
  void lastSplitRecordsItsOrderColumn() throws SQLException {
    TrainingOptions o = TrainingOptions.parse(
        options("split", "LAST", "order_by", "day", "test_fraction", 0.25, "folds", 4));
    assertEquals(SplitMethod.LAST, o.split());
    assertEquals("day", o.splitBy());
    assertEquals(4, o.folds());
    assertEquals(List.of("type", "label", "test_fraction", "seed", "split", "order_by", "folds",
        "l2", "max_iterations", "tolerance"), List.copyOf(o.effective().keySet()));
  }

  @Test
  void columnSplitHasNoTestFraction() throws SQLException {
    TrainingOptions o = TrainingOptions.parse(
        options("split", "column", "split_column", "part"));
    assertEquals("part", o.splitBy());
    assertEquals("part", o.effective().get("split_column"));
    assertTrue(!o.effective().containsKey("test_fraction"));
  }

  @Test
  void unknownSplit() {
    fails(SibylErrors.INVALID_PARAMETER, options("split", "stratified"),
        "'split'", "'stratified'", "'random', 'last' or 'column'");
  }

  @Test
  void lastNeedsOrderBy() {
    fails(SibylErrors.SYNTAX, options("split", "last"), "'order_by'");
  }

  @Test
  void columnNeedsSplitColumn() {
    fails(SibylErrors.SYNTAX, options("split", "column"), "'split_column'");
  }

  @Test
  void orderByNeedsLast() {
    fails(SibylErrors.SYNTAX, options("order_by", "day"), "'order_by'", "split = 'last'");
  }

  @Test
  void splitColumnNeedsColumnSplit() {
    fails(SibylErrors.SYNTAX, options("split", "last", "order_by", "d", "split_column", "p"),
        "'split_column'", "split = 'column'");
  }

  @Test
  void columnSplitRefusesTestFraction() {
    fails(SibylErrors.SYNTAX,
        options("split", "column", "split_column", "p", "test_fraction", 0.3),
        "'test_fraction'", "split_column decides");
  }

  @Test
  void foldsOutOfRange() {
    fails(SibylErrors.INVALID_PARAMETER, options("folds", 1), "'folds' = 1", ">= 2 and <= 20");
    fails(SibylErrors.INVALID_PARAMETER, options("folds", 21), "'folds' = 21");
    fails(SibylErrors.INVALID_PARAMETER, options("folds", 2.5), "'folds'", "an integer");
  }

  @Test
  void gridSearchValidatesEveryTrialUpFront() throws SQLException {
    TrainingOptions o = TrainingOptions.parse(options("search", "grid",
        "search_params", "{\"l2\": [0.1, 1, 10], \"max_iterations\": [100, 500]}"));
    assertEquals(6, o.trialCount());
    assertEquals(3, o.folds(), "a search cross-validates with 3 folds by default");
    assertEquals(Map.of("l2", new BigDecimal("0.1"), "max_iterations", 100L), o.trialParams(0));
    assertEquals(Map.of("l2", new BigDecimal("0.1"), "max_iterations", 500L), o.trialParams(1));
    assertEquals(Map.of("l2", 10L, "max_iterations", 500L), o.trialParams(5));
    assertEquals(new LogisticRegressionOptions(10, 500, 1e-5), o.forTrial(5).algorithmOptions());
    Map<String, Object> effective = o.forTrial(5).effective();
    assertEquals("grid", effective.get("search"));
    assertEquals(10.0, effective.get("l2"));
    assertEquals(3, effective.get("folds"));
  }

  @Test
  void searchNeedsSearchParams() {
    fails(SibylErrors.SYNTAX, options("search", "grid"), "'search_params'");
  }

  @Test
  void searchParamsNeedSearch() {
    fails(SibylErrors.SYNTAX, options("search_params", "{\"l2\": [1]}"),
        "'search_params'", "search = 'grid' or 'random'");
  }

  @Test
  void trialsNeedARandomSearch() {
    fails(SibylErrors.SYNTAX, options("search", "grid", "search_params", "{\"l2\": [1]}",
        "trials", 5), "'trials'", "search = 'random'");
  }

  @Test
  void unknownSearchMethod() {
    fails(SibylErrors.INVALID_PARAMETER, options("search", "bayes", "search_params", "{}"),
        "'search'", "'bayes'");
  }

  @Test
  void searchParamsMustBeJson() {
    fails(SibylErrors.INVALID_PARAMETER, options("search", "grid", "search_params", "{l2: [1]"),
        "'search_params' is not a JSON object");
    fails(SibylErrors.INVALID_PARAMETER, options("search", "grid", "search_params", "[1, 2]"),
        "it is array");
    fails(SibylErrors.INVALID_PARAMETER, options("search", "grid", "search_params", "{}"),
        "names no hyperparameter");
    fails(SibylErrors.INVALID_PARAMETER,
        options("search", "grid", "search_params", "{\"l2\": [1], \"l2\": [2]}"),
        "Duplicate field 'l2'");
  }

  @Test
  void unknownSearchParamListsTheValidOnes() {
    fails(SibylErrors.NOT_SUPPORTED,
        options("search", "grid", "search_params", "{\"depth\": [1, 2]}"),
        "'depth'", "'logistic_regression'", "l2, max_iterations, tolerance");
    fails(SibylErrors.NOT_SUPPORTED,
        options("search", "grid", "search_params", "{\"seed\": [1, 2]}"), "'seed'");
  }

  @Test
  void emptyList() {
    fails(SibylErrors.INVALID_PARAMETER,
        options("search", "grid", "search_params", "{\"l2\": []}"), "'l2' is an empty list");
  }

  @Test
  void nonNumericValueOfANumericOption() {
    fails(SibylErrors.INVALID_PARAMETER,
        options("search", "grid", "search_params", "{\"l2\": [1, \"lots\"]}"),
        "trial 2 {\"l2\":\"lots\"}", "Option 'l2' = lots is not valid: expected a number");
  }

  @Test
  void valueOutOfTheOptionsBounds() {
    fails(SibylErrors.INVALID_PARAMETER,
        options("search", "grid", "search_params", "{\"max_iterations\": [10, 0]}"),
        "trial 2", "Option 'max_iterations' = 0 is out of range");
  }

  @Test
  void nestedValuesAreRefused() {
    fails(SibylErrors.INVALID_PARAMETER,
        options("search", "grid", "search_params", "{\"l2\": [[1]]}"),
        "numbers, text or booleans");
    fails(SibylErrors.INVALID_PARAMETER,
        options("search", "grid", "search_params", "{\"l2\": 1}"), "expected a list of values");
  }

  @Test
  void aRangeNeedsARandomSearch() {
    fails(SibylErrors.INVALID_PARAMETER,
        options("search", "grid", "search_params", "{\"l2\": {\"min\": 0, \"max\": 1}}"),
        "a range needs search = 'random'");
  }

  @Test
  void badRanges() {
    String[] spaces = {
      "{\"l2\": {\"min\": 2, \"max\": 1}}",
      "{\"l2\": {\"min\": 0, \"max\": 1, \"log\": true}}",
      "{\"l2\": {\"min\": 0}}",
      "{\"l2\": {\"min\": 0, \"max\": 1, \"step\": 2}}",
    };
    for (String space : spaces) {
      fails(SibylErrors.INVALID_PARAMETER,
          options("search", "random", "search_params", space), "search_params 'l2'");
    }
  }

  @Test
  void gridTooLarge() {
    fails(SibylErrors.LIMIT_EXCEEDED, options("search", "grid", "search_params",
        "{\"l2\": [1,2,3,4,5,6,7,8,9,10,11], \"max_iterations\": [1,2,3,4,5,6,7,8,9,10]}"),
        "110 trials", "limit of 100");
  }

  @Test
  void randomTrialsOutOfRange() {
    fails(SibylErrors.INVALID_PARAMETER, options("search", "random",
        "search_params", "{\"l2\": [1]}", "trials", 101), "'trials' = 101");
  }

  @Test
  void searchedOptionGivenToo() {
    fails(SibylErrors.SYNTAX, options("l2", 1, "search", "grid",
        "search_params", "{\"l2\": [1, 2]}"), "'l2' is both given and searched");
  }

  @Test
  void unknownOptionBesideASearch() {
    fails(SibylErrors.NOT_SUPPORTED, options("depth", 1, "search", "grid",
        "search_params", "{\"l2\": [1, 2]}"), "Unknown option 'depth'");
  }

  @Test
  void randomSearchIsSeededAndStaysInItsRanges() throws SQLException {
    Map<String, Object> raw = options("search", "random", "trials", 30, "seed", 3,
        "search_params", "{\"l2\": {\"min\": 0.001, \"max\": 100, \"log\": true},"
            + " \"max_iterations\": {\"min\": 10, \"max\": 20}, \"tolerance\": [1e-4, 1e-6]}");
    TrainingOptions first = TrainingOptions.parse(raw);
    TrainingOptions again = TrainingOptions.parse(raw);
    assertEquals(30, first.trialCount());
    boolean small = false;
    boolean large = false;
    for (int i = 0; i < 30; i++) {
      assertEquals(first.trialParams(i), again.trialParams(i));
      LogisticRegressionOptions o = (LogisticRegressionOptions) first.forTrial(i).algorithmOptions();
      assertTrue(o.l2() >= 0.001 && o.l2() <= 100, "l2 " + o.l2());
      assertTrue(o.maxIterations() >= 10 && o.maxIterations() <= 20);
      assertTrue(first.trialParams(i).get("max_iterations") instanceof Long, "whole numbers");
      assertTrue(o.tolerance() == 1e-4 || o.tolerance() == 1e-6);
      small |= o.l2() < 0.1;
      large |= o.l2() > 1;
    }
    assertTrue(small && large, "a log range spreads over its decades");
    assertEquals(10, TrainingOptions.parse(options("search", "random",
        "search_params", "{\"l2\": [1, 2]}")).trialCount(), "10 trials by default");
  }

  @Test
  void aTypeWithoutHyperparametersHasNothingToSearch() {
    Map<String, Object> raw = options("search", "grid", "search_params", "{\"l2\": [1]}");
    raw.put("type", "linear_regression");
    fails(SibylErrors.NOT_SUPPORTED, raw, "can search no hyperparameter");
  }
}

package dev.sibyl.functions.training;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sibyl.registry.SibylErrors;
import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The trials of a hyperparameter search, as {@code search}, {@code search_params} and {@code
 * trials} describe them: each trial is one assignment of the searched hyperparameters.
 *
 * <p>{@code search_params} is a JSON object from hyperparameter name to a list of values (numbers,
 * text or booleans) or, for a random search, a range {@code {"min": a, "max": b, "log": false}}.
 * A grid runs every combination, the first parameter varying slowest; a random search draws
 * {@code trials} assignments from a generator seeded by {@code seed}: a list value uniformly, a
 * range uniformly (log-uniformly with {@code "log": true}), whole numbers when both bounds are
 * written as whole numbers, else numbers rounded to {@value #SIGNIFICANT_DIGITS} significant
 * digits. Draws are independent, so a small space may repeat a trial.
 */
final class HyperparameterSearch {
  /** How the trials are chosen. */
  enum Method {
    GRID,
    RANDOM;

    String sqlName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Most trials one search may run (grid combinations, or random {@code trials}). */
  static final int MAX_TRIALS = 100;
  /** Trials of a random search without {@code trials}. */
  static final int DEFAULT_RANDOM_TRIALS = 10;
  /** Significant digits a number drawn from a range is rounded to. */
  static final int SIGNIFICANT_DIGITS = 6;

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final Set<String> RANGE_KEYS = Set.of("min", "max", "log");

  private final Method method;
  private final List<Map<String, Object>> trials;

  private HyperparameterSearch(Method method, List<Map<String, Object>> trials) {
    this.method = method;
    this.trials = List.copyOf(trials);
  }

  /** Reads the method name: {@code grid} or {@code random} (any case). */
  static Method method(String name) throws SQLException {
    for (Method method : Method.values()) {
      if (method.sqlName().equals(name.trim().toLowerCase(Locale.ROOT))) {
        return method;
      }
    }
    throw SibylErrors.badOptionValue(TrainingOptions.SEARCH, "'" + name + "'",
        "'grid' or 'random'");
  }

  /**
   * Parses the search space and lists its trials.
   *
   * @param space the {@code search_params} JSON text
   * @param randomTrials trials of a random search (ignored by a grid)
   * @param seed seed of the random draws
   * @param algorithm the model type's SQL name, for messages
   * @param hyperparameters the option names the type's search may set
   */
  static HyperparameterSearch of(Method method, String space, int randomTrials, long seed,
      String algorithm, List<String> hyperparameters) throws SQLException {
    Map<String, Values> parameters = parameters(method, space, algorithm, hyperparameters);
    List<Map<String, Object>> trials = method == Method.GRID
        ? grid(parameters)
        : random(parameters, randomTrials, seed);
    return new HyperparameterSearch(method, trials);
  }

  /** The method. */
  Method method() {
    return method;
  }

  /** Every trial's hyperparameters by option name, in trial order. */
  List<Map<String, Object>> trials() {
    return trials;
  }

  /** The names the search sets, in {@code search_params} order. */
  Set<String> parameterNames() {
    return trials.get(0).keySet();
  }

  /** A trial's hyperparameters as JSON, as messages and the trials table show them. */
  static String json(Map<String, Object> params) {
    try {
      return JSON.writeValueAsString(params);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write trial parameters as JSON", e);
    }
  }

  private static Map<String, Values> parameters(Method method, String space, String algorithm,
      List<String> hyperparameters) throws SQLException {
    JsonNode root;
    try {
      root = JSON.readTree(space);
    } catch (JsonProcessingException e) {
      throw SibylErrors.searchParamsNotJson(syntaxError(e));
    }
    if (root == null || !root.isObject()) {
      throw SibylErrors.searchParamsNotJson(
          "it is " + (root == null ? "empty" : root.getNodeType().name().toLowerCase(Locale.ROOT)));
    }
    if (root.isEmpty()) {
      throw SibylErrors.searchParamsNotJson("it names no hyperparameter");
    }
    Map<String, Values> parameters = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey().trim().toLowerCase(Locale.ROOT);
      if (!hyperparameters.contains(name)) {
        throw SibylErrors.unknownSearchParam(field.getKey(), algorithm,
            hyperparameters.isEmpty() ? "no hyperparameter" : String.join(", ", hyperparameters));
      }
      if (parameters.containsKey(name)) {
        throw SibylErrors.badSearchValue(field.getKey(), "the parameter is named twice");
      }
      parameters.put(name, values(method, field.getKey(), field.getValue()));
    }
    return parameters;
  }

  /** Jackson's message without its source excerpt, and where the error is. */
  private static String syntaxError(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    int excerpt = message.indexOf(" (for ");
    if (excerpt > 0) {
      message = message.substring(0, excerpt);
    }
    message = message.lines().findFirst().orElse(message);
    return e.getLocation() == null ? message
        : message + " at line " + e.getLocation().getLineNr() + ", column "
            + e.getLocation().getColumnNr();
  }

  private static Values values(Method method, String name, JsonNode node) throws SQLException {
    if (node.isArray()) {
      if (node.isEmpty()) {
        throw SibylErrors.emptySearchList(name);
      }
      List<Object> list = new ArrayList<>();
      for (JsonNode element : node) {
        list.add(scalar(name, element));
      }
      return new ListValues(list);
    }
    if (node.isObject()) {
      if (method != Method.RANDOM) {
        throw SibylErrors.badSearchValue(name,
            "a range needs search = 'random'; a grid needs a list of values");
      }
      return range(name, node);
    }
    throw SibylErrors.badSearchValue(name, "expected a list of values"
        + (method == Method.RANDOM ? " or a range {\"min\": a, \"max\": b}" : "")
        + ", not " + node);
  }

  private static Object scalar(String name, JsonNode element) throws SQLException {
    if (element.isIntegralNumber() && element.canConvertToLong()) {
      return element.longValue();
    }
    if (element.isNumber()) {
      return element.decimalValue();
    }
    if (element.isTextual()) {
      return element.textValue();
    }
    if (element.isBoolean()) {
      return element.booleanValue();
    }
    throw SibylErrors.badSearchValue(name,
        "list values must be numbers, text or booleans, not " + element);
  }

  private static Values range(String name, JsonNode node) throws SQLException {
    Iterator<String> keys = node.fieldNames();
    while (keys.hasNext()) {
      String key = keys.next();
      if (!RANGE_KEYS.contains(key)) {
        throw SibylErrors.badSearchValue(name,
            "a range has keys min, max and log, not '" + key + "'");
      }
    }
    JsonNode min = node.get("min");
    JsonNode max = node.get("max");
    JsonNode log = node.get("log");
    if (min == null || max == null || !min.isNumber() || !max.isNumber()) {
      throw SibylErrors.badSearchValue(name, "a range needs numbers min and max, not " + node);
    }
    if (log != null && !log.isBoolean()) {
      throw SibylErrors.badSearchValue(name, "log must be true or false, not " + log);
    }
    boolean logScale = log != null && log.booleanValue();
    double low = min.doubleValue();
    double high = max.doubleValue();
    if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
      throw SibylErrors.badSearchValue(name,
          "a range needs finite min <= max, not min " + min + " and max " + max);
    }
    if (logScale && !(low > 0)) {
      throw SibylErrors.badSearchValue(name, "a log range needs min > 0, not " + min);
    }
    boolean whole = min.isIntegralNumber() && max.isIntegralNumber()
        && min.canConvertToLong() && max.canConvertToLong();
    return new RangeValues(low, high, logScale, whole);
  }

  private static List<Map<String, Object>> grid(Map<String, Values> parameters)
      throws SQLException {
    List<String> names = new ArrayList<>(parameters.keySet());
    List<List<Object>> lists = new ArrayList<>();
    long combinations = 1;
    for (String name : names) {
      List<Object> list = ((ListValues) parameters.get(name)).values();
      lists.add(list);
      combinations = Math.min(combinations * list.size(), Integer.MAX_VALUE);
    }
    if (combinations > MAX_TRIALS) {
      throw SibylErrors.tooManyTrials(Method.GRID.sqlName(), combinations, MAX_TRIALS);
    }
    List<Map<String, Object>> trials = new ArrayList<>();
    int[] position = new int[names.size()];
    for (int trial = 0; trial < combinations; trial++) {
      Map<String, Object> params = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        params.put(names.get(i), lists.get(i).get(position[i]));
      }
      trials.add(params);
      for (int i = names.size() - 1; i >= 0; i--) {
        if (++position[i] < lists.get(i).size()) {
          break;
        }
        position[i] = 0;
      }
    }
    return trials;
  }

  private static List<Map<String, Object>> random(Map<String, Values> parameters, int count,
      long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Map<String, Object>> trials = new ArrayList<>();
    for (int trial = 0; trial < count; trial++) {
      Map<String, Object> params = new LinkedHashMap<>();
      parameters.forEach((name, values) -> params.put(name, values.draw(random)));
      trials.add(params);
    }
    return trials;
  }

  /** The values one hyperparameter may take. */
  private sealed interface Values permits ListValues, RangeValues {
    Object draw(SplittableRandom random);
  }

  private record ListValues(List<Object> values) implements Values {
    @Override
    public Object draw(SplittableRandom random) {
      return values.get(random.nextInt(values.size()));
    }
  }

  private record RangeValues(double min, double max, boolean log, boolean whole)
      implements Values {
    @Override
    public Object draw(SplittableRandom random) {
      if (whole) {
        long low = (long) min;
        long high = (long) max;
        if (!log) {
          return low + (long) Math.floor(random.nextDouble() * (high - low + 1));
        }
        double drawn = Math.exp(uniform(random, Math.log(low), Math.log(high + 1.0)));
        return Math.max(low, Math.min(high, (long) Math.floor(drawn)));
      }
      double drawn = log
          ? Math.exp(uniform(random, Math.log(min), Math.log(max)))
          : uniform(random, min, max);
      drawn = Math.max(min, Math.min(max, drawn));
      return new BigDecimal(drawn).round(new MathContext(SIGNIFICANT_DIGITS));
    }

    private static double uniform(SplittableRandom random, double low, double high) {
      return low == high ? low : low + random.nextDouble() * (high - low);
    }
  }
}

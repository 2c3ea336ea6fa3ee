package dev.sibyl.functions.scoring;

import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.FeatureKind;
import dev.sibyl.registry.model.FeatureSignature;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * What is known, before scoring, about the values a model's features take in every row a call
 * scores: a number's range, a constant number or category, or NULL. The planner learns it from
 * WHERE conditions and constant arguments; {@link TreePruner} drops the tree branches no such row
 * can reach.
 *
 * <p>Values are those the scorer receives, as doubles: a bound is strict only when the comparison
 * that gave it was made on the same doubles. A range with no upper bound may also hold NaN, which
 * databases order above every number and the scorer imputes.
 *
 * <p>The text form, used inside derived model references, lists clauses in signature order, each
 * naming a feature by its quoted name: {@code "x2" > 6.0, "x2" <= 9.5, "plan" = 'pro', "age" IS
 * NULL, "n" = 3.0}. {@link #parse} reads exactly what {@link #toString} writes.
 */
public final class KnownValues {
  /** What is known about one feature. */
  private sealed interface Fact {}

  /** A number in a range; an infinite end is open and unbounded. */
  private record Range(double low, boolean lowStrict, double high, boolean highStrict)
      implements Fact {
    static final Range ALL = new Range(Double.NEGATIVE_INFINITY, true, Double.POSITIVE_INFINITY,
        true);

    Range above(double value, boolean strict) {
      return value > low || value == low && strict && !lowStrict
          ? new Range(value, strict, high, highStrict) : this;
    }

    Range below(double value, boolean strict) {
      return value < high || value == high && strict && !highStrict
          ? new Range(low, lowStrict, value, strict) : this;
    }

    Range and(Range other) {
      return above(other.low, other.lowStrict).below(other.high, other.highStrict);
    }
  }

  /** Exactly one number; NaN is NULL. */
  private record NumberValue(double value) implements Fact {}

  /** Exactly one category; null is NULL. */
  private record CategoryValue(String value) implements Fact {}

  private final FeatureSignature signature;
  private final Map<Integer, Fact> facts;

  private KnownValues(FeatureSignature signature, Map<Integer, Fact> facts) {
    this.signature = signature;
    this.facts = Collections.unmodifiableMap(new TreeMap<>(facts));
  }

  /** Nothing known about the features of {@code signature}. */
  public static KnownValues nothing(FeatureSignature signature) {
    return new KnownValues(signature, Map.of());
  }

  /** Whether nothing is known. */
  public boolean isEmpty() {
    return facts.isEmpty();
  }

  /** These facts and: feature {@code feature} is above {@code value} (or equal, unless strict). */
  public KnownValues above(int feature, double value, boolean strict) {
    return withRange(feature, Range.ALL.above(value, strict));
  }

  /** These facts and: feature {@code feature} is below {@code value} (or equal, unless strict). */
  public KnownValues below(int feature, double value, boolean strict) {
    return withRange(feature, Range.ALL.below(value, strict));
  }

  /** These facts and: numeric feature {@code feature} is {@code value}, NaN for NULL. */
  public KnownValues number(int feature, double value) {
    requireKind(feature, FeatureKind.NUMERIC);
    return with(feature, new NumberValue(value));
  }

  /** These facts and: categorical feature {@code feature} is {@code value}, null for NULL. */
  public KnownValues category(int feature, String value) {
    requireKind(feature, FeatureKind.CATEGORICAL);
    return with(feature, new CategoryValue(value));
  }

  /**
   * These facts, refined by newer ones about the same rows and signature: ranges intersect and a
   * newer exact value replaces a range, but an exact value here stays, and a newer NULL replaces
   * nothing (the planner writes NULL for an argument the model no longer reads, which says
   * nothing about the column).
   */
  public KnownValues refinedBy(KnownValues newer) {
    if (!newer.signature.equals(signature)) {
      throw new IllegalArgumentException("facts about another signature");
    }
    KnownValues result = this;
    for (Map.Entry<Integer, Fact> entry : newer.facts.entrySet()) {
      int feature = entry.getKey();
      Fact fact = entry.getValue();
      Fact known = facts.get(feature);
      if (fact instanceof Range range) {
        result = result.withRange(feature, range);
      } else if (known == null || known instanceof Range && !isNull(fact)) {
        result = result.with(feature, fact);
      }
    }
    return result;
  }

  private static boolean isNull(Fact fact) {
    return fact instanceof NumberValue n && Double.isNaN(n.value())
        || fact instanceof CategoryValue c && c.value() == null;
  }

  private void requireKind(int feature, FeatureKind kind) {
    if (feature < 0 || feature >= signature.size() || signature.get(feature).kind() != kind) {
      throw new IllegalArgumentException(
          "feature " + feature + " of " + signature.describe() + " is not " + kind);
    }
  }

  private KnownValues withRange(int feature, Range range) {
    requireKind(feature, FeatureKind.NUMERIC);
    Fact known = facts.get(feature);
    if (known instanceof NumberValue || known instanceof CategoryValue) {
      return this; // an exact value says more than any range
    }
    return with(feature, known instanceof Range r ? r.and(range) : range);
  }

  private KnownValues with(int feature, Fact fact) {
    if (fact.equals(Range.ALL)) {
      return this;
    }
    if (feature < 0 || feature >= signature.size()) {
      throw new IllegalArgumentException("no feature " + feature + " in " + signature.describe());
    }
    Map<Integer, Fact> copy = new TreeMap<>(facts);
    copy.put(feature, fact);
    return new KnownValues(signature, copy);
  }

  /**
   * The reachable encoded values of the model's inputs: per encoded input, as {@link
   * TreePruner} needs them. A feature nothing is known about leaves its inputs unbounded.
   */
  EncodedRange[] encoded() {
    EncodedRange[] inputs = new EncodedRange[signature.encodedWidth()];
    int input = 0;
    for (int f = 0; f < signature.size(); f++) {
      Feature feature = signature.get(f);
      Fact fact = facts.get(f);
      for (int k = 0; k < feature.width(); k++) {
        inputs[input + k] = encoded(feature, k, fact);
      }
      input += feature.width();
    }
    return inputs;
  }

  private static EncodedRange encoded(Feature feature, int slot, Fact fact) {
    if (fact == null) {
      return EncodedRange.UNKNOWN;
    }
    if (fact instanceof CategoryValue category) {
      boolean hot = category.value() != null
          && category.value().equals(feature.categories().get(slot));
      return EncodedRange.point(hot ? 1 : 0);
    }
    double center = feature.center();
    double scale = feature.scale();
    double imputed = (feature.imputeValue() - center) / scale;
    if (fact instanceof NumberValue number) {
      return Double.isNaN(number.value())
          ? EncodedRange.point(imputed)
          : EncodedRange.point((number.value() - center) / scale);
    }
    Range range = (Range) fact;
    // with no upper bound a NaN may pass the condition; the scorer imputes it
    boolean maybeImputed = range.high() == Double.POSITIVE_INFINITY;
    if (center == 0 && scale == 1) {
      return new EncodedRange(range.low(), range.lowStrict(), range.high(), range.highStrict(),
          maybeImputed, imputed);
    }
    // (x - c) / s rounds monotonically, so the ends map to ends, but equality may appear
    double low = (range.low() - center) / scale;
    double high = (range.high() - center) / scale;
    return scale > 0
        ? new EncodedRange(low, false, high, false, maybeImputed, imputed)
        : new EncodedRange(high, false, low, false, maybeImputed, imputed);
  }

  /** The values an encoded input can take: a range, and possibly the imputed value too. */
  record EncodedRange(double low, boolean lowStrict, double high, boolean highStrict,
      boolean maybeImputed, double imputed) {
    static final EncodedRange UNKNOWN = new EncodedRange(Double.NEGATIVE_INFINITY, true,
        Double.POSITIVE_INFINITY, true, false, 0);

    static EncodedRange point(double value) {
      return new EncodedRange(value, false, value, false, false, 0);
    }

    /** Whether every reachable value is at most {@code threshold}: the split goes left. */
    boolean allAtMost(double threshold) {
      return high <= threshold && (!maybeImputed || imputed <= threshold);
    }

    /** Whether every reachable value is above {@code threshold}: the split goes right. */
    boolean allAbove(double threshold) {
      boolean lowAbove = low > threshold
          || low == threshold && lowStrict && low != Double.NEGATIVE_INFINITY;
      return lowAbove && (!maybeImputed || imputed > threshold);
    }
  }

  /**
   * Reads the text form against a signature.
   *
   * @throws IllegalArgumentException if the text is not one {@link #toString} writes for it
   */
  public static KnownValues parse(String text, FeatureSignature signature) {
    return new Parser(text, signature).parse();
  }

  /** The text form; see the class comment. */
  @Override
  public String toString() {
    StringJoiner clauses = new StringJoiner(", ");
    for (Map.Entry<Integer, Fact> entry : facts.entrySet()) {
      String name = quoted(signature.get(entry.getKey()).name());
      Fact fact = entry.getValue();
      if (fact instanceof Range range) {
        if (range.low() != Double.NEGATIVE_INFINITY) {
          clauses.add(name + (range.lowStrict() ? " > " : " >= ") + range.low());
        }
        if (range.high() != Double.POSITIVE_INFINITY) {
          clauses.add(name + (range.highStrict() ? " < " : " <= ") + range.high());
        }
      } else if (fact instanceof NumberValue number) {
        clauses.add(name + (Double.isNaN(number.value()) ? " IS NULL" : " = " + number.value()));
      } else {
        String value = ((CategoryValue) fact).value();
        clauses.add(name + (value == null ? " IS NULL" : " = '" + value.replace("'", "''") + "'"));
      }
    }
    return clauses.toString();
  }

  private static String quoted(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KnownValues other && signature.equals(other.signature)
        && facts.equals(other.facts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(signature, facts);
  }

  /** Reads the text form, clause by clause. */
  private static final class Parser {
    private final String text;
    private final FeatureSignature signature;
    private int at;

    Parser(String text, FeatureSignature signature) {
      this.text = text;
      this.signature = signature;
    }

    KnownValues parse() {
      KnownValues known = nothing(signature);
      while (at < text.length()) {
        if (at > 0) {
          expect(", ");
        }
        known = known.refinedBy(clause());
      }
      return known;
    }

    private KnownValues clause() {
      KnownValues nothing = nothing(signature);
      int feature = feature(quotedText('"'));
      boolean numeric = signature.get(feature).kind() == FeatureKind.NUMERIC;
      if (skip(" IS NULL")) {
        return numeric ? nothing.number(feature, Double.NaN)
            : nothing.category(feature, null);
      }
      for (String op : new String[] {" >= ", " <= ", " > ", " < ", " = "}) {
        if (!skip(op)) {
          continue;
        }
        if (!numeric) {
          if (!op.equals(" = ")) {
            throw new IllegalArgumentException("a category has no range: " + text);
          }
          return nothing.category(feature, quotedText('\''));
        }
        double value = number();
        return switch (op) {
          case " >= " -> nothing.above(feature, value, false);
          case " > " -> nothing.above(feature, value, true);
          case " <= " -> nothing.below(feature, value, false);
          case " < " -> nothing.below(feature, value, true);
          default -> nothing.number(feature, value);
        };
      }
      throw new IllegalArgumentException("no comparison at " + at + " in " + text);
    }

    private int feature(String name) {
      int found = -1;
      for (int f = 0; f < signature.size(); f++) {
        if (signature.get(f).name().equals(name)) {
          if (found >= 0) {
            throw new IllegalArgumentException("feature name " + name + " is ambiguous");
          }
          found = f;
        }
      }
      if (found < 0) {
        throw new IllegalArgumentException("no feature " + name + " in " + signature.describe());
      }
      return found;
    }

    private double number() {
      int end = text.indexOf(", ", at);
      end = end < 0 ? text.length() : end;
      String token = text.substring(at, end);
      at = end;
      double value = Double.parseDouble(token);
      if (Double.isNaN(value)) {
        throw new IllegalArgumentException("NaN is not a bound: " + text);
      }
      return value;
    }

    private String quotedText(char quote) {
      expect(String.valueOf(quote));
      StringBuilder value = new StringBuilder();
      while (true) {
        int next = text.indexOf(quote, at);
        if (next < 0) {
          throw new IllegalArgumentException("unterminated " + quote + " in " + text);
        }
        value.append(text, at, next);
        at = next + 1;
        if (at < text.length() && text.charAt(at) == quote) {
          value.append(quote);
          at++;
        } else {
          return value.toString();
        }
      }
    }

    private boolean skip(String expected) {
      if (text.startsWith(expected, at)) {
        at += expected.length();
        return true;
      }
      return false;
    }

    private void expect(String expected) {
      if (!skip(expected)) {
        throw new IllegalArgumentException("expected '" + expected + "' at " + at + " in " + text);
      }
    }
  }
}

package dev.sibyl.functions.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sibyl.registry.model.Feature;
import dev.sibyl.registry.model.FeatureSignature;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The facts about features: how they combine, and their text form both ways. */
class KnownValuesTest {
  private static final FeatureSignature SIGNATURE = new FeatureSignature(List.of(
      Feature.numeric("x", "DOUBLE", 0, 0, 1),
      Feature.numeric("odd \"name\", really", "INTEGER", 0, 0, 1),
      Feature.categorical("plan", "VARCHAR", List.of("pro", "it's"))));

  private static KnownValues nothing() {
    return KnownValues.nothing(SIGNATURE);
  }

  @Test
  void rangesIntersectAndExactValuesWin() {
    KnownValues range = nothing().above(0, 1, false).above(0, 1, true).above(0, 0, true)
        .below(0, 5, false).below(0, 9, true);
    assertEquals("\"x\" > 1.0, \"x\" <= 5.0", range.toString());
    assertEquals("\"x\" = 3.0", range.refinedBy(nothing().number(0, 3)).toString(),
        "a constant argument says more than a range");
    assertEquals("\"x\" = 3.0", nothing().number(0, 3).refinedBy(range).toString(),
        "a range adds nothing to an exact value");
    assertTrue(nothing().above(0, Double.NEGATIVE_INFINITY, true).isEmpty());
  }

  @Test
  void aNewerNullNeverReplacesWhatWasKnown() {
    KnownValues range = nothing().above(0, 50, false).below(0, 60, false);
    KnownValues nulls = nothing().number(0, Double.NaN).category(2, null);
    assertEquals("\"x\" >= 50.0, \"x\" <= 60.0, \"plan\" IS NULL",
        range.refinedBy(nulls).toString(),
        "the NULL the planner writes for a pruned argument does not undo the range");
    assertEquals("\"x\" = 3.0, \"plan\" IS NULL",
        nothing().number(0, 3).refinedBy(nulls).toString());
    assertEquals("\"x\" IS NULL, \"plan\" IS NULL", nothing().refinedBy(nulls).toString());
    assertEquals("\"plan\" = 'pro'", nothing().category(2, "pro")
        .refinedBy(nothing().category(2, null)).toString());
  }

  @Test
  void theTextFormReadsBackToTheSameFacts() {
    KnownValues known = nothing().category(2, "it's").above(1, -2.5e-7, false)
        .below(1, 1e300, true).number(0, Double.NaN);
    String text = known.toString();
    assertEquals("\"x\" IS NULL, \"odd \"\"name\"\", really\" >= -2.5E-7,"
        + " \"odd \"\"name\"\", really\" < 1.0E300, \"plan\" = 'it''s'", text);
    assertEquals(known, KnownValues.parse(text, SIGNATURE));
    assertEquals(nothing(), KnownValues.parse("", SIGNATURE));
    KnownValues nulls = nothing().category(2, null).number(1, -0.0);
    assertEquals(nulls, KnownValues.parse(nulls.toString(), SIGNATURE));
  }

  @Test
  void badTextIsRefused() {
    for (String bad : new String[] {"\"y\" > 1.0", "\"x\" > NaN", "\"x\" ~ 1.0",
        "\"plan\" > 'pro'", "\"x\" = 1.0,\"x\" < 3.0", "\"x > 1.0", "\"x\" = 'pro'"}) {
      assertThrows(IllegalArgumentException.class, () -> KnownValues.parse(bad, SIGNATURE), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> nothing().category(0, "pro"));
    assertThrows(IllegalArgumentException.class, () -> nothing().above(2, 1, true));
  }
}

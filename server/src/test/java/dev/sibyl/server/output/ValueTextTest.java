package dev.sibyl.server.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ValueTextTest {
  @Test
  void roundsAwayBinaryNoise() {
    assertEquals("0.3", ValueText.roundForDisplay(0.1 + 0.2, ValueText.DOUBLE_DISPLAY_DIGITS));
    assertEquals("0.7", ValueText.roundForDisplay(1 - 0.3, ValueText.DOUBLE_DISPLAY_DIGITS));
    assertEquals("0.1", ValueText.roundForDisplay(0.1f, ValueText.REAL_DISPLAY_DIGITS));
  }

  @Test
  void keepsMeaningfulDigits() {
    assertEquals("123.456", ValueText.roundForDisplay(123.456, ValueText.DOUBLE_DISPLAY_DIGITS));
    assertEquals("-2.5", ValueText.roundForDisplay(-2.5, ValueText.DOUBLE_DISPLAY_DIGITS));
    assertEquals("3", ValueText.roundForDisplay(3.0, ValueText.DOUBLE_DISPLAY_DIGITS));
    assertEquals("0.333333333333333",
        ValueText.roundForDisplay(1.0 / 3, ValueText.DOUBLE_DISPLAY_DIGITS));
    assertEquals("123456789012345",
        ValueText.roundForDisplay(123456789012345.0, ValueText.DOUBLE_DISPLAY_DIGITS));
  }

  @Test
  void usesScientificNotationForExtremeMagnitudes() {
    assertEquals("1E+20", ValueText.roundForDisplay(1e20, ValueText.DOUBLE_DISPLAY_DIGITS));
    assertEquals("1.5E-7", ValueText.roundForDisplay(1.5e-7, ValueText.DOUBLE_DISPLAY_DIGITS));
  }

  @Test
  void spellsOutSpecialValues() {
    assertEquals("0", ValueText.roundForDisplay(-0.0, ValueText.DOUBLE_DISPLAY_DIGITS));
    assertEquals("NaN", ValueText.roundForDisplay(Double.NaN, ValueText.DOUBLE_DISPLAY_DIGITS));
    assertEquals("-Infinity",
        ValueText.roundForDisplay(Double.NEGATIVE_INFINITY, ValueText.DOUBLE_DISPLAY_DIGITS));
  }
}

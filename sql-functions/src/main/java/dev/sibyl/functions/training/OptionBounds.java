package dev.sibyl.functions.training;

import dev.sibyl.registry.SibylErrors;
import java.sql.SQLException;

/** The bound checks hyperparameter records share, each failing with the option's name. */
final class OptionBounds {
  /** The range text of an integer option that must be at least 1. */
  static final String POSITIVE_INT = "an integer >= 1 and <= " + Integer.MAX_VALUE;

  private OptionBounds() {}

  /** A finite number {@code > 0}. */
  static void positive(String option, double value) throws SQLException {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw SibylErrors.optionOutOfRange(option, value, "a finite number > 0");
    }
  }

  /** A finite number {@code >= 0}. */
  static void nonNegative(String option, double value) throws SQLException {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw SibylErrors.optionOutOfRange(option, value, "a finite number >= 0");
    }
  }

  /** An integer in {@code [low, high]}, returned as an int. */
  static int intBetween(String option, long value, int low, int high) throws SQLException {
    if (value < low || value > high) {
      throw SibylErrors.optionOutOfRange(
          option, value, "an integer >= " + low + " and <= " + high);
    }
    return (int) value;
  }
}

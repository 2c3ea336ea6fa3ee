package dev.sibyl.server.csvload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ColumnTypeTest {
  @Test
  void booleansInAnyCaseWithSurroundingSpaces() {
    assertEquals(ColumnType.BOOLEAN, ColumnType.of("true"));
    assertEquals(ColumnType.BOOLEAN, ColumnType.of(" FALSE "));
    assertEquals(ColumnType.VARCHAR, ColumnType.of("yes"));
  }

  @Test
  void integersWithinBigintRange() {
    assertEquals(ColumnType.BIGINT, ColumnType.of("0"));
    assertEquals(ColumnType.BIGINT, ColumnType.of("+42"));
    assertEquals(ColumnType.BIGINT, ColumnType.of(" -17 "));
    assertEquals(ColumnType.BIGINT, ColumnType.of("-9223372036854775808"));
    assertEquals(ColumnType.BIGINT, ColumnType.of("9223372036854775807"));
  }

  @Test
  void integersOutOfRangeAreDoubles() {
    assertEquals(ColumnType.DOUBLE, ColumnType.of("9223372036854775808"));
    assertEquals(ColumnType.DOUBLE, ColumnType.of("-99999999999999999999999"));
  }

  @Test
  void decimalNumbers() {
    assertEquals(ColumnType.DOUBLE, ColumnType.of("1.5"));
    assertEquals(ColumnType.DOUBLE, ColumnType.of("-.5"));
    assertEquals(ColumnType.DOUBLE, ColumnType.of("5."));
    assertEquals(ColumnType.DOUBLE, ColumnType.of("6.02e23"));
    assertEquals(ColumnType.DOUBLE, ColumnType.of("1E-7"));
  }

  @Test
  void textThatJavaWouldParseAsANumberIsNotANumber() {
    assertEquals(ColumnType.VARCHAR, ColumnType.of("NaN"));
    assertEquals(ColumnType.VARCHAR, ColumnType.of("Infinity"));
    assertEquals(ColumnType.VARCHAR, ColumnType.of("1d"));
    assertEquals(ColumnType.VARCHAR, ColumnType.of("0x1F"));
    assertEquals(ColumnType.VARCHAR, ColumnType.of("1e"));
    assertEquals(ColumnType.VARCHAR, ColumnType.of("."));
    assertEquals(ColumnType.VARCHAR, ColumnType.of("-"));
    assertEquals(ColumnType.VARCHAR, ColumnType.of("1,5"));
    assertEquals(ColumnType.VARCHAR, ColumnType.of("  "));
  }

  @Test
  void wideningTakesTheNarrowestCommonType() {
    assertEquals(ColumnType.DOUBLE, ColumnType.BIGINT.widen(ColumnType.DOUBLE));
    assertEquals(ColumnType.DOUBLE, ColumnType.DOUBLE.widen(ColumnType.BIGINT));
    assertEquals(ColumnType.VARCHAR, ColumnType.BOOLEAN.widen(ColumnType.BIGINT));
    assertEquals(ColumnType.VARCHAR, ColumnType.DOUBLE.widen(ColumnType.VARCHAR));
    assertEquals(ColumnType.BOOLEAN, ColumnType.BOOLEAN.widen(ColumnType.BOOLEAN));
  }
}

package dev.sibyl.server.csvload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlNamesTest {
  @Test
  void normalisesToUpperCaseIdentifiers() {
    assertEquals("MONTHLY_FEE", SqlNames.normalise("monthly fee"));
    assertEquals("FEE", SqlNames.normalise(" fee ($) "));
    assertEquals("A_B_C", SqlNames.normalise("a-b/c"));
    assertEquals("_ID", SqlNames.normalise("_id"));
    assertEquals("_2024_SALES", SqlNames.normalise("2024 sales"));
    assertEquals("TABLE", SqlNames.normalise("table"));
    assertEquals("ÉTÉ", SqlNames.normalise("été"));
    assertEquals("", SqlNames.normalise("%"));
  }

  @Test
  void columnNamesAreDistinctAndNeverEmpty() {
    assertEquals(
        List.of("ID", "NAME", "NAME_2", "COLUMN_4", "NAME_3"),
        SqlNames.columnNames(new String[] {"id", "Name", "NAME", "", "name"}));
  }

  @Test
  void quotesIdentifiers() {
    assertEquals("\"TABLE\"", SqlNames.quote("TABLE"));
    assertEquals("\"a\"\"b\"", SqlNames.quote("a\"b"));
  }

  @Test
  void tableNamesNormaliseUnquotedPartsOnly() {
    assertEquals(new TableName(null, "CUSTOMERS"), TableName.parse("customers"));
    assertEquals(new TableName("SALES", "Orders 2024"), TableName.parse("sales.\"Orders 2024\""));
    assertEquals(new TableName(null, "a.b\"c"), TableName.parse("\"a.b\"\"c\""));
    assertEquals("\"SALES\".\"ORDERS\"", TableName.parse("sales.orders").sql());
    assertEquals("SALES.ORDERS", TableName.parse("sales.orders").toString());
  }

  @Test
  void rejectsMalformedTableNames() {
    IllegalArgumentException tooMany =
        assertThrows(IllegalArgumentException.class, () -> TableName.parse("a.b.c"));
    assertEquals("Invalid table name 'a.b.c': expected TABLE or SCHEMA.TABLE",
        tooMany.getMessage());
    IllegalArgumentException empty =
        assertThrows(IllegalArgumentException.class, () -> TableName.parse("sales."));
    assertEquals("Invalid table name 'sales.': empty name", empty.getMessage());
    IllegalArgumentException unclosed =
        assertThrows(IllegalArgumentException.class, () -> TableName.parse("\"abc"));
    assertEquals("Invalid table name '\"abc': unclosed quote", unclosed.getMessage());
  }
}

package dev.sibyl.server.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Writes each result set as one JSON array of objects keyed by column label, one object per line.
 * Numbers and booleans keep their JSON types at full precision, NULL is {@code null}, binary values
 * are Base64 strings, and repeated labels get a {@code _2}, {@code _3}, ... suffix.
 */
final class JsonResultWriter implements ResultWriter {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
      .build();

  private final PrintWriter out;

  JsonResultWriter(PrintWriter out) {
    this.out = out;
  }

  @Override
  public long write(ResultSet rs) throws SQLException, IOException {
    ResultColumns columns = ResultColumns.of(rs.getMetaData());
    String[] names = columns.distinctLabels();
    long rows = 0;
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.setPrettyPrinter(onePerLine());
      json.writeStartArray();
      while (rs.next()) {
        json.writeStartObject();
        for (int i = 0; i < names.length; i++) {
          json.writeFieldName(names[i]);
          writeValue(json, rs, i + 1, columns.kinds()[i]);
        }
        json.writeEndObject();
        rows++;
      }
      json.writeEndArray();
    }
    out.println();
    return rows;
  }

  private static void writeValue(JsonGenerator json, ResultSet rs, int column, ValueKind kind)
      throws SQLException, IOException {
    switch (kind) {
      case INTEGER -> {
        long value = rs.getLong(column);
        if (rs.wasNull()) {
          json.writeNull();
        } else {
          json.writeNumber(value);
        }
      }
      case REAL -> {
        float value = rs.getFloat(column);
        if (rs.wasNull()) {
          json.writeNull();
        } else {
          json.writeNumber(value);
        }
      }
      case DOUBLE -> {
        double value = rs.getDouble(column);
        if (rs.wasNull()) {
          json.writeNull();
        } else {
          json.writeNumber(value);
        }
      }
      case DECIMAL -> json.writeNumber(rs.getBigDecimal(column));
      case BOOLEAN -> {
        boolean value = rs.getBoolean(column);
        if (rs.wasNull()) {
          json.writeNull();
        } else {
          json.writeBoolean(value);
        }
      }
      case BINARY -> {
        byte[] value = rs.getBytes(column);
        if (value == null) {
          json.writeNull();
        } else {
          json.writeBinary(value);
        }
      }
      case TEXT -> json.writeString(rs.getString(column));
    }
  }

  /** Array elements on their own lines; each object compact on one line. */
  private static DefaultPrettyPrinter onePerLine() {
    Separators separators = Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.NONE);
    return new DefaultPrettyPrinter()
        .withSeparators(separators)
        .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE)
        .withObjectIndenter(new DefaultIndenter("", ""));
  }
}

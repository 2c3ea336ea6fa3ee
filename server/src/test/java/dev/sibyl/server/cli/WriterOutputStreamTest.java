package dev.sibyl.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WriterOutputStreamTest {
  @Test
  void reassemblesCharactersSplitAcrossWrites() throws Exception {
    String text = "naïve € 𝄞 ok";
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    StringWriter writer = new StringWriter();
    try (WriterOutputStream out = new WriterOutputStream(writer)) {
      for (byte b : bytes) {
        out.write(b);
      }
    }
    assertEquals(text, writer.toString());
  }

  @Test
  void passesLongOutputThroughInOrder() throws Exception {
    String text = "0123456789".repeat(5_000);
    StringWriter writer = new StringWriter();
    WriterOutputStream out = new WriterOutputStream(writer);
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
    assertEquals(text, writer.toString());
  }
}

package dev.sibyl.server.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * An {@link OutputStream} that decodes UTF-8 bytes into a {@link Writer}, so that sqlline, which
 * prints to streams, writes where the rest of the CLI does. A character split between two writes is
 * completed by the second. Closing flushes but leaves the writer open.
 */
final class WriterOutputStream extends OutputStream {
  private static final int BUFFER_SIZE = 8192;

  private final Writer writer;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPLACE)
      .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER_SIZE);
  private final CharBuffer chars = CharBuffer.allocate(BUFFER_SIZE);

  WriterOutputStream(Writer writer) {
    this.writer = writer;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    int offset = off;
    int remaining = len;
    while (remaining > 0) {
      int n = Math.min(remaining, bytes.remaining());
      bytes.put(b, offset, n);
      offset += n;
      remaining -= n;
      decode();
    }
  }

  @Override
  public void flush() throws IOException {
    decode();
    writer.flush();
  }

  @Override
  public void close() throws IOException {
    flush();
  }

  private void decode() throws IOException {
    bytes.flip();
    CoderResult result;
    do {
      result = decoder.decode(bytes, chars, false);
      chars.flip();
      writer.append(chars);
      chars.clear();
    } while (result.isOverflow());
    bytes.compact();
  }
}

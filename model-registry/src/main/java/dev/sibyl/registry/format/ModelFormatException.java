package dev.sibyl.registry.format;

/** Raised when bytes are not a valid Sibyl model payload (bad magic, version, checksum or body). */
public final class ModelFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public ModelFormatException(String message) {
    super(message);
  }

  public ModelFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.sibyl.registry;

import java.sql.SQLException;
import java.util.OptionalInt;

/**
 * A reference to a model as users write it: {@code 'name'} (the active version) or {@code
 * 'name@version'}.
 *
 * @param name model name, as stored (case preserved; lookup ignores case)
 * @param version the requested version, or empty for the active one
 */
public record ModelRef(String name, OptionalInt version) {

  /** Parses {@code name} or {@code name@version}. */
  public static ModelRef parse(String text) throws SQLException {
    if (text == null || text.isBlank()) {
      throw SibylErrors.badModelReference(String.valueOf(text));
    }
    int at = text.lastIndexOf('@');
    if (at < 0) {
      return new ModelRef(text.trim(), OptionalInt.empty());
    }
    String name = text.substring(0, at).trim();
    String version = text.substring(at + 1).trim();
    if (name.isEmpty() || !version.matches("[0-9]{1,9}")) {
      throw SibylErrors.badModelReference(text);
    }
    return new ModelRef(name, OptionalInt.of(Integer.parseInt(version)));
  }

  @Override
  public String toString() {
    return version.isPresent() ? name + "@" + version.getAsInt() : name;
  }
}

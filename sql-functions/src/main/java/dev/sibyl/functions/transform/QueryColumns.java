package dev.sibyl.functions.transform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The columns of a query, learned by preparing it (no row is read): names as the query reports
 * them, matched ignoring case as unquoted identifiers are in Sibyl.
 *
 * @param names column names, in query order
 * @param types SQL type names, in query order
 */
public record QueryColumns(List<String> names, List<String> types) {

  /** Prepares {@code query} on {@code connection} and reads its result columns. */
  public static QueryColumns of(Connection connection, String query) throws SQLException {
    List<String> names = new ArrayList<>();
    List<String> types = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(query)) {
      ResultSetMetaData meta = statement.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        names.add(meta.getColumnLabel(i));
        types.add(meta.getColumnTypeName(i));
      }
    }
    return new QueryColumns(List.copyOf(names), List.copyOf(types));
  }

  /** The position of the column named {@code name} (any case), or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The column named {@code name} (any case), as the query spells it. */
  public Optional<String> find(String name) {
    int index = indexOf(name);
    return index < 0 ? Optional.empty() : Optional.of(names.get(index));
  }

  /** The names, comma separated, for messages. */
  public String describe() {
    return names.stream().collect(Collectors.joining(", "));
  }
}

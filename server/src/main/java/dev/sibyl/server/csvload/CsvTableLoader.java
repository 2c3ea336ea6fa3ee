package dev.sibyl.server.csvload;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a table from a CSV file and loads it, all or nothing.
 *
 * <p>A first pass ({@link CsvProfile}) checks every record and infers the column types before the
 * database is touched. The table is then created and filled in one transaction with a batched
 * {@link PreparedStatement}; on any failure the transaction is rolled back and the new table
 * dropped, since many databases (H2 among them) commit DDL at once. Replacing a table loads a
 * staging copy first and swaps it in only when the load has succeeded, so a failed replace leaves
 * the old table as it was.
 */
public final class CsvTableLoader {
  /** Rows sent to the database per batch. */
  public static final int BATCH_SIZE = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger(CsvTableLoader.class);
  /** SQLState for "base table or view already exists". */
  private static final String TABLE_EXISTS = "42S01";

  private final Connection connection;
  private final char delimiter;

  public CsvTableLoader(Connection connection, char delimiter) {
    this.connection = connection;
    this.delimiter = delimiter;
  }

  /**
   * Loads {@code file} into the new table {@code table}.
   *
   * @param replace whether an existing table of that name is replaced; if false it is an error
   * @return the number of rows loaded
   */
  public long load(Path file, TableName table, boolean replace)
      throws IOException, SQLException, MalformedCsvException {
    long started = System.nanoTime();
    CsvProfile profile = CsvProfile.of(file, delimiter);
    LOG.debug("Checked {} rows of {} in {} ms: columns {}, types {}", profile.rows(), file,
        millisSince(started), profile.columns(), profile.types());
    boolean exists = exists(table);
    if (exists && !replace) {
      throw new SQLException(
          "Table " + table + " already exists; use --replace to replace it", TABLE_EXISTS);
    }
    TableName target = exists ? table.staging() : table;
    if (exists) {
      execute("DROP TABLE IF EXISTS " + target.sql());
    }
    execute(createTable(target, profile));
    long rows = fill(file, target, profile);
    LOG.debug("Inserted and committed {} rows into {} after {} ms",
        rows, target, millisSince(started));
    if (exists) {
      swap(target, table);
      LOG.debug("Replaced {} after {} ms", table, millisSince(started));
    }
    return rows;
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  private long fill(Path file, TableName target, CsvProfile profile)
      throws IOException, SQLException, MalformedCsvException {
    boolean autoCommit = connection.getAutoCommit();
    try {
      connection.setAutoCommit(false);
      long rows = insertRows(file, target, profile);
      connection.commit();
      connection.setAutoCommit(autoCommit);
      return rows;
    } catch (IOException | SQLException | MalformedCsvException | RuntimeException e) {
      discard(target, autoCommit, e);
      throw e;
    }
  }

  private long insertRows(Path file, TableName target, CsvProfile profile)
      throws IOException, SQLException, MalformedCsvException {
    List<ColumnType> types = profile.types();
    String sql = "INSERT INTO " + target.sql() + " (" + columnList(profile) + ") VALUES ("
        + String.join(", ", Collections.nCopies(types.size(), "?")) + ")";
    try (CsvRowReader reader = CsvRowReader.open(file, delimiter);
         PreparedStatement insert = connection.prepareStatement(sql)) {
      reader.readHeader();
      long rows = 0;
      for (String[] fields = reader.next(); fields != null; fields = reader.next()) {
        for (int i = 0; i < fields.length; i++) {
          bind(insert, i + 1, types.get(i), fields[i]);
        }
        insert.addBatch();
        if (++rows % BATCH_SIZE == 0) {
          insert.executeBatch();
        }
      }
      if (rows % BATCH_SIZE != 0) {
        insert.executeBatch();
      }
      if (rows != profile.rows()) {
        throw new IOException(file + " changed while it was being loaded");
      }
      return rows;
    }
  }

  private static void bind(PreparedStatement insert, int parameter, ColumnType type, String value)
      throws SQLException {
    if (value.isEmpty()) {
      insert.setNull(parameter, type.jdbcType());
      return;
    }
    switch (type) {
      case BOOLEAN -> insert.setBoolean(parameter, Boolean.parseBoolean(value.strip()));
      case BIGINT -> insert.setLong(parameter, Long.parseLong(value.strip()));
      case DOUBLE -> insert.setDouble(parameter, Double.parseDouble(value.strip()));
      case VARCHAR -> insert.setString(parameter, value);
    }
  }

  /** Rolls back, restores auto-commit and drops {@code target}, keeping {@code failure} primary. */
  private void discard(TableName target, boolean autoCommit, Exception failure) {
    try {
      connection.rollback();
      connection.setAutoCommit(autoCommit);
    } catch (SQLException | RuntimeException e) {
      failure.addSuppressed(e);
    }
    drop(target, failure);
  }

  private void drop(TableName target, Exception failure) {
    try {
      execute("DROP TABLE IF EXISTS " + target.sql());
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private void swap(TableName staging, TableName table) throws SQLException {
    try {
      execute("DROP TABLE " + table.sql());
    } catch (SQLException e) {
      drop(staging, e);
      throw e;
    }
    try {
      execute("ALTER TABLE " + staging.sql() + " RENAME TO " + SqlNames.quote(table.table()));
    } catch (SQLException e) {
      throw new SQLException("The rows were loaded into " + staging + " but it could not be renamed"
          + " to " + table + ": " + e.getMessage(), e.getSQLState(), e);
    }
  }

  private boolean exists(TableName table) throws SQLException {
    String schema = table.schema() != null ? table.schema() : connection.getSchema();
    // The names are patterns ('_' matches any character), so keep exact matches only.
    try (ResultSet tables = connection.getMetaData().getTables(null, schema, table.table(), null)) {
      while (tables.next()) {
        if (table.table().equals(tables.getString("TABLE_NAME"))
            && (schema == null || schema.equals(tables.getString("TABLE_SCHEM")))) {
          return true;
        }
      }
    }
    return false;
  }

  private static String createTable(TableName table, CsvProfile profile) {
    StringBuilder sql = new StringBuilder("CREATE TABLE ").append(table.sql()).append(" (");
    for (int i = 0; i < profile.columns().size(); i++) {
      sql.append(i == 0 ? "" : ", ")
          .append(SqlNames.quote(profile.columns().get(i)))
          .append(' ')
          .append(profile.types().get(i).sqlName());
    }
    return sql.append(')').toString();
  }

  private static String columnList(CsvProfile profile) {
    return profile.columns().stream().map(SqlNames::quote).collect(Collectors.joining(", "));
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}

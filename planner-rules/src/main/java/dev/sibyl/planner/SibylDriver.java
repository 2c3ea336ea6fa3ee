package dev.sibyl.planner;

import dev.sibyl.planner.connection.BackingDatabase;
import dev.sibyl.planner.connection.BackingDatabases;
import dev.sibyl.planner.connection.ErrorTranslation;
import dev.sibyl.planner.connection.SibylConnectionConfig;
import dev.sibyl.planner.connection.SibylSessions;
import dev.sibyl.planner.prepare.SibylPrepare;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import dev.sibyl.planner.connection.SourceDialects;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Handler;
import org.apache.calcite.avatica.HandlerImpl;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.schema.SchemaPlus;

/**
 * The {@code jdbc:sibyl:} JDBC driver: Calcite with Sibyl's parser, functions and statements, over
 * a backing database (an embedded H2 file by default).
 *
 * <p>URL: {@code jdbc:sibyl:} followed by optional {@code key=value} pairs separated by {@code ;}
 * (see {@link SibylConnectionConfig} for the keys), e.g. {@code jdbc:sibyl:db=mem:test}.
 */
public final class SibylDriver extends Driver {
  /** The URL prefix this driver accepts. */
  public static final String PREFIX = "jdbc:sibyl:";

  static {
    new SibylDriver().register();
  }

  public SibylDriver() {
    super(SibylPrepare::new);
  }

  @Override
  protected String getConnectStringPrefix() {
    return PREFIX;
  }

  @Override
  protected DriverVersion createDriverVersion() {
    return new DriverVersion(
        "Sibyl JDBC Driver", "0.1.0", "Sibyl", "0.1.0", true, 0, 1, 0, 1);
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    Properties withDefaults = new Properties();
    withDefaults.setProperty("parserFactory", "dev.sibyl.planner.parser.SibylParserImpl#FACTORY");
    withDefaults.setProperty("quoting", "DOUBLE_QUOTE");
    withDefaults.setProperty("unquotedCasing", "TO_UPPER");
    withDefaults.setProperty("quotedCasing", "UNCHANGED");
    withDefaults.setProperty("caseSensitive", "false");
    withDefaults.setProperty("defaultNullCollation", "LOW");
    if (info != null) {
      withDefaults.putAll(info);
    }
    return ErrorTranslation.wrap(super.connect(url, withDefaults));
  }

  @Override
  protected Handler createHandler() {
    Handler calcite = super.createHandler();
    return new HandlerImpl() {
      @Override
      public void onConnectionInit(AvaticaConnection connection) throws SQLException {
        calcite.onConnectionInit(connection);
        CalciteConnection calciteConnection = (CalciteConnection) connection;
        SibylConnectionConfig config =
            SibylConnectionConfig.from(calciteConnection.getProperties());
        BackingDatabase database = BackingDatabases.acquire(config);
        try {
          String defaultSchema = mountSchemas(calciteConnection.getRootSchema(), database);
          calciteConnection.setSchema(defaultSchema);
        } catch (SQLException | RuntimeException e) {
          BackingDatabases.release(database);
          throw e;
        }
        SibylSessions.attach(calciteConnection, database);
      }

      @Override
      public void onConnectionClose(AvaticaConnection connection) {
        calcite.onConnectionClose(connection);
        BackingDatabase database = SibylSessions.detach(connection);
        if (database != null) {
          BackingDatabases.release(database);
        }
      }
    };
  }

  /** Adds each schema of the backing database under the root; returns the default schema. */
  private static String mountSchemas(SchemaPlus root, BackingDatabase database)
      throws SQLException {
    List<String> names = new ArrayList<>();
    String current;
    try (Connection connection = database.dataSource().getConnection()) {
      current = connection.getSchema();
      try (ResultSet schemas = connection.getMetaData().getSchemas()) {
        while (schemas.next()) {
          names.add(schemas.getString("TABLE_SCHEM"));
        }
      }
    }
    for (String name : names) {
      if (name.toUpperCase(Locale.ROOT).equals("INFORMATION_SCHEMA")
          || name.toLowerCase(Locale.ROOT).startsWith("pg_")) {
        continue;
      }
      SchemaPlus schema =
          root.add(name, JdbcSchema.create(root, name, database.dataSource(),
              SourceDialects.INSTANCE, null, name));
      schema.setCacheEnabled(false);
    }
    return current != null ? current : "PUBLIC";
  }
}

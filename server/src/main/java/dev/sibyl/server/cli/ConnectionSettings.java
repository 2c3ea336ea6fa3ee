package dev.sibyl.server.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.avatica.ConnectStringParser;

/**
 * How the CLI reaches its database: a JDBC driver class, a URL and connection properties.
 *
 * @param driverClass the driver, loaded before connecting so that it registers itself
 * @param url the JDBC URL
 * @param properties connection properties; {@link #urlWithProperties()} assumes the driver
 *     also reads them from the URL in Calcite's {@code key=value;key=value} syntax, as
 *     {@code jdbc:sibyl:} does
 */
public record ConnectionSettings(String driverClass, String url, Map<String, String> properties) {
  /** SQLState for "unable to establish connection". */
  private static final String CANNOT_CONNECT = "08001";

  public ConnectionSettings {
    properties = Map.copyOf(properties);
  }

  /** Settings for {@code url} with no properties. */
  public static ConnectionSettings of(String driverClass, String url) {
    return new ConnectionSettings(driverClass, url, Map.of());
  }

  /** Opens a connection. */
  public Connection open() throws SQLException {
    loadDriver();
    Properties info = new Properties();
    info.putAll(properties);
    return DriverManager.getConnection(url, info);
  }

  /** Loads the driver class, so that tools which connect by URL alone find it. */
  public void loadDriver() throws SQLException {
    try {
      Class.forName(driverClass);
    } catch (ClassNotFoundException e) {
      throw new SQLException(CliMessages.driverMissing(driverClass), CANNOT_CONNECT, e);
    }
  }

  /** The URL with the properties appended, for tools that take a URL only, such as sqlline. */
  public String urlWithProperties() {
    if (properties.isEmpty()) {
      return url;
    }
    Properties info = new Properties();
    info.putAll(properties);
    return url + ConnectStringParser.getParamString(info);
  }
}

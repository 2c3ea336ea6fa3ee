package dev.sibyl.server.output;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Writes result sets, one after the other, in one output format. */
public interface ResultWriter {
  /** Writes every row of {@code rs} and returns how many there were. */
  long write(ResultSet rs) throws SQLException, IOException;
}

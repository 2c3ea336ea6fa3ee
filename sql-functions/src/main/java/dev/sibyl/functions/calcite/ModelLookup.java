package dev.sibyl.functions.calcite;

import dev.sibyl.registry.ModelRef;
import dev.sibyl.registry.StoredModel;
import java.sql.SQLException;

/** Finds the model a PREDICT call names; supplied by the connection that prepares the query. */
public interface ModelLookup {
  /** Resolves and loads a model reference; an error naming the model if it cannot. */
  StoredModel load(ModelRef ref) throws SQLException;

  /** An id for the registry behind this lookup, unique within the JVM. */
  String registryId();
}

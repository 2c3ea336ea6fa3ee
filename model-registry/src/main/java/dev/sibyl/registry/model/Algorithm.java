package dev.sibyl.registry.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The learning algorithms Sibyl knows, each with the stable numeric id written into model payloads.
 *
 * <p>The ids are part of the storage format: never renumber or reuse one (a test pins them).
 * Ids 3 to 19 are kept for the tree family; the other model types start at 20.
 */
public enum Algorithm {
  LINEAR_REGRESSION(1, "linear_regression"),
  LOGISTIC_REGRESSION(2, "logistic_regression"),
  DECISION_TREE(6, "decision_tree"),
  RANDOM_FOREST(7, "random_forest"),
  GRADIENT_BOOSTING(8, "gradient_boosting"),
  RIDGE(20, "ridge"),
  LASSO(21, "lasso"),
  ELASTIC_NET(22, "elastic_net"),
  NAIVE_BAYES(23, "naive_bayes"),
  KMEANS(24, "kmeans"),
  LINEAR_SVM(25, "linear_svm"),
  MLP(26, "mlp");

  private final int id;
  private final String sqlName;

  Algorithm(int id, String sqlName) {
    this.id = id;
    this.sqlName = sqlName;
  }

  /** The id stored in the payload header. */
  public int id() {
    return id;
  }

  /** The name users write in {@code WITH (type = '...')}. */
  public String sqlName() {
    return sqlName;
  }

  /** Finds an algorithm by the name users write, ignoring case. */
  public static Optional<Algorithm> fromSqlName(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    for (Algorithm a : values()) {
      if (a.sqlName.equals(wanted)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** Finds an algorithm by its payload id. */
  public static Optional<Algorithm> fromId(int id) {
    for (Algorithm a : values()) {
      if (a.id == id) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}

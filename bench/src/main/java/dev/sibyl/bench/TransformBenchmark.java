package dev.sibyl.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of a TRANSFORM at scoring time: by-name {@code PREDICT('tf')} over the raw columns,
 * where a 5-expression TRANSFORM (two learned scalings, a product, a logarithm and a CASE) computes
 * the features, against positional {@code PREDICT('pre', f1..f5)} of the same kind of model over a
 * table holding the same features precomputed (by the same frozen expressions). Both tables have an
 * id, five value columns and the label, so each query reads as many columns.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3)
@Measurement(iterations = 7)
public class TransformBenchmark {
  private static final String TRANSFORM = "STANDARD_SCALE(x1) AS f1, x2 * x3 AS f2,"
      + " LN(ABS(x4) + 1) AS f3, CASE WHEN x5 > 0 THEN x5 ELSE 0 END AS f4,"
      + " MIN_MAX_SCALE(x1 + x2) AS f5";

  @Param("1000000")
  public int rows;

  private BenchDatabase database;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    database = new BenchDatabase(rows, 11);
    try (Statement h2 = database.h2().createStatement()) {
      // Quoted upper-case names: the frozen TRANSFORM quotes them so, and PostgreSQL would
      // otherwise store them in lower case.
      h2.execute("CREATE TABLE TF_RAW AS SELECT ID AS \"ID\", X1 AS \"X1\", X2 AS \"X2\","
          + " X3 AS \"X3\", X4 AS \"X4\", X5 AS \"X5\", Y AS \"Y\" FROM BENCH");
    }
    try (Statement s = database.sibyl().createStatement()) {
      s.executeQuery("CREATE MODEL bench_tf TRANSFORM (" + TRANSFORM + ")"
          + " WITH (type = 'linear_regression', label = 'y')"
          + " AS SELECT x1, x2, x3, x4, x5, y FROM tf_raw WHERE id < 100000").close();
    }
    try (Statement h2 = database.h2().createStatement()) {
      h2.execute("CREATE TABLE TF_PRE AS SELECT \"ID\", " + String.join(", ", frozenItems())
          + ", \"Y\" FROM TF_RAW");
    }
    try (Statement s = database.sibyl().createStatement()) {
      s.executeQuery("CREATE MODEL bench_pre WITH (type = 'linear_regression', label = 'y')"
          + " AS SELECT f1, f2, f3, f4, f5, y FROM tf_pre WHERE id < 100000").close();
    }
  }

  /** The frozen TRANSFORM items as the registry shows them, each cast to DOUBLE PRECISION. */
  private List<String> frozenItems() throws SQLException {
    List<String> items = new ArrayList<>();
    Connection h2 = database.h2();
    try (Statement s = h2.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT TRANSFORM FROM SIBYL.MODELS WHERE NAME = 'BENCH_TF'")) {
      rs.next();
      for (String line : rs.getString(1).split(",\n")) {
        int as = line.lastIndexOf(" AS ");
        items.add("CAST(" + line.substring(0, as) + " AS DOUBLE PRECISION)" + line.substring(as));
      }
    }
    return items;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    database.close();
  }

  /** Baseline: positional PREDICT over the precomputed features. */
  @Benchmark
  public double precomputed() throws SQLException {
    return sum("SELECT id, PREDICT('bench_pre', f1, f2, f3, f4, f5) FROM tf_pre");
  }

  /** By-name PREDICT over the raw columns, the TRANSFORM computing the features. */
  @Benchmark
  public double transformByName() throws SQLException {
    return sum("SELECT id, PREDICT('bench_tf') FROM tf_raw");
  }

  private double sum(String query) throws SQLException {
    double sum = 0;
    try (Statement s = database.sibyl().createStatement();
        ResultSet rs = s.executeQuery(query)) {
      while (rs.next()) {
        sum += rs.getLong(1) + rs.getDouble(2);
      }
    }
    return sum;
  }
}

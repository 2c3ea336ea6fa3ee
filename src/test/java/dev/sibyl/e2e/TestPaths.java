package dev.sibyl.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Where the end-to-end tests find the repository and put what they write. */
final class TestPaths {
  /** The repository root (Maven passes it as {@code sibyl.root}). */
  static final Path ROOT =
      Path.of(System.getProperty("sibyl.root", ".")).toAbsolutePath().normalize();
  /** The Quidem scripts. */
  static final Path SQL_TESTS = ROOT.resolve("sql/test");
  /** Scripts whose output over PostgreSQL differs from H2's: PostgreSQL-only copies. */
  static final Path POSTGRES_SQL_TESTS = SQL_TESTS.resolve("postgresql");
  /** The example datasets. */
  static final Path DATA = ROOT.resolve("sql/examples/data");
  /** The runnable jar the CLI tests start. */
  static final Path SIBYL_JAR = ROOT.resolve("server/target/sibyl.jar");

  private TestPaths() {}

  /** This module's build directory (Maven passes it as {@code sibyl.build}). */
  static Path buildDirectory() {
    return Path.of(System.getProperty("sibyl.build", ROOT.resolve("src/test/target").toString()));
  }

  /** Where {@link SqlScriptTest} writes the actual output of each script. */
  static Path quidemOutput() {
    return buildDirectory().resolve("quidem");
  }

  /** Every {@code .iq} script under {@link #SQL_TESTS} but the PostgreSQL-only ones, sorted. */
  static List<Path> sqlScripts() throws IOException {
    try (Stream<Path> files = Files.walk(SQL_TESTS)) {
      return files.filter(p -> p.toString().endsWith(".iq") && !p.startsWith(POSTGRES_SQL_TESTS))
          .sorted().collect(Collectors.toList());
    }
  }

  /** Every {@code .iq} script under {@link #POSTGRES_SQL_TESTS}, sorted. */
  static List<Path> postgresOnlySqlScripts() throws IOException {
    try (Stream<Path> files = Files.walk(POSTGRES_SQL_TESTS)) {
      return files.filter(p -> p.toString().endsWith(".iq")).sorted().collect(Collectors.toList());
    }
  }
}

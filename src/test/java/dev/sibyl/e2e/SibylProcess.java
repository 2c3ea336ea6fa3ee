package dev.sibyl.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the {@code ./sibyl} launcher as a user would: a separate process from the repository root. */
final class SibylProcess {
  /** A safety net against a hung process, far above any normal run; not a performance check. */
  private static final long TIMEOUT_MINUTES = 10;

  /** What a finished process left behind. */
  record Result(int exitCode, String stdout, String stderr) {
    /** Everything, for assertion messages. */
    String describe() {
      return "exit code " + exitCode + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
    }
  }

  private SibylProcess() {}

  /** Runs {@code ./sibyl ARGS...} and waits for it to end. */
  static Result run(Path scratch, String... args) throws IOException, InterruptedException {
    Path launcher = TestPaths.ROOT.resolve("sibyl");
    assertTrue(Files.isExecutable(launcher), "the launcher " + launcher + " is missing");
    assertTrue(Files.isRegularFile(TestPaths.SIBYL_JAR),
        TestPaths.SIBYL_JAR + " is missing: build with mvn install first");
    List<String> command = new ArrayList<>();
    command.add(launcher.toString());
    command.addAll(List.of(args));
    Path stdout = Files.createTempFile(scratch, "stdout", ".txt");
    Path stderr = Files.createTempFile(scratch, "stderr", ".txt");
    Process process = new ProcessBuilder(command)
        .directory(TestPaths.ROOT.toFile())
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile())
        .start();
    process.getOutputStream().close();
    if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("sibyl " + String.join(" ", args) + " did not end in "
          + TIMEOUT_MINUTES + " minutes");
    }
    return new Result(
        process.exitValue(),
        Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
  }
}

package io.pipewright.local;

import static io.pipewright.local.Pipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.model.InputMode;
import io.pipewright.model.Pipeline;
import io.pipewright.model.SparkEntry;
import io.pipewright.model.SparkSettings;
import io.pipewright.model.SparkStep;
import io.pipewright.model.Step;
import io.pipewright.workspace.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spark driver whose JVM cannot start, started for real: the step's cause names why (the JVM's
 * own reason, wherever java printed it), not a later symptom; "Show in log" goes to that line; the
 * dependant is not run. A JVM refusing its options fails within a second; Spark refusing a heap
 * too small and Spark failing on a Java too new each need Spark's start (10–20 s on a quiet
 * machine): they are the failures users met, so they run for real. Spark's module options hold
 * {@code -XX:+IgnoreUnrecognizedVMOptions}, so an unknown option in a compute's jvmOptions is
 * ignored, not refused: FailureCauseTest covers "Unrecognized VM option" from java's own output.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JvmStartFailureRunTest {

  @TempDir static Path temp;
  private EngineFixture fx;

  @BeforeAll
  void workspace() throws Exception {
    fx = new EngineFixture(temp);
    fx.source("one.sql", "SELECT 1 AS one;\n");
  }

  @AfterAll
  void close() {
    fx.close();
  }

  /** A SQL step on {@code compute} with {@code driverMemory}, and a second SQL step after it. */
  private static Pipeline twoSteps(String compute, String driverMemory) {
    SparkSettings settings = new SparkSettings(driverMemory, 1, "1g", 1, 1, null, null, null, null, null, null);
    Step first = Pipelines.step("first", new SparkStep(new SparkEntry.Sql("one.sql"), settings), List.of(),
        InputMode.DIRECT, List.of("out"), List.of(), null);
    first = new Step(first.id(), first.name(), null, first.kind(), compute, ".", first.inputs(), first.outputs(),
        first.arguments(), first.environment(), false);
    return pipeline("jvm-" + compute)
        .add(first)
        .add(Pipelines.step("after", new SparkStep(new SparkEntry.Sql("one.sql"), SparkSettings.DEFAULTS),
            List.of("in"), InputMode.DIRECT, List.of(), List.of(), null))
        .edge("first.out", "after.in")
        .build();
  }

  private String failedCause(String compute, String driverMemory) throws Exception {
    assertThat(fx.run(twoSteps(compute, driverMemory))).isEqualTo(RunStatus.FAILED);
    fx.assertStatus("first", RunStatus.FAILED);
    fx.assertStatus("after", RunStatus.NOT_STARTED);
    return fx.child("first").message();
  }

  /** The line "Show in log" goes to for the failed step. */
  private String failureLine() throws Exception {
    var failure = fx.workspace.stepDetails(fx.lastRunId, "first").failure().orElseThrow();
    return fx.log("first", failure.stream()).lines().toList().get((int) failure.line() - 1);
  }

  @Test
  void aHeapTheJvmRefusesIsTheCauseThoughJavaPrintsItOnStdout() throws Exception {
    fx.workspace.attachCompute("big-initial-heap", "local-spark", Map.of("jvmOptions", "-Xms2g"));

    String cause = failedCause("big-initial-heap", "1g");

    assertThat(cause).isEqualTo("Spark driver exited with code 1: the JVM could not start: Initial heap size set to a "
        + "larger value than the maximum heap size");
    var failure = fx.workspace.stepDetails(fx.lastRunId, "first").failure().orElseThrow();
    assertThat(failure.stream()).isEqualTo(io.pipewright.workspace.LogStream.DRIVER_STDOUT);
    assertThat(failureLine()).isEqualTo("Initial heap size set to a larger value than the maximum heap size");
  }

  @Test
  void aStackTooSmallIsRefusedWhenAttachedInJavasWordsNotAtTheRun() throws Exception {
    // Spark's start options make the JVM skip options it does not know, so the Java of the target is
    // asked when the options are set; what it refuses never reaches a run (FailureCauseTest covers the
    // cause a run would give, for options saved by a Pipewright that did not check them).
    assertThatThrownBy(() -> fx.workspace.attachCompute("tiny-stack", "local-spark", Map.of("jvmOptions", "-Xss1k")))
        .isInstanceOf(io.pipewright.workspace.InvalidFieldsException.class)
        .hasMessageStartingWith("JVM options are refused by the Java Spark runs on: The Java thread stack size"
            + " specified is too small. Specify at least ");
    assertThat(fx.workspace.compute("tiny-stack")).isEmpty();
  }

  @Test
  void aDriverMemorySparkRefusesIsTheCauseNotTheErrorsOfItsShutdown() throws Exception {
    String cause = failedCause("local-spark", "100m");

    assertThat(cause).isEqualTo("Spark driver exited with code 1: Spark could not start: [INVALID_DRIVER_MEMORY] "
        + "System memory 104857600 must be at least 471859200 (raise the driver memory to 450m or more)");
    assertThat(failureLine()).contains("[INVALID_DRIVER_MEMORY] System memory 104857600 must be at least 471859200");
  }

  @Test
  void aJavaTooNewForSparkIsRefusedWhenAttached() throws Exception {
    Path tooNew = javaNewerThan21().orElseThrow(() -> new AssertionError("no Java newer than 21 under /usr/lib/jvm"));

    assertThatThrownBy(() -> fx.workspace.attachCompute("java-too-new", "local-spark",
        Map.of("javaHome", tooNew.toString())))
        .hasMessageContaining("Java home " + tooNew + " is Java").hasMessageContaining("Spark needs Java 17 to 21");
  }

  @Test
  void aJavaTooNewThatSaysItIsJava17IsTheCauseWhenSparkFailsOnIt() throws Exception {
    Path tooNew = javaNewerThan21().orElseThrow(() -> new AssertionError("no Java newer than 21 under /usr/lib/jvm"));
    // A Java home whose release file says 17 but whose java is a newer one (a JDK upgraded in place)
    Path home = Files.createDirectories(temp.resolve("java-upgraded-in-place/bin"));
    Files.writeString(home.resolveSibling("release"), "JAVA_VERSION=\"17.0.15\"\n");
    Files.createSymbolicLink(home.resolve("java"), tooNew.resolve("bin/java"));
    fx.workspace.attachCompute("java-upgraded", "local-spark",
        Map.of("javaHome", home.getParent().toString(), "classDataSharing", "false"));

    String cause = failedCause("java-upgraded", "1g");

    assertThat(cause).contains("this Java is too new for Spark (it needs Java 17 to 21)");
  }

  private static Optional<Path> javaNewerThan21() throws Exception {
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    try (Stream<Path> homes = Files.list(jvms)) {
      return homes.filter(h -> io.pipewright.workspace.JavaHome.featureVersion(h).orElse(0) > 21)
          .filter(h -> Files.isExecutable(h.resolve("bin/java"))).sorted().findFirst();
    }
  }
}

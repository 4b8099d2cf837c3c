package io.pipewright.local;

import static io.pipewright.local.Pipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.model.DatasetKind;
import io.pipewright.model.InputMode;
import io.pipewright.model.Pipeline;
import io.pipewright.model.SparkEntry;
import io.pipewright.model.SparkSettings;
import io.pipewright.model.SparkStep;
import io.pipewright.workspace.LogStream;
import io.pipewright.workspace.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cold SQL step handed to a Spark driver started ahead (SparkBootstrap, BootstrapDriver in
 * spark-runtime): the same outputs, logs and failures as a driver started for the step, on real Spark.
 */
class SparkBootstrapTest {

  @TempDir Path temp;
  private EngineFixture fx;

  private static final String PEOPLE = "name,age\nAda,36\nAlan,41\nTim,12\n";

  @BeforeEach
  void workspace() throws Exception {
    fx = new EngineFixture(temp);
    fx.data("people/people.csv", PEOPLE);
    fx.source("adults.sql", "SELECT count(*) AS n FROM people;\n"
        + "CREATE OR REPLACE TEMPORARY VIEW adults AS SELECT name, age FROM people WHERE age >= 18 ORDER BY name;\n");
    fx.source("broken.sql", "SELECT * FROM people;\n\nSELECT 1 / 0 AS boom;\n");
  }

  @AfterEach
  void close() {
    SparkBootstrap.discardWaiting();
    fx.close();
  }

  private Pipeline adults(String sql) {
    return pipeline("adults").dataset("people", DatasetKind.TABULAR, "people/people.csv")
        .sql("adults", sql, List.of("people"), List.of("adults")).edge("people", "adults.people").build();
  }

  @Test
  void aStepHandedToTheDriverStartedAheadGivesWhatAColdDriverGives() throws Exception {
    assertThat(fx.run(adults("adults.sql"))).isEqualTo(RunStatus.COMPLETED);
    String coldRun = fx.lastRunId;
    assertThat(fx.log("adults", LogStream.PIPEWRIGHT)).doesNotContain("started ahead");
    assertThat(UserCache.directory().resolve("bootstrap/driver-jvm")).as("the driver's JVM remembered").exists();

    LocalWorkspace.startSparkDriverAhead();
    assertThat(fx.run(adults("adults.sql"), true)).isEqualTo(RunStatus.COMPLETED);

    fx.assertStatus("adults", RunStatus.COMPLETED);
    assertThat(fx.log("adults", LogStream.PIPEWRIGHT)).contains("started ahead");
    assertThat(csv(fx.lastRunId)).isEqualTo(csv(coldRun)).isEqualTo("name,age\nAda,36\nAlan,41\n");
    assertThat(fx.stdout("adults")).isEqualTo(fx.log(coldRun, "adults", LogStream.DRIVER_STDOUT)
        .replace(fx.workspace.stepDirectory(coldRun, "adults").toString(),
            fx.workspace.stepDirectory(fx.lastRunId, "adults").toString()));
    assertThat(fx.log("adults", LogStream.DRIVER_STDERR))
        .as("Spark's log goes to the step's stderr once the step is handed over")
        .contains("SparkContext: Running Spark version");
    assertThat(fx.pid(fx.lastRunId, "adults")).as("the driver's pid recorded").isPositive();
  }

  @Test
  void aFailingStepFailsWithTheSameCauseAndExitCode() throws Exception {
    assertThat(fx.run(adults("broken.sql"))).isEqualTo(RunStatus.FAILED);
    String coldMessage = fx.child("adults").message();

    LocalWorkspace.startSparkDriverAhead();
    assertThat(fx.run(adults("broken.sql"), true)).isEqualTo(RunStatus.FAILED);

    assertThat(fx.log("adults", LogStream.PIPEWRIGHT)).contains("started ahead");
    assertThat(fx.child("adults").message()).isEqualTo(coldMessage).contains("DIVIDE_BY_ZERO");
    assertThat(fx.workspace.stepDetails(fx.lastRunId, "adults").exitCode()).isEqualTo(1);
  }

  @Test
  void aDriverStartedAheadForAnotherJvmEndsUnusedAndTheStepStartsItsOwn() throws Exception {
    assertThat(fx.run(adults("adults.sql"))).isEqualTo(RunStatus.COMPLETED);
    LocalWorkspace.startSparkDriverAhead();
    long ahead = waitingPid();

    SparkSettings more = new SparkSettings("1500m", 1, "1500m", 1, 1, null, null, null, null, null, null);
    Pipeline bigger = pipeline("adults").dataset("people", DatasetKind.TABULAR, "people/people.csv")
        .add(Pipelines.step("adults", new SparkStep(new SparkEntry.Sql("adults.sql"), more), List.of("people"),
            InputMode.DIRECT, List.of("adults"), List.of(), null))
        .edge("people", "adults.people").build();
    assertThat(fx.run(bigger, true)).isEqualTo(RunStatus.COMPLETED);

    assertThat(fx.log("adults", LogStream.PIPEWRIGHT)).doesNotContain("started ahead");
    ProcessHandle.of(ahead).ifPresent(p -> assertThat(p.onExit()).succeedsWithin(Duration.ofSeconds(30)));
  }

  /** The pid of the driver waiting now: the newest BootstrapDriver JVM of this user. */
  private static long waitingPid() {
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      return all.filter(p -> p.info().commandLine().orElse("").contains(SparkBootstrap.MAIN_CLASS))
          .max(java.util.Comparator.comparing(p -> p.info().startInstant().orElse(java.time.Instant.EPOCH)))
          .map(ProcessHandle::pid).orElseThrow(() -> new AssertionError("no driver started ahead"));
    }
  }

  private String csv(String runId) throws Exception {
    Path out = fx.workspace.stepDirectory(runId, "adults").resolve("outputs/adults");
    try (Stream<Path> files = Files.list(out)) {
      StringBuilder all = new StringBuilder();
      for (Path part : files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList()) {
        all.append(Files.readString(part));
      }
      return all.toString();
    }
  }
}

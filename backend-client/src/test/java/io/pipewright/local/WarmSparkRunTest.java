package io.pipewright.local;

import static io.pipewright.local.Pipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.model.DatasetKind;
import io.pipewright.model.Environment;
import io.pipewright.model.InputMode;
import io.pipewright.model.OutputPort;
import io.pipewright.model.Pipeline;
import io.pipewright.model.PipelineFormat;
import io.pipewright.model.SparkEntry;
import io.pipewright.model.SparkSettings;
import io.pipewright.model.SparkStep;
import io.pipewright.model.Step;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.LogStream;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.StepSelection;
import io.pipewright.workspace.SubmitOptions;
import io.pipewright.workspace.WarmSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQL steps in the warm Spark driver, on real Spark (local mode, the bundled runtime), against the
 * same steps run cold: same outputs, exit codes and failure lines; each step its own logs; Stop of
 * one step only; a killed driver; what runs cold and why; the idle stop. The tests share one
 * workspace (and so one driver) and run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WarmSparkRunTest {

  private static final Path SAMPLES = Path.of(System.getProperty("pipewright.samples", "../resources/samples"));

  @TempDir static Path temp;
  private EngineFixture fx;
  private WarmDrivers warm;

  private static final String PEOPLE = "name,age,city\nAda,36,London\nAlan,41,Wilmslow\nGrace,85,Arlington\nTim,12,Oxford\n";

  @BeforeAll
  void workspace() throws Exception {
    fx = new EngineFixture(temp);
    warm = (WarmDrivers) fx.workspace.warmSpark().orElseThrow();
    fx.data("people/people.csv", PEOPLE);
    Files.createDirectories(fx.workspace.datastoreRoot("default").resolve("titanic"));
    Files.copy(SAMPLES.resolve("datastore/titanic/Titanic.csv"),
        fx.workspace.datastoreRoot("default").resolve("titanic/Titanic.csv"));
    for (String file : List.of("titanic.pipeline.json", "prep.sql")) {
      Files.copy(SAMPLES.resolve("titanic").resolve(file), fx.sources.resolve(file));
    }
    fx.source("adults.sql", "SELECT * FROM people ORDER BY name;\n"
        + "CREATE OR REPLACE TEMPORARY VIEW adults AS SELECT name, age FROM people WHERE age >= 18;\n");
    fx.source("older.sql", "SELECT 'marker-older' AS m;\n"
        + "CREATE OR REPLACE TEMPORARY VIEW older AS SELECT name, age + 10 AS age FROM adults ORDER BY name;\n");
    fx.source("divide.sql", "SELECT 1 AS one;\n\nSELECT 1 / 0 AS boom;\n");
    fx.source("busy.sql", """
        CREATE OR REPLACE TEMPORARY VIEW totals AS
          SELECT id % 101 AS k, count(*) AS n, sum(id) AS s FROM range(0, 50000000, 1, 6) GROUP BY id % 101;
        CREATE OR REPLACE TEMPORARY VIEW busy AS SELECT * FROM totals ORDER BY s DESC;
        """);
    fx.source("quick.sql", "SELECT 'marker-quick' AS m;\n");
    fx.source("other.sql", "SELECT 'marker-other' AS m;\n");
    fx.source("forever.sql", "SELECT 'marker-forever' AS m;\nSELECT count(*) FROM range(0, 100000000000000) a;\n");
  }

  @AfterAll
  void close() {
    fx.close();
  }

  private RunHandle submit(Pipeline pipeline, boolean warmSpark) throws Exception {
    return submit(pipeline, warmSpark, StepSelection.ALL, "test.pipeline.json");
  }

  private RunHandle submit(Pipeline pipeline, boolean warmSpark, StepSelection selection, String file)
      throws Exception {
    RunHandle run = fx.workspace.submit(pipeline,
        new SubmitOptions(null, fx.sources.resolve(file), Map.of(), true, null, selection).withWarmSpark(warmSpark));
    fx.lastRunId = run.runId();
    return run;
  }

  private RunStatus run(Pipeline pipeline, boolean warmSpark) throws Exception {
    return await(submit(pipeline, warmSpark));
  }

  private static RunStatus await(RunHandle run) throws Exception {
    return run.await(Duration.ofMinutes(3)).orElseThrow(() -> new AssertionError("run did not end in 3 minutes"));
  }

  /** The content of the CSV part files of an output directory, in file-name order. */
  private static String parts(Path output) throws Exception {
    StringBuilder content = new StringBuilder();
    try (Stream<Path> files = Files.list(output)) {
      for (Path part : files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList()) {
        content.append(Files.readString(part, StandardCharsets.UTF_8));
      }
    }
    return content.toString();
  }

  private Path output(String runId, String stepId, String port) {
    return fx.workspace.stepDirectory(runId, stepId).resolve("outputs").resolve(port);
  }

  private Pipeline twoSteps() {
    return pipeline("two")
        .dataset("people", DatasetKind.TABULAR, "people/people.csv")
        .sql("adults", "adults.sql", List.of("people"), List.of("adults"))
        .sql("older", "older.sql", List.of("adults"), List.of("older"))
        .edge("people", "adults.people")
        .edge("adults.adults", "older.adults")
        .build();
  }

  private static Pipeline oneStep(String id, String sql) {
    return pipeline(id).sql(id, sql, List.of(), List.of()).build();
  }

  private static void waitUntil(String what, Duration timeout, WarmSpark spark, BooleanSupplier condition)
      throws Exception {
    CountDownLatch changed = new CountDownLatch(1);
    try (AutoCloseable listening = spark.addListener(() -> {
      if (condition.getAsBoolean()) {
        changed.countDown();
      }
    })) {
      if (!condition.getAsBoolean() && !changed.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("waited " + timeout + " for " + what);
      }
    }
  }

  @Test
  @Order(1)
  void theTitanicSamplesSqlStepWritesTheSameOutputWarmAsCold() throws Exception {
    Pipeline sample = PipelineFormat.read(fx.sources.resolve("titanic.pipeline.json")).pipeline();

    RunHandle cold = submit(sample, false, StepSelection.only("prep"), "titanic.pipeline.json");
    assertThat(await(cold)).isEqualTo(RunStatus.COMPLETED);
    RunHandle warmRun = submit(sample, true, StepSelection.only("prep"), "titanic.pipeline.json");
    assertThat(await(warmRun)).isEqualTo(RunStatus.COMPLETED);

    fx.assertStatus("prep", RunStatus.COMPLETED);
    assertThat(fx.log("prep", LogStream.PIPEWRIGHT)).contains("warm driver pid");
    assertThat(warm.drivers()).hasSize(1);
    String coldOut = parts(output(cold.runId(), "prep", "prepared"));
    assertThat(coldOut).startsWith("Survived,Pclass,Sex,Age");
    assertThat(parts(output(warmRun.runId(), "prep", "prepared"))).isEqualTo(coldOut);
    assertThat(fx.log(warmRun.runId(), "prep", LogStream.DRIVER_STDOUT))
        .isEqualTo(fx.log(cold.runId(), "prep", LogStream.DRIVER_STDOUT)
            .replace(cold.runId(), warmRun.runId()));
    assertThat(fx.workspace.stepDetails(warmRun.runId(), "prep").exitCode()).isZero();
  }

  @Test
  @Order(2)
  void aTwoStepPipelineWritesTheSameOutputsWarmAsCold() throws Exception {
    assertThat(run(twoSteps(), false)).isEqualTo(RunStatus.COMPLETED);
    String cold = fx.lastRunId;
    assertThat(run(twoSteps(), true)).isEqualTo(RunStatus.COMPLETED);
    String warmRun = fx.lastRunId;

    for (String[] output : new String[][] {{"adults", "adults"}, {"older", "older"}}) {
      String coldParts = parts(output(cold, output[0], output[1]));
      assertThat(coldParts).contains("Grace");
      assertThat(parts(output(warmRun, output[0], output[1]))).isEqualTo(coldParts);
    }
    assertThat(fx.log(warmRun, "older", LogStream.DRIVER_STDOUT)).contains("marker-older")
        .contains("wrote output 'older': 3 rows");
  }

  @Test
  @Order(2)
  void aRerunReadsItsInputFromTheDriversCacheWithTheSameOutputAndAChangedInputIsReadAgain() throws Exception {
    Pipeline sample = PipelineFormat.read(fx.sources.resolve("titanic.pipeline.json")).pipeline();
    RunHandle first = submit(sample, true, StepSelection.only("prep"), "titanic.pipeline.json");
    assertThat(await(first)).isEqualTo(RunStatus.COMPLETED);
    RunHandle again = submit(sample, true, StepSelection.only("prep"), "titanic.pipeline.json");
    assertThat(await(again)).isEqualTo(RunStatus.COMPLETED);

    String firstOut = parts(output(first.runId(), "prep", "prepared"));
    assertThat(parts(output(again.runId(), "prep", "prepared"))).isEqualTo(firstOut);
    assertThat(fx.log(again.runId(), "prep", LogStream.DRIVER_STDOUT))
        .isEqualTo(fx.log(first.runId(), "prep", LogStream.DRIVER_STDOUT).replace(first.runId(), again.runId()));

    // The passenger list without its last passenger: the next run counts one fewer, not the cached rows.
    Path csv = fx.workspace.datastoreRoot("default").resolve("titanic/Titanic.csv");
    String original = Files.readString(csv, StandardCharsets.UTF_8);
    String shorter = original.substring(0, original.stripTrailing().lastIndexOf('\n') + 1);
    try {
      Files.writeString(csv, shorter, StandardCharsets.UTF_8);
      RunHandle changed = submit(sample, true, StepSelection.only("prep"), "titanic.pipeline.json");
      assertThat(await(changed)).isEqualTo(RunStatus.COMPLETED);
      assertThat(fx.log(changed.runId(), "prep", LogStream.DRIVER_STDOUT)).contains("wrote output 'prepared': 890 rows");
    } finally {
      Files.writeString(csv, original, StandardCharsets.UTF_8);
    }
  }

  @Test
  @Order(3)
  void aFailingStepHasTheSameExitCodeAndFailureLineWarmAsCold() throws Exception {
    Pipeline divide = oneStep("divide", "divide.sql");
    assertThat(run(divide, false)).isEqualTo(RunStatus.FAILED);
    String cold = fx.lastRunId;
    assertThat(run(divide, true)).isEqualTo(RunStatus.FAILED);
    String warmRun = fx.lastRunId;

    assertThat(fx.log(warmRun, "divide", LogStream.PIPEWRIGHT)).contains("warm driver pid");
    var coldDetails = fx.workspace.stepDetails(cold, "divide");
    var warmDetails = fx.workspace.stepDetails(warmRun, "divide");
    assertThat(warmDetails.exitCode()).isEqualTo(coldDetails.exitCode()).isEqualTo(1);
    String coldMessage = fx.workspace.childRuns(cold).get(0).message();
    assertThat(coldMessage).contains("statement 2").contains("line 3").contains("DIVIDE_BY_ZERO");
    assertThat(fx.workspace.childRuns(warmRun).get(0).message()).isEqualTo(coldMessage);
    List<String> coldErr = fx.log(cold, "divide", LogStream.DRIVER_STDERR).lines().toList();
    List<String> warmErr = fx.log(warmRun, "divide", LogStream.DRIVER_STDERR).lines().toList();
    assertThat(warmErr.get(warmErr.size() - 1)).isEqualTo(coldErr.get(coldErr.size() - 1));
  }

  @Test
  @Order(4)
  void independentStepsRunInOneDriverEachWithItsOwnLogsAndStoppingOneLeavesTheOther() throws Exception {
    RunHandle forever = submit(oneStep("spin", "forever.sql"), true);
    fx.awaitStatus(forever, "spin", RunStatus.RUNNING);
    fx.awaitLogSize(forever.runId(), "spin", LogStream.DRIVER_STDOUT, "-- SELECT 'marker-forever'".length());
    long pid = warm.drivers().get(0).pid();

    // Two independent steps in one run, while the first still runs in the same driver.
    Pipeline both = pipeline("both").sql("quick", "quick.sql", List.of(), List.of())
        .sql("other", "other.sql", List.of(), List.of()).build();
    assertThat(run(both, true)).isEqualTo(RunStatus.COMPLETED);
    String bothRun = fx.lastRunId;

    assertThat(forever.await(Duration.ZERO)).isEmpty();
    assertThat(warm.drivers()).extracting(WarmSpark.Driver::pid).containsExactly(pid);
    String quick = fx.log(bothRun, "quick", LogStream.DRIVER_STDOUT);
    String other = fx.log(bothRun, "other", LogStream.DRIVER_STDOUT);
    assertThat(quick).contains("marker-quick").doesNotContain("marker-other").doesNotContain("marker-forever");
    assertThat(other).contains("marker-other").doesNotContain("marker-quick").doesNotContain("marker-forever");
    assertThat(fx.log(bothRun, "quick", LogStream.PIPEWRIGHT)).contains("warm driver pid " + pid);
    assertThat(fx.log(bothRun, "other", LogStream.PIPEWRIGHT)).contains("warm driver pid " + pid);
    String spinOut = fx.log(forever.runId(), "spin", LogStream.DRIVER_STDOUT);
    assertThat(spinOut).contains("marker-forever").doesNotContain("marker-quick").doesNotContain("marker-other");
    assertThat(fx.log(forever.runId(), "spin", LogStream.DRIVER_STDERR)).doesNotContain("quick.sql")
        .doesNotContain("other.sql");

    forever.cancel();

    assertThat(forever.await(Duration.ofSeconds(60))).contains(RunStatus.CANCELED);
    fx.lastRunId = forever.runId();
    fx.assertStatus("spin", RunStatus.CANCELED);
    assertThat(warm.drivers()).extracting(WarmSpark.Driver::pid).containsExactly(pid);
    assertThat(run(oneStep("quick", "quick.sql"), true)).isEqualTo(RunStatus.COMPLETED);
    assertThat(fx.log("quick", LogStream.PIPEWRIGHT)).contains("warm driver pid " + pid);
  }

  @Test
  @Order(5)
  void aKilledDriverFailsItsStepWithTheCauseAndTheNextRunStartsANewOne() throws Exception {
    RunHandle forever = submit(oneStep("spin", "forever.sql"), true);
    fx.awaitStatus(forever, "spin", RunStatus.RUNNING);
    fx.awaitLogSize(forever.runId(), "spin", LogStream.DRIVER_STDOUT, "-- SELECT 'marker-forever'".length());
    long pid = warm.drivers().get(0).pid();

    ProcessHandle.of(pid).orElseThrow().destroyForcibly();

    assertThat(forever.await(Duration.ofSeconds(60))).contains(RunStatus.FAILED);
    fx.lastRunId = forever.runId();
    assertThat(fx.child("spin").message()).contains("the warm Spark driver (pid " + pid + ") stopped: killed");
    assertThat(run(oneStep("quick", "quick.sql"), true)).isEqualTo(RunStatus.COMPLETED);
    assertThat(warm.drivers()).hasSize(1).extracting(WarmSpark.Driver::pid).doesNotContain(pid);
    assertThat(fx.stdout("quick")).contains("marker-quick");
  }

  @Test
  @Order(6)
  void aStepWithAStartOnlyConfRunsColdSayingWhy() throws Exception {
    SparkSettings settings = new SparkSettings("1g", 1, "1g", 1, 1, null, Map.of("spark.executor.memory", "1g"),
        List.of(), List.of(), List.of(), List.of());
    Pipeline conf = pipeline("conf")
        .add(Pipelines.step("quick", new SparkStep(new SparkEntry.Sql("quick.sql"), settings), List.of(),
            InputMode.DIRECT, List.of(), List.of(), null))
        .build();

    assertThat(run(conf, true)).isEqualTo(RunStatus.COMPLETED);

    assertThat(fx.log("quick", LogStream.PIPEWRIGHT))
        .contains("runs in a JVM of its own: spark.executor.memory only applies when a driver starts")
        .doesNotContain("warm driver pid");
    assertThat(fx.workspace.stepDetails(fx.lastRunId, "quick").launch()).contains("SparkSubmit");
    assertThat(fx.stdout("quick")).contains("marker-quick");
  }

  @Test
  @Order(7)
  void aConfTheDriverRefusesRunsColdSayingWhy() throws Exception {
    SparkSettings settings = new SparkSettings("1g", 1, "1g", 1, 1, null,
        Map.of("spark.sql.pipewright.notAKnownConf", "1"), List.of(), List.of(), List.of(), List.of());
    Pipeline conf = pipeline("refused")
        .add(Pipelines.step("quick", new SparkStep(new SparkEntry.Sql("quick.sql"), settings), List.of(),
            InputMode.DIRECT, List.of(), List.of(), null))
        .build();

    assertThat(run(conf, true)).isEqualTo(RunStatus.COMPLETED);

    assertThat(fx.log("quick", LogStream.PIPEWRIGHT)).contains("warm driver pid")
        .contains("runs in a JVM of its own: spark.sql.pipewright.notAKnownConf only applies when a driver starts");
    assertThat(fx.stdout("quick")).contains("marker-quick");
  }

  @Test
  @Order(8)
  void saysWhyStepsThatCannotRunWarmRunCold() {
    ComputeTarget local = new ComputeTarget("local-spark", ComputeTarget.LOCAL_SPARK, Map.of());
    Step jar = Pipelines.step("jar", new SparkStep(new SparkEntry.Jar("job.jar", "com.example.Main"),
        SparkSettings.DEFAULTS), List.of(), InputMode.DIRECT, List.of(), List.of(), null);
    Step sql = Pipelines.step("sql", new SparkStep(new SparkEntry.Sql("q.sql"), SparkSettings.DEFAULTS), List.of(),
        InputMode.DIRECT, List.of(), List.of(), null);
    Step withEnv = new Step("env", "env", null, sql.kind(), "local-spark", ".", List.of(),
        List.of(new OutputPort("out", null)), List.of(), new Environment(List.of(), Map.of("A", "1")), true);

    assertThat(warm.coldReason(jar, local)).contains("a JAR step runs its own main class");
    assertThat(warm.coldReason(withEnv, local)).contains("environment variables only apply when a driver starts");
    assertThat(warm.coldReason(sql, new ComputeTarget("local-spark", ComputeTarget.LOCAL_SPARK,
        Map.of("warmDriver", "false")))).contains("the compute's warm driver setting is off");
    assertThat(warm.coldReason(sql, local)).isEmpty();
  }

  @Test
  @Order(9)
  void aRunningStepReportsItsStagesAndTasksFromTheWarmDriverBeforeItCompletes() throws Exception {
    Pipeline busy = pipeline("busy").sql("busy", "busy.sql", List.of(), List.of("busy")).build();
    List<Object> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    RunHandle run = submit(busy, true);
    run.addListener(new io.pipewright.workspace.RunListener() {
      @Override
      public void onEvent(io.pipewright.workspace.RunEvent event) {
        heard.add(event);
      }

      @Override
      public void onProgress(io.pipewright.workspace.StepProgress progress) {
        heard.add(progress);
      }
    });

    assertThat(await(run)).isEqualTo(RunStatus.COMPLETED);

    int completed = -1;
    for (int i = 0; i < heard.size() && completed < 0; i++) {
      if (heard.get(i) instanceof io.pipewright.workspace.RunEvent e && "busy".equals(e.stepId())
          && e.status() == RunStatus.COMPLETED) {
        completed = i;
      }
    }
    assertThat(completed).as("heard: %s", heard).isNotNegative();
    assertThat(heard.subList(0, completed)).as("heard: %s", heard)
        .filteredOn(io.pipewright.workspace.StepProgress.class::isInstance)
        .map(io.pipewright.workspace.StepProgress.class::cast)
        .anySatisfy(p -> {
          assertThat(p.stagesTotal()).isPositive();
          assertThat(p.tasksTotal()).isPositive();
        })
        .anySatisfy(p -> assertThat(p.stage()).isEqualTo("writing output 'busy'"))
        .allSatisfy(p -> {
          assertThat(p.runId()).isEqualTo(run.runId());
          assertThat(p.stepId()).isEqualTo("busy");
          assertThat(p.source()).isEqualTo("Spark");
        });
    assertThat(heard.subList(completed, heard.size())).noneMatch(io.pipewright.workspace.StepProgress.class::isInstance);
  }

  @Test
  @Order(10)
  void anIdleDriverStopsAfterItsIdleTime() throws Exception {
    warm.idleTimeForTests(Duration.ofMillis(300));
    assertThat(run(oneStep("quick", "quick.sql"), true)).isEqualTo(RunStatus.COMPLETED);
    long pid = driverPid(fx.log("quick", LogStream.PIPEWRIGHT));

    waitUntil("the idle driver to stop", Duration.ofSeconds(30), warm, () -> warm.drivers().isEmpty());

    var driver = ProcessHandle.of(pid);
    if (driver.isPresent()) {
      assertThat(driver.get().onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
    }
  }

  @Test
  @Order(11)
  void stepsThatNeedADriverWhileItStartsShareIt() throws Exception {
    assertThat(warm.drivers()).isEmpty();
    Pipeline both = pipeline("both").sql("quick", "quick.sql", List.of(), List.of())
        .sql("other", "other.sql", List.of(), List.of()).build();

    assertThat(run(both, true)).isEqualTo(RunStatus.COMPLETED);

    String quick = fx.log("quick", LogStream.PIPEWRIGHT);
    String other = fx.log("other", LogStream.PIPEWRIGHT);
    assertThat(quick).contains("warm driver pid " + driverPid(quick));
    assertThat(driverPid(other)).isEqualTo(driverPid(quick));
    assertThat(quick + other).contains("starting now");
  }

  @Test
  @Order(12)
  void aThirdStartKeyRunsColdWhileTwoDriversRunStepsSayingWhy() throws Exception {
    RunHandle first = submit(heapStep("spin", "forever.sql", "1g"), true);
    RunHandle second = submit(heapStep("spin", "forever.sql", "768m"), true);
    for (RunHandle run : List.of(first, second)) {
      fx.awaitStatus(run, "spin", RunStatus.RUNNING);
      fx.awaitLogSize(run.runId(), "spin", LogStream.DRIVER_STDOUT, "-- SELECT 'marker-forever'".length());
    }
    assertThat(warm.drivers()).hasSize(2);

    assertThat(run(heapStep("quick", "quick.sql", "512m"), true)).isEqualTo(RunStatus.COMPLETED);

    assertThat(fx.log("quick", LogStream.PIPEWRIGHT))
        .contains("runs in a JVM of its own: 2 warm Spark drivers already run other steps");
    assertThat(fx.workspace.stepDetails(fx.lastRunId, "quick").launch()).contains("SparkSubmit");
    first.cancel();
    second.cancel();
    assertThat(first.await(Duration.ofSeconds(60))).contains(RunStatus.CANCELED);
    assertThat(second.await(Duration.ofSeconds(60))).contains(RunStatus.CANCELED);
  }

  @Test
  @Order(13)
  void stoppingTheWarmDriversEndsTheStepsRunningOnThemCanceled() throws Exception {
    RunHandle forever = submit(oneStep("spin", "forever.sql"), true);
    fx.awaitStatus(forever, "spin", RunStatus.RUNNING);
    fx.awaitLogSize(forever.runId(), "spin", LogStream.DRIVER_STDOUT, "-- SELECT 'marker-forever'".length());

    warm.stopAll();

    assertThat(forever.await(Duration.ofSeconds(60))).isPresent();
    fx.lastRunId = forever.runId();
    fx.assertStatus("spin", RunStatus.CANCELED);
    waitUntil("the drivers to stop", Duration.ofSeconds(30), warm, () -> warm.drivers().isEmpty());
  }

  private static Pipeline heapStep(String id, String sql, String heap) {
    SparkSettings settings = new SparkSettings(heap, 1, heap, 1, 1, null, Map.of(), List.of(), List.of(), List.of(),
        List.of());
    return pipeline(id + heap)
        .add(Pipelines.step(id, new SparkStep(new SparkEntry.Sql(sql), settings), List.of(), InputMode.DIRECT,
            List.of(), List.of(), null))
        .build();
  }

  private static long driverPid(String log) {
    return log.lines().filter(l -> l.startsWith("warm driver pid ")).map(l -> Long.parseLong(l.split(" ")[3]))
        .findFirst().orElseThrow(() -> new AssertionError("no warm driver in:\n" + log));
  }
}

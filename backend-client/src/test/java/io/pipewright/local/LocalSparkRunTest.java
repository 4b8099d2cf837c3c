package io.pipewright.local;

import static io.pipewright.local.Pipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.model.DatasetKind;
import io.pipewright.model.InputMode;
import io.pipewright.model.Pipeline;
import io.pipewright.model.ScriptStep;
import io.pipewright.model.SparkEntry;
import io.pipewright.model.SparkSettings;
import io.pipewright.model.SparkStep;
import io.pipewright.workspace.DatasetVersion;
import io.pipewright.workspace.LogStream;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded engine on real Spark (local mode, the bundled runtime). The tests share one
 * workspace and run in order: the reuse test reruns what the first one ran.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalSparkRunTest {

  @TempDir static Path temp;
  private EngineFixture fx;

  private static final String PEOPLE = "name,age,city\nAda,36,London\nAlan,41,Wilmslow\nGrace,85,Arlington\nTim,12,Oxford\n";

  private static final String ADULTS_SQL = """
      -- the raw data, shown in the driver's stdout
      SELECT * FROM people ORDER BY name;
      CREATE OR REPLACE TEMPORARY VIEW adults AS
        SELECT name, age FROM people WHERE age >= 18;
      """;

  private static final String COUNT_PY = """
      import glob, os, sys
      data, out = sys.argv[1], sys.argv[2]
      rows = []
      for part in sorted(glob.glob(os.path.join(data, "*.csv"))):
          with open(part) as f:
              rows += f.read().splitlines()[1:]
      print("adults:", len(rows))
      with open(os.path.join(out, "count.txt"), "w") as f:
          f.write(str(len(rows)))
      """;

  @BeforeAll
  void workspace() throws Exception {
    fx = new EngineFixture(temp);
    fx.data("people/people.csv", PEOPLE);
    fx.source("adults.sql", ADULTS_SQL);
    fx.source("count.py", COUNT_PY);
    fx.source("broken.sql", "SELECT * FROM people;\n\nSELECT * FROM no_such_table;\n");
    fx.source("forever.sql", "SELECT count(*) FROM range(0, 100000000000000) a;\n");
    fx.source("forever-then-view.sql", "SELECT count(*) FROM range(0, 100000000000000) a;\n"
        + "CREATE OR REPLACE TEMPORARY VIEW spun AS SELECT 1 AS x;\n");
  }

  @AfterAll
  void close() {
    fx.close();
  }

  private Pipeline adultsPipeline() {
    return pipeline("adults")
        .dataset("people", DatasetKind.TABULAR, "people/people.csv")
        .add(Pipelines.step("select", new SparkStep(new SparkEntry.Sql("adults.sql"), SparkSettings.DEFAULTS),
            List.of("people"), InputMode.DIRECT, List.of("adults"), List.of(), "adults"))
        .add(Pipelines.step("count", new ScriptStep("python3 count.py"), List.of("adults"), InputMode.DOWNLOAD,
            List.of("result"), List.of("{inputs.adults}", "{outputs.result}"), null))
        .edge("people", "select.people")
        .edge("select.adults", "count.adults")
        .build();
  }

  @Test
  @Order(1)
  void runsASqlStepOnSparkThenAScriptOnItsOutputAndRegistersTheDataset() throws Exception {
    RunHandle run = fx.submit(adultsPipeline(), false);
    fx.lastRunId = run.runId();

    assertThat(run.await(Duration.ofMinutes(3))).contains(RunStatus.COMPLETED);
    fx.assertStatus("select", RunStatus.COMPLETED);
    fx.assertStatus("count", RunStatus.COMPLETED);
    assertThat(fx.stdout("select")).contains("|Grace|85 |Arlington|").contains("wrote output 'adults': 3 rows");
    assertThat(fx.stdout("count")).contains("adults: 3");
    assertThat(fx.log("select", LogStream.PIPEWRIGHT)).contains("local mode").contains("local[1]")
        .contains("-XX:TieredStopAtLevel=1").contains("-Xmx1g");
    assertThat(fx.log("count", LogStream.PIPEWRIGHT)).contains("downloaded");
    List<DatasetVersion> datasets = fx.workspace.datasets();
    assertThat(datasets).extracting(DatasetVersion::name, DatasetVersion::version).containsExactly(
        org.assertj.core.groups.Tuple.tuple("adults", 1));
    assertThat(Path.of(datasets.get(0).location())).isDirectory();
    // The step's transitions as the history recorded them: a listener added after submit may miss the
    // first ones (RunHandle.addListener replays nothing), which made this check flaky.
    List<HistoryStore.Transition> transitions;
    try (HistoryStore store = HistoryStore.open(fx.home.resolve("history.db"))) {
      transitions = store.transitions(run.runId());
    }
    assertThat(transitions).filteredOn(t -> "select".equals(t.stepId())).extracting(HistoryStore.Transition::status)
        .containsSubsequence(RunStatus.PREPARING, RunStatus.RUNNING, RunStatus.FINALIZING, RunStatus.COMPLETED);
  }

  @Test
  @Order(2)
  void reusesEveryStepOfAnUnchangedRerunWithoutRunningAnything() throws Exception {
    String firstRun = fx.lastRunId;

    assertThat(fx.run(adultsPipeline())).isEqualTo(RunStatus.COMPLETED);

    fx.assertStatus("select", RunStatus.REUSED);
    fx.assertStatus("count", RunStatus.REUSED);
    assertThat(fx.child("select").reuse()).contains("reused").contains(firstRun);
    assertThat(fx.stdout("select")).isEmpty();
    assertThat(fx.workspace.datasets()).hasSize(1);
  }

  @Test
  @Order(3)
  void regeneratingOutputsRunsEveryStepAgainAndSaysWhy() throws Exception {
    assertThat(fx.run(adultsPipeline(), true)).isEqualTo(RunStatus.COMPLETED);

    fx.assertStatus("select", RunStatus.COMPLETED);
    assertThat(fx.child("select").reuse()).contains("--regenerate-outputs");
    assertThat(fx.workspace.datasets()).extracting(DatasetVersion::version).containsExactly(1, 2);
  }

  @Test
  @Order(4)
  void aFailingSqlStepFailsWithItsCauseAndItsDependantsDoNotRun() throws Exception {
    Pipeline broken = pipeline("broken")
        .dataset("people", DatasetKind.TABULAR, "people/people.csv")
        .sql("select", "broken.sql", List.of("people"), List.of("adults"))
        .script("count", "python3 count.py", List.of("adults"), List.of("result"),
            List.of("{inputs.adults}", "{outputs.result}"))
        .edge("people", "select.people")
        .edge("select.adults", "count.adults")
        .build();

    assertThat(fx.run(broken)).isEqualTo(RunStatus.FAILED);

    fx.assertStatus("select", RunStatus.FAILED);
    assertThat(fx.child("select").message()).contains("statement 2").contains("line 3").contains("no_such_table");
    fx.assertStatus("count", RunStatus.NOT_STARTED);
    assertThat(fx.child("count").message()).isEqualTo("not run: upstream step 'select' failed");
    assertThat(fx.workspace.run(fx.lastRunId).orElseThrow().message()).contains("step 'select' failed");
    var details = fx.workspace.stepDetails(fx.lastRunId, "select");
    assertThat(details.launch()).contains("org.apache.spark.deploy.SparkSubmit --master 'local[")
        .contains("--conf spark.driver.memory=1g").contains("<the class path of the Spark runtime in ");
    assertThat(details.exitCode()).isNotNull().isNotZero();
    var failure = details.failure().orElseThrow();
    assertThat(fx.log("select", failure.stream()).lines().toList().get((int) failure.line() - 1))
        .contains("statement 2").contains("no_such_table");
  }

  @Test
  @Order(5)
  void cancelKillsTheRunningSparkDriverAndRecordsCanceled() throws Exception {
    Pipeline forever = pipeline("forever").sql("spin", "forever.sql", List.of(), List.of()).build();
    RunHandle run = fx.submit(forever, false);
    fx.lastRunId = run.runId();
    fx.awaitStatus(run, "spin", RunStatus.RUNNING);
    long pid = fx.pid(run.runId(), "spin");
    assertThat(ProcessHandle.of(pid)).isPresent();
    fx.awaitLogSize(run.runId(), "spin", LogStream.DRIVER_STDERR, 1);

    run.cancel();

    assertThat(run.await(Duration.ofSeconds(30))).contains(RunStatus.CANCELED);
    fx.assertStatus("spin", RunStatus.CANCELED);
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  @Test
  @Order(6)
  void aSparkDriverKilledMidStepFailsTheStepWithTheSignalAndItsLastLogLinesAndItsDependantsDoNotRun() throws Exception {
    Pipeline spun = pipeline("killed")
        .sql("spin", "forever-then-view.sql", List.of(), List.of("spun"))
        .script("count", "python3 count.py", List.of("spun"), List.of("result"),
            List.of("{inputs.spun}", "{outputs.result}"))
        .edge("spin.spun", "count.spun")
        .build();
    RunHandle run = fx.submit(spun, false);
    fx.lastRunId = run.runId();
    fx.awaitStatus(run, "spin", RunStatus.RUNNING);
    Path stderr = fx.home.resolve("runs").resolve(run.runId()).resolve("steps/spin/logs/driver/stderr");
    io.pipewright.testing.FileWatch.until(stderr.getParent(), Duration.ofMinutes(3), "the Spark job to start",
        () -> Files.exists(stderr) && Files.readString(stderr).contains("Starting job"));
    long pid = fx.pid(run.runId(), "spin");

    ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // kill -9 of the driver's JVM

    assertThat(run.await(Duration.ofSeconds(60))).contains(RunStatus.FAILED);
    fx.assertStatus("spin", RunStatus.FAILED);
    String lastLine = Files.readString(stderr).lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElseThrow();
    assertThat(fx.child("spin").message())
        .startsWith("Spark driver was killed (signal 9, SIGKILL, exit code 137); its log ends: ")
        .contains(lastLine.strip().length() > 300 ? lastLine.strip().substring(0, 300) : lastLine.strip());
    assertThat(fx.workspace.stepDetails(fx.lastRunId, "spin").exitCode()).isEqualTo(137);
    fx.assertStatus("count", RunStatus.NOT_STARTED);
    assertThat(fx.child("count").message()).isEqualTo("not run: upstream step 'spin' failed");
    assertThat(fx.workspace.run(fx.lastRunId).orElseThrow().message()).contains("step 'spin' failed");
  }
}

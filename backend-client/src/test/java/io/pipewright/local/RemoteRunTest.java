package io.pipewright.local;

import static io.pipewright.local.Pipelines.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.model.PipelineFormat;
import io.pipewright.model.Pipeline;
import io.pipewright.testing.LivyServer;
import io.pipewright.testing.SparkCluster;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.LogStream;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.SubmitOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same pipelines, unchanged, on a real Spark standalone cluster and a real Livy server started
 * on loopback from the project's Spark home: both samples complete with the same results as on
 * local Spark, a failing step shows the remote driver's cause, and Stop kills the remote job.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteRunTest {
  private static final Path SAMPLES = Path.of(System.getProperty("pipewright.samples"));
  private static final Pattern WROTE = Pattern.compile("wrote output 'prepared': \\d+ rows");
  private static final Pattern TEST_ACCURACY = Pattern.compile("train accuracy [0-9.]+, log loss [0-9.]+");

  @TempDir static Path temp;
  private EngineFixture fx;
  private SparkCluster cluster;
  private LivyServer livy;
  /** What the Titanic sample prints on local Spark: the row count of its SQL step, the model's test accuracy. */
  private String localRows;
  private String localAccuracy;

  @BeforeAll
  void workspaceWithBothTargets() throws Exception {
    cluster = SparkCluster.shared();
    livy = LivyServer.shared();
    fx = new EngineFixture(temp);
    fx.data("titanic/Titanic.csv", Files.readString(SAMPLES.resolve("datastore/titanic/Titanic.csv")));
    fx.workspace.attachCompute("cluster", "spark-standalone", Map.of("masterUrl", cluster.masterUrl(),
        "restUrl", cluster.restUrl(), "webUrl", cluster.webUrl()));
    fx.workspace.attachCompute("livy", "livy", Map.of("url", livy.url()));
    fx.source("broken.sql", "SELECT * FROM range(3);\n\nSELECT * FROM no_such_table;\n");
    fx.source("forever.sql", "SELECT count(*) FROM range(0, 100000000000000) a;\n");

    RunHandle local = titanic(null);
    assertThat(local.await(Duration.ofMinutes(3))).contains(RunStatus.COMPLETED);
    fx.lastRunId = local.runId();
    localRows = find(WROTE, fx.stdout("prep"));
    localAccuracy = find(TEST_ACCURACY, fx.stdout("train"));
  }

  @AfterAll
  void close() {
    if (fx != null) {
      fx.close();
    }
  }

  private RunHandle titanic(String target) throws Exception {
    Path file = SAMPLES.resolve("titanic/titanic.pipeline.json");
    Pipeline pipeline = PipelineFormat.read(file).pipeline();
    return fx.workspace.submit(pipeline, new SubmitOptions(null, file, Map.of(), true, target));
  }

  private static String find(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    assertThat(m.find()).as("'%s' in:%n%s", pattern, text).isTrue();
    return m.group();
  }

  private RunStatus await(RunHandle run) throws InterruptedException {
    fx.lastRunId = run.runId();
    return run.await(Duration.ofMinutes(4)).orElseThrow(() -> new AssertionError("the run did not end in 4 minutes"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"cluster", "livy"})
  void theTitanicSampleRunsItsSparkStepThereWithTheSameResultsAsLocally(String target) throws Exception {
    RunHandle run = titanic(target);

    assertThat(await(run)).as(diagnostics("prep")).isEqualTo(RunStatus.COMPLETED);

    fx.assertStatus("prep", RunStatus.COMPLETED);
    assertThat(fx.child("prep").compute()).isEqualTo(target);
    assertThat(fx.child("train").compute()).isEqualTo(ComputeTarget.LOCAL_PROCESS);
    assertThat(find(WROTE, fx.stdout("prep"))).isEqualTo(localRows);
    assertThat(find(TEST_ACCURACY, fx.stdout("train"))).isEqualTo(localAccuracy);
    assertThat(fx.log("prep", LogStream.PIPEWRIGHT)).contains("submitted to");
  }

  @org.junit.jupiter.api.Test
  void theClustersLiveCapacityFeedsTheFootprintAndItsConnectionTest() throws Exception {
    ComputeTarget target = fx.workspace.computes().stream().filter(c -> c.name().equals("cluster")).findFirst()
        .orElseThrow();

    io.pipewright.model.Capacity capacity = fx.workspace.capacityOf(target).orElseThrow();

    assertThat(capacity.localMode()).isFalse();
    assertThat(capacity.cores()).isEqualTo(2);
    assertThat(capacity.memoryBytes()).isEqualTo(2L << 30);
    assertThat(capacity.node().cores()).isEqualTo(2);
    assertThat(capacity.description()).matches("1 worker, [0-2] of 2 cores and [0-9.]+ of 2\\.0 GiB free");
    io.pipewright.model.Footprint tooBig = io.pipewright.model.Footprint.of(new io.pipewright.model.SparkSettings(
        "1g", 1, "4g", 1, 1, null, null, null, null, null, null), capacity).orElseThrow();
    assertThat(tooBig.fits()).isFalse();
    io.pipewright.workspace.ConnectionTest test = fx.workspace.testConnection(target);
    assertThat(test.message()).as("details: %s", test.details())
        .matches("Spark 4\\S+ master at 127\\.0\\.0\\.1:\\d+ answers, with its REST server at 127\\.0\\.0\\.1:\\d+;"
            + " 1 worker, [0-2] of 2 cores and [0-9.]+ of 2\\.0 GiB free");
  }

  @ParameterizedTest
  @ValueSource(strings = {"cluster", "livy"})
  void theJarSampleRunsThereAndRegistersItsOutput(String target) throws Exception {
    Path file = SAMPLES.resolve("titanic-jvm/titanic-jvm.pipeline.json");
    RunHandle run = fx.workspace.submit(PipelineFormat.read(file).pipeline(),
        new SubmitOptions(null, file, Map.of(), true, target));

    assertThat(await(run)).as(diagnostics("survival")).isEqualTo(RunStatus.COMPLETED);

    assertThat(fx.stdout("survival")).contains("wrote 35 groups");
    assertThat(fx.workspace.datasets()).anyMatch(d -> d.name().equals("titanic_survival")
        && run.runId().equals(d.runId()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"cluster", "livy"})
  void aFailingSqlStepFailsWithTheRemoteDriversCause(String target) throws Exception {
    Pipeline broken = pipeline("broken-" + target).sql("select", "broken.sql", List.of(), List.of("out")).build();

    RunHandle run = fx.workspace.submit(broken,
        new SubmitOptions(null, fx.sources.resolve("test.pipeline.json"), Map.of(), true, target));

    assertThat(await(run)).isEqualTo(RunStatus.FAILED);

    fx.assertStatus("select", RunStatus.FAILED);
    assertThat(fx.child("select").message()).contains("statement 2").contains("no_such_table");
    var details = fx.workspace.stepDetails(run.runId(), "select");
    assertThat(details.launch()).startsWith("POST ");
    assertThat(details.exitCode()).as("what the target says: neither reports one").isNull();
    var failure = details.failure().orElseThrow();
    assertThat(fx.log(run.runId(), "select", failure.stream()).lines().toList().get((int) failure.line() - 1))
        .contains("statement 2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"cluster", "livy"})
  void stopKillsTheRemoteJob(String target) throws Exception {
    RunHandle run = runForever("forever-" + target, target);

    run.cancel();

    assertThat(run.await(Duration.ofSeconds(60))).contains(RunStatus.CANCELED);
    fx.assertStatus("spin", RunStatus.CANCELED);
    assertKilledOnTheEngine(target, remoteJobOfSpin());
  }

  @ParameterizedTest
  @ValueSource(strings = {"cluster", "livy"})
  void aServerThatGoesAwayMidRunFailsTheStepWithTheCause(String kind) throws Exception {
    AutoCloseable server;
    if (kind.equals("cluster")) {
      SparkCluster own = SparkCluster.start(temp.resolve("going-" + kind));
      fx.workspace.attachCompute("going-cluster", "spark-standalone", Map.of("masterUrl", own.masterUrl(),
          "restUrl", own.restUrl(), "webUrl", own.webUrl()));
      server = own;
    } else {
      LivyServer own = LivyServer.builder().folder(temp.resolve("going-" + kind)).start();
      fx.workspace.attachCompute("going-livy", "livy", Map.of("url", own.url()));
      server = own;
    }
    RunHandle run = runForever("going-" + kind, "going-" + kind);

    server.close();

    assertThat(run.await(Duration.ofMinutes(2))).contains(RunStatus.FAILED);
    fx.assertStatus("spin", RunStatus.FAILED);
    assertThat(fx.child("spin").message()).startsWith("lost contact with ").contains("connection refused");
  }

  @ParameterizedTest
  @ValueSource(strings = {"cluster", "livy"})
  void aRemoteJobLeftByAPipewrightThatDiedIsKilledWhenTheWorkspaceOpensAgain(String target) throws Exception {
    RunHandle run = runForever("orphan-" + target, target);
    String id = remoteJobOfSpin();
    // The Pipewright that owns the run dies: its history names a process that is gone.
    Process gone = new ProcessBuilder("true").start();
    assertThat(gone.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("'true' ended").isTrue();
    try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + fx.home.resolve("history.db"));
        java.sql.PreparedStatement owner = db.prepareStatement("UPDATE runs SET owner_pid = ? WHERE id = ?")) {
      owner.setLong(1, gone.pid());
      owner.setString(2, run.runId());
      owner.executeUpdate();
    }

    LocalWorkspace.open(fx.home).close();

    assertThat(fx.log("spin", LogStream.PIPEWRIGHT)).contains(target.equals("cluster")
        ? "recovery: killed its driver " + id : "recovery: deleted its batch " + id);
    assertThat(run.await(Duration.ofMinutes(1))).as("the watcher sees the job end").isPresent();
    assertKilledOnTheEngine(target, id);
  }

  /** Submits an endless SQL step to {@code target} and returns once the engine says its job runs. */
  private RunHandle runForever(String pipelineId, String target) throws Exception {
    Pipeline forever = pipeline(pipelineId).sql("spin", "forever.sql", List.of(), List.of()).build();
    RunHandle run = fx.workspace.submit(forever,
        new SubmitOptions(null, fx.sources.resolve("test.pipeline.json"), Map.of(), true, target));
    fx.lastRunId = run.runId();
    awaitRemoteRunning(run, "spin");
    return run;
  }

  /** The engine's id of the spinning step's job, as its pipewright/log says it was submitted. */
  private String remoteJobOfSpin() throws Exception {
    return find(Pattern.compile("submitted to .* as (\\S+)"), fx.log("spin", LogStream.PIPEWRIGHT))
        .replaceAll(".* as ", "");
  }

  /** The master says the driver was KILLED; Livy forgets a deleted batch. */
  private void assertKilledOnTheEngine(String target, String id) throws Exception {
    if (target.equals("cluster")) {
      assertThat(remoteState(target, id)).isEqualTo("KILLED");
    } else {
      assertThat(remoteState(target, id)).isEqualTo("Session '" + id + "' not found.");
    }
  }

  /** Waits until the engine says the step's job runs (its pipewright/log notes the engine's state). */
  private void awaitRemoteRunning(RunHandle run, String step) throws Exception {
    fx.awaitStatus(run, step, RunStatus.RUNNING);
    Path notes = fx.workspace.stepDirectory(run.runId(), step).resolve("logs").resolve(LogStream.PIPEWRIGHT);
    io.pipewright.testing.FileWatch.until(notes.getParent(), Duration.ofMinutes(1), "the remote job to run",
        () -> fx.log(run.runId(), step, LogStream.PIPEWRIGHT).toLowerCase(java.util.Locale.ROOT)
            .contains("state: running"));
  }

  private String remoteState(String target, String id) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String url = target.equals("cluster") ? cluster.restUrl() + "/v1/submissions/status/" + id
        : livy.url() + "/batches/" + id + "/state";
    String body = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return find(Pattern.compile("\"(driverState|state|msg)\"\\s*:\\s*\"([^\"]+)\""), body)
        .replaceAll(".*\"([^\"]+)\"$", "$1");
  }

  private String diagnostics(String step) {
    try {
      return "pipewright/log:\n" + fx.log(step, LogStream.PIPEWRIGHT) + "\nstderr tail:\n"
          + tail(fx.log(step, LogStream.DRIVER_STDERR)) + "\n" + cluster.logTails();
    } catch (Exception e) {
      return e.toString();
    }
  }

  private static String tail(String text) {
    return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
  }
}

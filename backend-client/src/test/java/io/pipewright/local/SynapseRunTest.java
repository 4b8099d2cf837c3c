package io.pipewright.local;

import static io.pipewright.local.Pipelines.pipeline;
import static io.pipewright.testing.FakeSynapse.BATCHES;
import static io.pipewright.testing.FakeSynapse.batch;
import static io.pipewright.testing.FakeSynapse.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewright.model.DatasetKind;
import io.pipewright.model.InputMode;
import io.pipewright.model.Pipeline;
import io.pipewright.model.SparkEntry;
import io.pipewright.model.SparkSettings;
import io.pipewright.model.SparkStep;
import io.pipewright.testing.FakeSynapse;
import io.pipewright.workspace.AzureSession;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.ConnectionTest;
import io.pipewright.workspace.DatasetVersion;
import io.pipewright.workspace.LogStream;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.SubmitOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SQL step on a Synapse Spark pool target, run through a real local workspace against a fake
 * Azure on loopback that replays the documented API ({@link FakeSynapse}): Resource Manager tells
 * the workspace's endpoints, the step's files go to its ADLS Gen2 storage, the batch is created,
 * polled to its end and its log tailed, the outputs come back into the run for the next step and
 * the registration, and no token is left anywhere in the workspace.
 */
class SynapseRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ABFSS = "abfss://default@accountname.dfs.core.windows.net/pipewright/";
  private static final String TITANIC = "PassengerId,Survived,Name\n1,0,Braund\n2,1,Cumings\n3,1,Heikkinen\n";

  @TempDir Path temp;
  private EngineFixture fx;
  private FakeSynapse azure;

  @BeforeEach
  void workspace() throws Exception {
    fx = new EngineFixture(temp);
    azure = new FakeSynapse();
    fx.workspace.setAzureSession(azure.session());
    fx.workspace.addLinkedService(FakeSynapse.linkedService("synapse-link"));
    fx.workspace.attachCompute("synapse-pool", "synapse-spark-pool", Map.of("linkedService", "synapse-link",
        "pool", FakeSynapse.POOL, "nodeSize", "Medium", "nodeCount", "4"));
    fx.data("titanic/Titanic.csv", TITANIC);
    fx.source("prep.sql", "-- the passengers of {inputs.titanic} who survived\n"
        + "SELECT Name FROM titanic WHERE Survived = 1;\n");
    Files.createDirectories(fx.sources.resolve("lib"));
    fx.source("lib/udf.jar", "not really a jar");
    fx.source("count.py", "import glob, os, sys\n"
        + "rows = sum(len(open(f).read().splitlines()) - 1 for f in sorted(glob.glob(os.path.join(sys.argv[1], 'part-*.csv'))))\n"
        + "print('rows:', rows)\n"
        + "os.makedirs(sys.argv[2], exist_ok=True)\n"
        + "open(os.path.join(sys.argv[2], 'rows.txt'), 'w').write(str(rows))\n");
  }

  @AfterEach
  void close() {
    fx.close();
    azure.close();
  }

  /** The Titanic prep step of the seed (driver 7g and 4 cores, executors 7g and 2 cores, 1 executor), then a count. */
  private Pipeline titanic() {
    SparkSettings settings = new SparkSettings("7g", 4, "7g", 2, 1, null, Map.of("spark.sql.shuffle.partitions", "8"),
        List.of(), List.of("lib/udf.jar"), List.of(), List.of());
    return pipeline("titanic")
        .dataset("titanic", DatasetKind.TABULAR, "titanic/Titanic.csv")
        .add(Pipelines.step("prep", new SparkStep(new SparkEntry.Sql("prep.sql"), settings), List.of("titanic"),
            InputMode.DIRECT, List.of("prepared"), List.of(), "titanic_prepared"))
        .script("count", "python3 count.py", List.of("prepared"), List.of("result"),
            List.of("{inputs.prepared}", "{outputs.result}"))
        .edge("titanic", "prep.titanic")
        .edge("prep.prepared", "count.prepared")
        .build();
  }

  private RunHandle submit(Pipeline pipeline) throws Exception {
    RunHandle run = fx.workspace.submit(pipeline,
        new SubmitOptions(null, fx.sources.resolve("test.pipeline.json"), Map.of(), true, "synapse-pool"));
    fx.lastRunId = run.runId();
    return run;
  }

  private RunStatus run(Pipeline pipeline) throws Exception {
    return submit(pipeline).await(Duration.ofMinutes(2)).orElseThrow(() -> new AssertionError("the run did not end"));
  }

  private static String tag(RecordedRequest request) {
    Matcher name = Pattern.compile("\"name\":\"([^\"]+)\"").matcher(request.getBody().utf8());
    return name.find() ? name.group(1) : "?";
  }

  /** Writes what the SQL step would write on the pool at its --output location. */
  private void sparkWritesItsOutput(RecordedRequest create) throws Exception {
    JsonNode args = JSON.readTree(create.getBody().utf8()).path("args");
    for (int i = 0; i < args.size() - 1; i++) {
      if (args.get(i).asText().equals("--output")) {
        String location = args.get(i + 1).asText().substring("prepared=".length());
        String path = "default/" + location.substring("abfss://default@accountname.dfs.core.windows.net/".length());
        azure.lake().write(path + "/_SUCCESS", "");
        azure.lake().write(path + "/part-00000-c000.csv", "Name\nCumings\nHeikkinen\n");
      }
    }
  }

  @Test
  void aSqlStepRunsAsASynapseBatchWithItsFilesInTheWorkspacesStorage() throws Exception {
    AtomicReference<String> created = new AtomicReference<>();
    AtomicInteger polls = new AtomicInteger();
    List<String> log = List.of("stdout: ", "reading the titanic view", "wrote output 'prepared': 2 rows",
        "\nstderr: ", "26/12/05 07:00:00 INFO SparkContext: Successfully stopped SparkContext");
    azure.batches(request -> {
      String target = request.getTarget();
      try {
        if (request.getMethod().equals("POST") && target.equals(BATCHES + "?detailed=true")) {
          created.set(tag(request));
          sparkWritesItsOutput(request);
          return json(200, batch(7, created.get(), "not_started", "Uncertain", List.of(), List.of()).toString());
        }
        if (request.getMethod().equals("GET") && target.equals(BATCHES + "/7?detailed=true")) {
          return switch (polls.incrementAndGet()) {
            case 1 -> new MockResponse.Builder().code(429).addHeader("Retry-After", "1")
                .addHeader("Content-Type", "application/json")
                .body("{\"code\":\"TooManyRequests\",\"message\":\"Too many requests\"}").build();
            case 2 -> json(200, batch(7, created.get(), "starting", "Uncertain", List.of(), List.of()).toString());
            case 3 -> json(200, batch(7, created.get(), "running", "Uncertain", log.subList(0, 2), List.of()).toString());
            default -> json(200, batch(7, created.get(), "success", "Succeeded", log, List.of()).toString());
          };
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return json(404, "{}");
    });

    assertThat(run(titanic())).isEqualTo(RunStatus.COMPLETED);

    String run = fx.lastRunId;
    String staged = ABFSS + run + "/prep/";
    fx.assertStatus("prep", RunStatus.COMPLETED);
    fx.assertStatus("count", RunStatus.COMPLETED);
    // Resource Manager: the workspace of the linked service, once.
    assertThat(azure.armRequests()).extracting(FakeSynapse.Request::line)
        .containsExactly("GET " + FakeSynapse.WORKSPACE_PATH + "?api-version=2021-06-01");
    // The exact batch Synapse was asked for.
    FakeSynapse.Request create = azure.batchRequests().get(0);
    assertThat(create.line()).isEqualTo("POST " + BATCHES + "?detailed=true");
    assertThat(JSON.readTree(create.body())).isEqualTo(JSON.readTree("""
        {"file": "%1$spipewright-spark-driver.jar",
         "className": "io.pipewright.spark.SqlStepDriver",
         "args": ["--sql", "%1$sstep.sql", "--app-name", "prep", "--view", "titanic=%1$sinputs/titanic",
                  "--output", "prepared=%1$soutputs/prepared"],
         "jars": ["%1$ssrc/lib/udf.jar"],
         "driverMemory": "7g", "driverCores": 4, "executorMemory": "7g", "executorCores": 2, "numExecutors": 1,
         "conf": {"spark.sql.shuffle.partitions": "8", "spark.ui.showConsoleProgress": "false"},
         "name": "pipewright-%2$s-prep"}
        """.formatted(staged, run)));
    assertThat(created.get()).isEqualTo("pipewright-" + run + "-prep");
    assertThat(fx.workspace.stepDetails(run, "prep").launch()).startsWith("POST ").contains("/batches?detailed=true {")
        .contains("\"className\":\"io.pipewright.spark.SqlStepDriver\"");
    // The files the batch names were uploaded, whole.
    String root = "default/pipewright/" + run + "/prep/";
    Path driverJar = SparkRuntime.locate(null, null).sqlDriverJar();
    assertThat(azure.lake().file(root + "pipewright-spark-driver.jar")).isEqualTo(Files.readAllBytes(driverJar));
    assertThat(new String(azure.lake().file(root + "inputs/titanic"), StandardCharsets.UTF_8)).isEqualTo(TITANIC);
    assertThat(new String(azure.lake().file(root + "src/lib/udf.jar"), StandardCharsets.UTF_8)).isEqualTo("not really a jar");
    assertThat(new String(azure.lake().file(root + "step.sql"), StandardCharsets.UTF_8))
        .isEqualTo("-- the passengers of " + staged + "inputs/titanic who survived\n"
            + "SELECT Name FROM titanic WHERE Survived = 1;\n");
    // 429 with Retry-After: the same poll again, no sooner than asked.
    List<FakeSynapse.Request> gets = azure.batchRequests().stream().filter(r -> r.line().startsWith("GET ")).toList();
    assertThat(gets.get(1).nanos() - gets.get(0).nanos()).isGreaterThanOrEqualTo(Duration.ofMillis(950).toNanos());
    // The states, the log lines as the driver's output, the outputs back in the run.
    assertThat(fx.log("prep", LogStream.PIPEWRIGHT)).contains("submitted to Synapse Spark pool mySparkPool of workspace1 as 7")
        .contains("files staged in " + staged.substring(0, staged.length() - 1))
        .contains("state: starting").contains("state: running").contains("state: success (Succeeded)");
    assertThat(fx.stdout("prep")).isEqualTo("reading the titanic view\nwrote output 'prepared': 2 rows\n");
    assertThat(fx.log("prep", LogStream.DRIVER_STDERR)).contains("Successfully stopped SparkContext");
    Path prepared = fx.workspace.stepDirectory(run, "prep").resolve("outputs/prepared");
    assertThat(fx.stdout("count")).contains("rows: 2");
    List<DatasetVersion> datasets = fx.workspace.datasets();
    assertThat(datasets).extracting(DatasetVersion::name, DatasetVersion::version).containsExactly(
        org.assertj.core.groups.Tuple.tuple("titanic_prepared", 1));
    assertThat(Files.readString(Path.of(datasets.get(0).location()).resolve("part-00000-c000.csv")))
        .isEqualTo("Name\nCumings\nHeikkinen\n");
    assertThat(Path.of(datasets.get(0).location())).isEqualTo(prepared);
    // Each API with a token of its own scope, and none of them written anywhere.
    assertThat(azure.azure().scopes()).contains(AzureSession.MANAGEMENT_SCOPE, AzureSession.SYNAPSE_SCOPE,
        AzureSession.STORAGE_SCOPE);
    assertThat(azure.batchRequests()).allMatch(r -> r.authorization() != null && r.authorization().startsWith("Bearer fake-token-"));
    assertThat(azure.lake().authorizations()).allMatch(a -> a.startsWith("Bearer fake-token-"));
    assertNoTokenIn(fx.home);
  }

  @Test
  void aFailedBatchShowsSynapsesErrorInfoOnTheStep() throws Exception {
    azure.batches(request -> {
      if (request.getMethod().equals("POST")) {
        return json(200, batch(8, tag(request), "not_started", "Uncertain", List.of(), List.of()).toString());
      }
      return json(200, batch(8, "x", "dead", "Failed", List.of("stdout: ", "\nstderr: ", "Exception in thread main"),
          List.of(Map.of("message", "[TABLE_OR_VIEW_NOT_FOUND] The table or view `titanic` cannot be found.",
              "errorCode", "Spark_User_AnalysisException", "source", "User"))).toString());
    });

    assertThat(run(titanic())).isEqualTo(RunStatus.FAILED);

    fx.assertStatus("prep", RunStatus.FAILED);
    assertThat(fx.child("prep").message()).startsWith("the Spark driver failed on Synapse Spark pool mySparkPool of workspace1")
        .contains("Spark_User_AnalysisException: [TABLE_OR_VIEW_NOT_FOUND] The table or view `titanic` cannot be found.");
    assertThat(fx.log("prep", LogStream.PIPEWRIGHT)).contains("Synapse reports: Spark_User_AnalysisException");
    assertThat(fx.child("count").status()).isNotEqualTo(RunStatus.COMPLETED);
    assertThat(azure.lake().requests()).noneMatch(r -> r.startsWith("GET /default?resource=filesystem"));
    assertNoTokenIn(fx.home);
  }

  @Test
  void aRefusedTokenIsReplacedOnceByAFreshOne() throws Exception {
    azure.batches(request -> {
      if ("Bearer fake-token-1".equals(request.getHeaders().get("Authorization"))) {
        return json(401, "{\"code\":\"Unauthorized\",\"message\":\"Token is expired\"}");
      }
      if (request.getMethod().equals("POST")) {
        return json(200, batch(3, tag(request), "starting", "Uncertain", List.of(), List.of()).toString());
      }
      return json(200, batch(3, "x", "success", "Succeeded", List.of(), List.of()).toString());
    });

    assertThat(run(pipeline("one").add(Pipelines.step("prep", new SparkStep(new SparkEntry.Sql("prep.sql"),
        SparkSettings.DEFAULTS), List.of(), InputMode.DIRECT, List.of(), List.of(), null)).build()))
        .isEqualTo(RunStatus.COMPLETED);

    assertThat(azure.batchRequests()).extracting(FakeSynapse.Request::line, FakeSynapse.Request::authorization)
        .startsWith(org.assertj.core.groups.Tuple.tuple("POST " + BATCHES + "?detailed=true", "Bearer fake-token-1"),
            org.assertj.core.groups.Tuple.tuple("POST " + BATCHES + "?detailed=true", "Bearer fake-token-2"),
            org.assertj.core.groups.Tuple.tuple("GET " + BATCHES + "/3?detailed=true", "Bearer fake-token-2"));
    assertThat(azure.batchRequests()).filteredOn(r -> r.line().startsWith("POST")).hasSize(2);
    assertThat(azure.azure().refreshes()).containsOnlyOnce(true);
    assertNoTokenIn(fx.home);
  }

  @Test
  void stopDeletesTheBatchOnThePool() throws Exception {
    AtomicReference<Boolean> deleted = new AtomicReference<>(false);
    azure.batches(request -> {
      if (request.getMethod().equals("POST")) {
        return json(200, batch(9, tag(request), "not_started", "Uncertain", List.of(), List.of()).toString());
      }
      if (request.getMethod().equals("DELETE") && request.getTarget().equals(BATCHES + "/9")) {
        deleted.set(true);
        return new MockResponse.Builder().code(200).build();
      }
      return json(200, deleted.get() ? batch(9, "x", "killed", "Cancelled", List.of(), List.of()).toString()
          : batch(9, "x", "running", "Uncertain", List.of("stdout: ", "counting forever"), List.of()).toString());
    });
    RunHandle run = submit(titanic());
    fx.awaitStatus(run, "prep", RunStatus.RUNNING);
    azure.await(Duration.ofSeconds(30), "the batch polled twice",
        () -> azure.batchRequests().stream().filter(r -> r.line().startsWith("GET")).count() >= 2);

    run.cancel();

    assertThat(run.await(Duration.ofMinutes(1))).contains(RunStatus.CANCELED);
    fx.assertStatus("prep", RunStatus.CANCELED);
    assertThat(azure.batchRequests()).extracting(FakeSynapse.Request::line).contains("DELETE " + BATCHES + "/9");
    assertThat(fx.stdout("prep")).isEqualTo("counting forever\n");
    assertThat(fx.log("prep", LogStream.PIPEWRIGHT)).contains("canceling 9 on Synapse Spark pool mySparkPool")
        .contains("state: killed (Cancelled)");
  }

  @Test
  void aBatchWhoseCreateAnswerIsLostIsFoundPageByPageAndNotSubmittedAgain() throws Exception {
    AtomicReference<String> created = new AtomicReference<>();
    azure.batches(request -> {
      String target = request.getTarget();
      if (request.getMethod().equals("POST")) {
        created.set(tag(request)); // Synapse creates the batch, then the connection breaks before its answer
        return new MockResponse.Builder().onResponseStart(new mockwebserver3.SocketEffect.CloseSocket()).build();
      }
      if (target.startsWith(BATCHES + "?")) { // SparkBatchJobCollection, 20 a page at most
        int from = Integer.parseInt(target.replaceAll(".*from=(\\d+).*", "$1"));
        StringBuilder sessions = new StringBuilder();
        for (int id = from; id < Math.min(from + 20, 25); id++) {
          String name = id == 23 ? created.get() : "someone-else-" + id;
          sessions.append(sessions.length() == 0 ? "" : ",")
              .append(batch(id, name, "running", "Uncertain", List.of(), List.of()));
        }
        return json(200, "{\"from\":" + from + ",\"total\":25,\"sessions\":[" + sessions + "]}");
      }
      return json(200, batch(23, created.get(), "success", "Succeeded", List.of(), List.of()).toString());
    });

    assertThat(run(pipeline("one").add(Pipelines.step("prep", new SparkStep(new SparkEntry.Sql("prep.sql"),
        SparkSettings.DEFAULTS), List.of(), InputMode.DIRECT, List.of(), List.of(), null)).build()))
        .isEqualTo(RunStatus.COMPLETED);

    assertThat(azure.batchRequests()).extracting(FakeSynapse.Request::line).startsWith(
        "POST " + BATCHES + "?detailed=true",
        "GET " + BATCHES + "?from=0&size=20&detailed=true",
        "GET " + BATCHES + "?from=20&size=20&detailed=true",
        "GET " + BATCHES + "/23?detailed=true");
    assertThat(azure.batchRequests()).filteredOn(r -> r.line().startsWith("POST")).hasSize(1);
    assertThat(fx.log("prep", LogStream.PIPEWRIGHT)).contains("Synapse's answer was lost; found the batch it created: 23");
  }

  @Test
  void stopWhileTheFilesAreUploadingSubmitsNothing() throws Exception {
    azure.lake().delayEachAnswer(300);
    azure.batches(request -> json(500, "{\"message\":\"nothing should be submitted\"}"));
    RunHandle run = submit(titanic());
    azure.lake().await(Duration.ofSeconds(30), "the first upload", () -> !azure.lake().requests().isEmpty());

    run.cancel();

    assertThat(run.await(Duration.ofSeconds(30))).contains(RunStatus.CANCELED);
    fx.assertStatus("prep", RunStatus.CANCELED);
    assertThat(azure.batchRequests()).isEmpty();
    assertThat(azure.lake().requests().size()).isLessThan(4);
  }

  @Test
  void theConnectionTestReadsThePoolFromAzureWithItsCapacity() throws Exception {
    azure.batches(request -> json(200, "{\"from\":0,\"total\":0,\"sessions\":[]}"));
    ComputeTarget pool = fx.workspace.computes().stream().filter(c -> c.name().equals("synapse-pool")).findFirst()
        .orElseThrow();

    ConnectionTest test = fx.workspace.testConnection(pool);

    assertThat(test.isOk()).as(test.toString()).isTrue();
    assertThat(test.message()).isEqualTo("Synapse Spark pool mySparkPool of workspace1 answers (Medium × 3–50"
        + " (autoscale), 8 cores, 64 GiB each)");
    assertThat(test.details()).contains("Spark pool mySparkPool: Succeeded, Spark 2.4, Medium × 3–50 (autoscale),"
        + " auto-pause after 15 min", "capacity: 50 × Medium nodes");
    assertThat(azure.armRequests()).extracting(FakeSynapse.Request::line).containsExactly(
        "GET " + FakeSynapse.WORKSPACE_PATH + "?api-version=2021-06-01",
        "GET " + FakeSynapse.WORKSPACE_PATH + "/bigDataPools/mySparkPool?api-version=2021-06-01");
    assertThat(azure.batchRequests()).extracting(FakeSynapse.Request::line)
        .containsExactly("GET " + BATCHES + "?from=0&size=1&detailed=true");
    assertThat(fx.workspace.capacityOf(pool)).hasValueSatisfying(c -> {
      assertThat(c.cores()).isEqualTo(4 * 8);
      assertThat(c.memoryBytes()).isEqualTo(4L * (64L << 30));
    });
  }

  @Test
  void aPoolAzureDoesNotKnowFailsTheConnectionTestSayingSo() throws Exception {
    fx.workspace.attachCompute("other-pool", "synapse-spark-pool", Map.of("linkedService", "synapse-link",
        "pool", "nosuchpool", "nodeSize", "Small", "nodeCount", "3"));
    ComputeTarget pool = fx.workspace.computes().stream().filter(c -> c.name().equals("other-pool")).findFirst()
        .orElseThrow();

    ConnectionTest test = fx.workspace.testConnection(pool);

    assertThat(test.isOk()).isFalse();
    assertThat(test.message()).isEqualTo("Synapse workspace workspace1 has no Spark pool 'nosuchpool'");
  }

  /** No file under {@code dir} (logs, history database, staged copies) holds a token. */
  private static void assertNoTokenIn(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
            .doesNotContain("fake-token");
      }
    }
  }
}

package io.pipewright.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static io.pipewright.testing.AzureMlAnswers.HISTORY;
import static io.pipewright.testing.AzureMlAnswers.SUB;
import static io.pipewright.testing.AzureMlAnswers.WS;
import static io.pipewright.testing.AzureMlAnswers.child;
import static io.pipewright.testing.AzureMlAnswers.children;
import static io.pipewright.testing.AzureMlAnswers.job;

import io.pipewright.model.Pipeline;
import io.pipewright.model.PipelineFormat;
import io.pipewright.testing.AzureMlAnswers;
import io.pipewright.testing.FakeAzure;
import io.pipewright.testing.FakeAzureMlServer;
import io.pipewright.testing.SpecExamples;
import io.pipewright.workspace.ChildRun;
import io.pipewright.workspace.LinkedService;
import io.pipewright.workspace.LogStream;
import io.pipewright.workspace.RunEvent;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.RunSummary;
import io.pipewright.workspace.SubmitOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synapse-titanic sample run on Azure ML against a local fake of Azure ML's hosts
 * ({@link FakeAzureMlServer}) answering with the published 2024-10-01 examples: one pipeline job
 * with a Spark and a command child job, watched to the end with the children's logs in the log
 * store; a failed child with Azure's error; 401 then a fresh token; 429 with Retry-After; Stop.
 * Run History's and blob storage's answers have no published example: they are written from
 * azure-ai-ml's Run History models and said so (test resources README).
 */
class AzureMlRunTest {
  private static final Path SAMPLES = Path.of(System.getProperty("pipewright.samples"));
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;
  private FakeAzureMlServer server;
  private FakeAzure azure;
  private LocalWorkspace workspace;
  private Path pipelineFile;
  private final List<RunEvent> events = new CopyOnWriteArrayList<>();
  private final io.pipewright.testing.Signal eventArrived = new io.pipewright.testing.Signal();

  @BeforeAll
  static void pollFast() {
    System.setProperty("pipewright.azureml.pollMillis", "50");
  }

  @AfterAll
  static void pollAsUsual() {
    System.clearProperty("pipewright.azureml.pollMillis");
  }

  @BeforeEach
  void workspaceWithTheSamplesComputes() throws Exception {
    server = new FakeAzureMlServer();
    azure = server.session();
    workspace = LocalWorkspace.open(temp.resolve("home"));
    workspace.setAzureSession(azure);
    workspace.attachCompute("aml", "azureml", Map.of("subscriptionId", SUB, "resourceGroup", "test-rg",
        "workspaceName", "my-aml-workspace"));
    workspace.addLinkedService(new LinkedService("synapse-link", SUB, "test-rg", "contoso-synapse"));
    workspace.attachCompute("synapse-pool", "synapse-spark-pool", Map.of("linkedService", "synapse-link",
        "pool", "sparkpool1", "nodeSize", "Medium", "nodeCount", "3"));
    workspace.attachCompute("cpu-cluster", "azureml-cluster", Map.of("workspace", "aml", "vmSize", "STANDARD_DS3_V2",
        "minNodes", "0", "maxNodes", "4"));
    Path sample = temp.resolve("synapse-titanic");
    Files.createDirectories(sample);
    try (Stream<Path> files = Files.list(SAMPLES.resolve("synapse-titanic"))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.copy(file, sample.resolve(file.getFileName()));
      }
    }
    pipelineFile = sample.resolve("synapse-titanic.pipeline.json");
  }

  @AfterEach
  void close() {
    workspace.close();
    server.close();
  }

  private void acceptsTheJob() {
    AzureMlAnswers.acceptTheJob(server);
  }

  private String details(String runId, String status, String... names) {
    return AzureMlAnswers.details(server, runId, status, names);
  }

  private RunHandle submit(boolean regenerate) throws Exception {
    Pipeline pipeline = PipelineFormat.read(pipelineFile).pipeline();
    RunHandle run = workspace.submit(pipeline, new SubmitOptions(null, pipelineFile, Map.of(), regenerate, null));
    run.addListener(e -> {
      events.add(e);
      eventArrived.changed();
    });
    return run;
  }

  private static RunStatus await(RunHandle run) throws InterruptedException {
    return run.await(Duration.ofSeconds(30)).orElseThrow(() -> new AssertionError("the run did not end in 30 s"));
  }

  private ChildRun childRun(String runId, String stepId) throws Exception {
    return workspace.childRuns(runId).stream().filter(c -> c.stepId().equals(stepId)).findFirst().orElseThrow();
  }

  private String log(String runId, String stepId, String stream) throws Exception {
    LogStream log = workspace.log(runId, stepId, stream);
    return new String(log.read(0, (int) log.size()), StandardCharsets.UTF_8);
  }

  // ---- tests --------------------------------------------------------------------------------

  @Test
  void runningFromOneStepIsRefusedBecauseAzureMlRunsThePipelineAsOneJob() throws Exception {
    Pipeline pipeline = PipelineFormat.read(pipelineFile).pipeline();

    assertThatThrownBy(() -> workspace.submit(pipeline, new SubmitOptions(null, pipelineFile, Map.of(), false, null,
        io.pipewright.workspace.StepSelection.from("train"))))
        .isInstanceOf(io.pipewright.workspace.WorkspaceException.class)
        .hasMessage("'aml' runs the pipeline as one job: running from, up to or only one step is not supported"
            + " there; run the whole pipeline, or run it here with --target local-spark");
    assertThat(workspace.runs(10)).isEmpty();
  }

  @Test
  void theSynapseTitanicSampleRunsAsOnePipelineJobWithASparkAndACommandChildJob() throws Exception {
    acceptsTheJob();
    AzureMlAnswers.completeTheRun(server);

    RunHandle run = submit(false);

    assertThat(await(run)).as(log(run.runId(), "prep", LogStream.PIPEWRIGHT)).isEqualTo(RunStatus.COMPLETED);
    String job = "pipewright-" + run.runId().toLowerCase();
    assertThat(workspace.stepDetails(run.runId(), "prep").launch()).startsWith("Azure ML component " + WS
        + "/components/azureml_anonymous/versions/").contains("\"type\":\"spark\"");

    // One job, and its body exactly.
    List<RecordedRequest> puts = server.requests("PUT", WS + "/jobs/.*");
    assertThat(puts).hasSize(1);
    assertThat(puts.get(0).getUrl().encodedPath()).isEqualTo(WS + "/jobs/" + job);
    assertThat(puts.get(0).getUrl().queryParameter("api-version")).isEqualTo("2024-10-01");
    List<RecordedRequest> components = server.requests("PUT", WS + "/components/.*");
    assertThat(components).hasSize(2);
    String expected = Files.readString(Path.of(AzureMlRunTest.class.getResource("/azureml/synapse-titanic-job.json").toURI()))
        .replace("${runId}", run.runId())
        .replace("${prep.component}", components.get(0).getUrl().encodedPath())
        .replace("${train.component}", components.get(1).getUrl().encodedPath());
    assertThat(JSON.readTree(puts.get(0).getBody().utf8())).isEqualTo(JSON.readTree(expected));

    // The components: a Spark one running the SQL driver on the uploaded code, a command one.
    JsonNode prep = JSON.readTree(components.get(0).getBody().utf8()).path("properties");
    assertThat(prep.path("isAnonymous").asBoolean()).isTrue();
    JsonNode spec = prep.path("componentSpec");
    assertThat(spec.path("type").asText()).isEqualTo("spark");
    assertThat(spec.path("code").asText()).matches(WS + "/codes/pipewright-prep/versions/[0-9a-f]{16}");
    assertThat(spec.path("entry").path("class_name").asText()).isEqualTo("io.pipewright.spark.SqlStepDriver");
    assertThat(spec.path("inputs").path("titanic_file").path("mode").asText()).isEqualTo("direct");
    assertThat(spec.path("is_deterministic").asBoolean()).isTrue();
    JsonNode train = JSON.readTree(components.get(1).getBody().utf8()).path("properties").path("componentSpec");
    assertThat(train.path("type").asText()).isEqualTo("command");
    assertThat(train.path("command").asText()).isEqualTo("python3 train.py --data ${{inputs.prepared}}"
        + " --model-out ${{outputs.model}} --epochs 1500");
    assertThat(train.path("inputs").path("prepared").path("mode").asText()).isEqualTo("download");

    // Code folders: each file a block blob with the SAS and no bearer, then the code version.
    List<RecordedRequest> blobs = server.requests("PUT", "/blobs/code/.+");
    assertThat(blobs).extracting(r -> r.getUrl().encodedPath())
        .contains("/blobs/code/prep.sql", "/blobs/code/train.py", "/blobs/code/pipewright-sql-driver.jar");
    assertThat(blobs).allSatisfy(r -> {
      assertThat(r.getHeaders().get("x-ms-blob-type")).isEqualTo("BlockBlob");
      assertThat(r.getHeaders().get("Authorization")).isNull();
      assertThat(r.getUrl().queryParameter("sig")).isEqualTo("fake-sas-signature");
    });
    assertThat(server.requests("PUT", WS + "/codes/.*")).extracting(r -> r.getUrl().encodedPath())
        .containsExactly(spec.path("code").asText(), train.path("code").asText());
    assertThat(server.requests("PUT", WS + "/codes/.*")).allSatisfy(r -> {
      JsonNode code = JSON.readTree(r.getBody().utf8()).path("properties");
      assertThat(code.path("codeUri").asText()).isEqualTo(server.url() + "/blobs/code");
      assertThat(code.path("isAnonymous").asBoolean()).isTrue();
    });
    assertThat(server.requests("POST", WS + "/codes/.*")).hasSize(2);

    // Every Resource Manager call with the api-version and the bearer; log reads without it.
    for (RecordedRequest r : server.requests()) {
      String path = r.getUrl().encodedPath();
      if (path.startsWith(WS)) {
        assertThat(r.getUrl().queryParameter("api-version")).as(path).isEqualTo("2024-10-01");
        assertThat(r.getHeaders().get("Authorization")).as(path).isEqualTo("Bearer fake-token-1");
      } else if (path.startsWith("/logs/")) {
        assertThat(r.getHeaders().get("Authorization")).as(path).isNull();
        assertThat(r.getHeaders().get("Range")).as(path).startsWith("bytes=");
      }
    }

    // Statuses as for a local run, logs in the log store, Azure's names in the history.
    assertThat(childRun(run.runId(), "prep").status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(childRun(run.runId(), "train").status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(childRun(run.runId(), "prep").compute()).isEqualTo("synapse-pool");
    assertThat(events).filteredOn(e -> "prep".equals(e.stepId())).extracting(RunEvent::status)
        .containsSubsequence(RunStatus.RUNNING, RunStatus.COMPLETED);
    assertThat(log(run.runId(), "prep", LogStream.DRIVER_STDOUT)).isEqualTo("+---+\n| wrote output 'prepared': 891 rows\n");
    assertThat(log(run.runId(), "prep", LogStream.DRIVER_STDERR)).contains("Running Spark version 3.4");
    assertThat(log(run.runId(), "train", LogStream.DRIVER_STDOUT)).isEqualTo("train accuracy 0.80, log loss 0.45\n");
    assertThat(log(run.runId(), "prep", LogStream.PIPEWRIGHT))
        .contains("Azure ML pipeline job " + job + ": https://ml.azure.com/runs/pipewright-job")
        .contains("Azure ML child job prep_run_1")
        .contains("registered output prepared as Azure ML data asset titanic_prepared version 1");
    assertThat(remoteJobs(run.runId())).containsEntry("prep", "pipeline:aml:" + job + "/prep_run_1")
        .containsEntry("train", "pipeline:aml:" + job + "/train_run_1");
    assertThat(childRun(run.runId(), "prep").outputs()).containsEntry("prepared",
        "azureml://datastores/workspaceblobstore/paths/azureml/prep_run_1/prepared/");

    // The registered output, once its child completed.
    assertThat(server.requests("PUT", WS + "/data/titanic_prepared/versions/1")).singleElement().satisfies(r ->
        assertThat(JSON.readTree(r.getBody().utf8()).path("properties").path("dataUri").asText())
            .isEqualTo("azureml://datastores/workspaceblobstore/paths/azureml/prep_run_1/prepared/")).isNotNull();
    RunSummary summary = workspace.run(run.runId()).orElseThrow();
    assertThat(summary.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(summary.message()).isEqualTo("Azure ML pipeline job " + job + ": https://ml.azure.com/runs/pipewright-job?wsid=" + WS);
    assertThat(log(run.runId(), "prep", LogStream.PIPEWRIGHT))
        .contains("input titanic_file: mount is not honoured on Azure ML, whose Spark jobs read their inputs directly");
    assertNoTokenIn(temp.resolve("home"));
  }

  @Test
  void aMissingClusterIsCreatedAndAPoolNotAttachedYetIsAttachedBeforeTheJobIsSubmitted() throws Exception {
    // Answered before acceptTheJob's rules, which find both computes there already.
    server.on("GET", WS + "/computes/cpu-cluster")
        .json(404, "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"not found\"}}")
        .json(200, SpecExamples.responseText(AzureMlAnswers.EXAMPLES + "Compute/get/AmlCompute.json", 200));
    server.on("PUT", WS + "/computes/cpu-cluster").json(201,
        SpecExamples.responseText(AzureMlAnswers.EXAMPLES + "Compute/createOrUpdate/BasicAmlCompute.json", 201),
        "Azure-AsyncOperation", server.url() + "/operations/cluster", "Retry-After", "0");
    server.on("GET", "/operations/cluster").json(200, "{\"status\":\"Succeeded\"}");
    server.on("GET", WS + "/computes/synapse-pool")
        .json(404, "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"not found\"}}")
        .json(200, AzureMlAnswers.SYNAPSE_COMPUTE);
    server.on("PUT", WS + "/computes/synapse-pool").json(201, AzureMlAnswers.SYNAPSE_COMPUTE,
        "Azure-AsyncOperation", server.url() + "/operations/pool", "Retry-After", "0");
    server.on("GET", "/operations/pool").json(200, "{\"status\":\"Succeeded\"}");
    acceptsTheJob();
    AzureMlAnswers.completeTheRun(server);

    RunHandle run = submit(false);

    assertThat(await(run)).isEqualTo(RunStatus.COMPLETED);
    List<String> puts = server.requests().stream().filter(r -> r.getMethod().equals("PUT"))
        .map(r -> r.getUrl().encodedPath()).filter(p -> p.contains("/computes/") || p.contains("/jobs/")).toList();
    assertThat(puts).containsExactly(WS + "/computes/synapse-pool", WS + "/computes/cpu-cluster",
        WS + "/jobs/pipewright-" + run.runId().toLowerCase());
    JsonNode pool = JSON.readTree(server.requests("PUT", WS + "/computes/synapse-pool").get(0).getBody().utf8());
    assertThat(pool.path("properties").path("computeType").asText()).isEqualTo("SynapseSpark");
    assertThat(pool.path("properties").path("resourceId").asText()).isEqualTo(AzureMlAnswers.POOL_ID);
    JsonNode cluster = JSON.readTree(server.requests("PUT", WS + "/computes/cpu-cluster").get(0).getBody().utf8());
    assertThat(cluster.path("properties").path("properties").path("vmSize").asText()).isEqualTo("STANDARD_DS3_V2");
    assertThat(cluster.path("properties").path("properties").path("scaleSettings")).isEqualTo(JSON.readTree(
        "{\"minNodeCount\":0,\"maxNodeCount\":4,\"nodeIdleTimeBeforeScaleDown\":\"PT2M\"}"));
    assertThat(log(run.runId(), "train", LogStream.PIPEWRIGHT))
        .contains("Azure ML: Creating cluster 'cpu-cluster' (STANDARD_DS3_V2, 0–4 nodes)…")
        .contains("Azure ML: Compute 'cpu-cluster': Succeeded");
  }

  @Test
  void aFailedChildJobShowsAzuresErrorOnItsStep() throws Exception {
    acceptsTheJob();
    server.on("GET", WS + "/jobs/pipewright-[^/]+").json(200, job("Running")).json(200, job("Failed"));
    String failed = child("prep_run_2", "prep", "Prepare data", "Failed",
        "AnalysisException: [TABLE_OR_VIEW_NOT_FOUND] The table or view `titanic` cannot be found.");
    // Two pages: Run History's continuation token (its PaginatedRunList model).
    server.on("GET", HISTORY + "/runs/pipewright-[^/]+/children").dynamic(r -> {
      String token = r.getUrl().queryParameter("$continuationtoken");
      String body = token == null
          ? "{\"value\":[" + failed + "],\"continuationToken\":\"page 2\"}"
          : children(child("train_run_2", "train", "Train model", "NotStarted", null));
      return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    });
    server.on("GET", HISTORY + "/runs/prep_run_2/details").json(200,
        details("prep_run_2", "Failed", "logs/azureml/driver/stderr"));
    server.file("/logs/prep_run_2/logs/azureml/driver/stderr", "Traceback: AnalysisException\n");

    RunHandle run = submit(true);

    assertThat(await(run)).isEqualTo(RunStatus.FAILED);
    ChildRun prep = childRun(run.runId(), "prep");
    assertThat(prep.status()).isEqualTo(RunStatus.FAILED);
    assertThat(prep.message()).isEqualTo(
        "UserError: AnalysisException: [TABLE_OR_VIEW_NOT_FOUND] The table or view `titanic` cannot be found.");
    assertThat(childRun(run.runId(), "train").status()).isEqualTo(RunStatus.NOT_STARTED);
    assertThat(childRun(run.runId(), "train").message()).isEqualTo("not run: upstream step 'Prepare data' failed");
    assertThat(remoteJobs(run.runId()).get("train")).endsWith("/train_run_2");
    assertThat(server.requests("GET", HISTORY + "/runs/.*/children"))
        .anySatisfy(r -> assertThat(r.getUrl().queryParameter("$continuationtoken")).isEqualTo("page 2"));
    assertThat(workspace.run(run.runId()).orElseThrow().message()).isEqualTo("step 'Prepare data' failed: UserError:"
        + " AnalysisException: [TABLE_OR_VIEW_NOT_FOUND] The table or view `titanic` cannot be found. (Azure ML"
        + " pipeline job pipewright-" + run.runId().toLowerCase() + ": https://ml.azure.com/runs/pipewright-job?wsid=" + WS + ")");
    assertThat(log(run.runId(), "prep", LogStream.DRIVER_STDERR)).isEqualTo("Traceback: AnalysisException\n");
    // --regenerate-outputs is Azure ML's force_rerun.
    JsonNode body = JSON.readTree(server.requests("PUT", WS + "/jobs/.*").get(0).getBody().utf8());
    assertThat(body.path("properties").path("settings").path("force_rerun").asBoolean()).isTrue();
    assertNoTokenIn(temp.resolve("home"));
  }

  @Test
  void aPipelineAzureRefusesFailsTheRunWithAzuresErrorAndNothingIsSubmitted() throws Exception {
    // Resource Manager's AuthorizationFailed (common-types ErrorResponse), as AzureMlComputesTest serves it.
    server.on("GET", WS).json(403, "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"The client"
        + " 'ada@contoso.example' does not have authorization to perform action"
        + " 'Microsoft.MachineLearningServices/workspaces/read' over scope '" + WS + "'.\"}}");

    RunHandle run = submit(false);

    assertThat(await(run)).isEqualTo(RunStatus.FAILED);
    assertThat(workspace.run(run.runId()).orElseThrow().message()).startsWith("submitting to Azure ML failed: ")
        .contains("does not have authorization to perform action 'Microsoft.MachineLearningServices/workspaces/read'");
    assertThat(childRun(run.runId(), "prep").status()).isEqualTo(RunStatus.NOT_STARTED);
    assertThat(childRun(run.runId(), "prep").message()).isEqualTo("not run: the pipeline was not submitted");
    assertThat(server.requests("PUT", ".*")).isEmpty();
  }

  @Test
  void aRejectedTokenIsRefreshedOnceAndTheCallRepeated() throws Exception {
    // The first answer of the workspace read is 401 (an expired token), the next the workspace.
    server.on("GET", WS).json(401, "{\"error\":{\"code\":\"ExpiredAuthenticationToken\",\"message\":\"The access"
        + " token expiry UTC time is earlier than current UTC time.\"}}").json(200, AzureMlAnswers.workspace(server));
    acceptsTheJob();
    server.on("GET", WS + "/jobs/pipewright-[^/]+").json(200, job("Completed"));
    server.on("GET", HISTORY + "/runs/pipewright-[^/]+/children").json(200, children());

    RunHandle run = submit(false);

    assertThat(await(run)).isEqualTo(RunStatus.COMPLETED);
    List<RecordedRequest> reads = server.requests("GET", WS);
    assertThat(reads).extracting(r -> r.getHeaders().get("Authorization"))
        .containsExactly("Bearer fake-token-1", "Bearer fake-token-2");
    assertThat(azure.refreshes()).contains(true);
    assertNoTokenIn(temp.resolve("home"));
  }

  @Test
  void aThrottledJobSubmissionWaitsForRetryAfter() throws Exception {
    server.on("PUT", WS + "/jobs/pipewright-[^/]+").json(429, "{\"error\":{\"code\":\"TooManyRequests\","
        + "\"message\":\"Rate limit exceeded\"}}", "Retry-After", "1").json(201, job(null));
    acceptsTheJob();
    server.on("GET", WS + "/jobs/pipewright-[^/]+").json(200, job("Completed"));
    server.on("GET", HISTORY + "/runs/pipewright-[^/]+/children").json(200, children());

    RunHandle run = submit(false);

    assertThat(await(run)).isEqualTo(RunStatus.COMPLETED);
    List<RecordedRequest> puts = server.requests("PUT", WS + "/jobs/.*");
    assertThat(puts).hasSize(2);
    assertThat(puts.get(1).getBody().utf8()).isEqualTo(puts.get(0).getBody().utf8());
    assertThat(events).filteredOn(RunEvent::isRunLevel).extracting(RunEvent::status).last()
        .isEqualTo(RunStatus.COMPLETED);
  }

  @Test
  void stopCancelsThePipelineJob() throws Exception {
    acceptsTheJob();
    java.util.concurrent.atomic.AtomicBoolean canceled = new java.util.concurrent.atomic.AtomicBoolean();
    server.on("POST", WS + "/jobs/pipewright-[^/]+/cancel").dynamic(r -> {
      canceled.set(true);
      return new MockResponse.Builder().code(202).addHeader("Location", server.url() + WS + "/jobs/x").build();
    });
    server.on("GET", WS + "/jobs/pipewright-[^/]+").dynamic(r -> new MockResponse.Builder().code(200)
        .addHeader("Content-Type", "application/json").body(job(canceled.get() ? "Canceled" : "Running")).build());
    server.on("GET", HISTORY + "/runs/pipewright-[^/]+/children").dynamic(r -> new MockResponse.Builder().code(200)
        .body(children(child("prep_run_3", "prep", "Prepare data", canceled.get() ? "Canceled" : "Running", null)))
        .build());
    server.on("GET", HISTORY + "/runs/prep_run_3/details").json(200, details("prep_run_3", "Running"));

    RunHandle run = submit(false);
    awaitEvent("prep", RunStatus.RUNNING);
    run.cancel();

    assertThat(await(run)).isEqualTo(RunStatus.CANCELED);
    assertThat(server.requests("POST", WS + "/jobs/.*/cancel")).singleElement()
        .satisfies(r -> assertThat(r.getUrl().queryParameter("api-version")).isEqualTo("2024-10-01"));
    assertThat(childRun(run.runId(), "prep").status()).isEqualTo(RunStatus.CANCELED);
    assertThat(childRun(run.runId(), "train").status()).isEqualTo(RunStatus.CANCELED);
  }

  @Test
  void stopWhileTheCodeIsUploadedSubmitsNoJob() throws Exception {
    java.util.concurrent.CountDownLatch uploading = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
    String pending = SpecExamples.responseText(AzureMlAnswers.EXAMPLES
        + "Workspace/CodeVersion/createOrGetStartPendingUpload.json", 200)
        .replace("https://www.contoso.com/example", server.url() + "/blobs/code");
    server.on("POST", WS + "/codes/[^/]+/versions/[^/]+/startPendingUpload").dynamic(r -> {
      uploading.countDown();
      try {
        stopped.await(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(pending).build();
    });
    acceptsTheJob();

    RunHandle run = submit(false);
    assertThat(uploading.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    run.cancel();
    stopped.countDown();

    assertThat(await(run)).isEqualTo(RunStatus.CANCELED);
    assertThat(childRun(run.runId(), "prep").status()).isEqualTo(RunStatus.CANCELED);
    assertThat(workspace.run(run.runId()).orElseThrow().message())
        .isEqualTo("canceled before the pipeline was submitted to Azure ML");
    assertThat(server.requests("PUT", WS + "/jobs/.*")).isEmpty();
  }

  @Test
  void aPipelineJobLeftByAPipewrightThatDiedIsCanceledOnceTheNextSessionIsSignedIn() throws Exception {
    acceptsTheJob();
    java.util.concurrent.atomic.AtomicBoolean canceled = new java.util.concurrent.atomic.AtomicBoolean();
    server.on("POST", WS + "/jobs/pipewright-[^/]+/cancel").dynamic(r -> {
      canceled.set(true);
      return new MockResponse.Builder().code(200).build();
    });
    server.on("GET", WS + "/jobs/pipewright-[^/]+").dynamic(r -> new MockResponse.Builder().code(200)
        .addHeader("Content-Type", "application/json").body(job(canceled.get() ? "Canceled" : "Running")).build());
    server.on("GET", HISTORY + "/runs/pipewright-[^/]+/children").json(200,
        children(child("prep_run_4", "prep", "Prepare data", "Running", null)));
    server.on("GET", HISTORY + "/runs/prep_run_4/details").json(200, details("prep_run_4", "Running"));
    RunHandle run = submit(false);
    awaitEvent("prep", RunStatus.RUNNING);
    String job = "pipewright-" + run.runId().toLowerCase();
    // The Pipewright that owns the run dies: its history names a process that is gone.
    Process gone = new ProcessBuilder("true").start();
    assertThat(gone.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("'true' ended").isTrue();
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + temp.resolve("home/history.db"));
         var owner = db.prepareStatement("UPDATE runs SET owner_pid = ? WHERE id = ?")) {
      owner.setLong(1, gone.pid());
      owner.setString(2, run.runId());
      owner.executeUpdate();
    }

    try (LocalWorkspace reopened = LocalWorkspace.open(temp.resolve("home"))) {
      assertThat(reopened.childRuns(run.runId())).filteredOn(c -> c.stepId().equals("prep"))
          .extracting(ChildRun::status).containsExactly(RunStatus.CANCELED);
      assertThat(server.requests("POST", WS + "/jobs/.*/cancel")).as("nothing before signing in").isEmpty();
      reopened.setAzureSession(server.session());

      io.pipewright.testing.FileWatch.until(reopened.stepDirectory(run.runId(), "prep").resolve("logs"),
          Duration.ofSeconds(10), "the recovery's note in prep's log", () -> log(run.runId(), "prep",
              LogStream.PIPEWRIGHT).contains("recovery: its Azure ML pipeline job " + job + " was asked to cancel"));
    }
    assertThat(server.requests("POST", WS + "/jobs/" + job + "/cancel")).hasSize(1);
    assertThat(log(run.runId(), "train", LogStream.PIPEWRIGHT)).contains("recovery: its pipeline job " + job
        + " on 'aml' is canceled once this session is signed in to Azure");
    assertThat(await(run)).as("the first session's watch sees the job end").isEqualTo(RunStatus.CANCELED);
  }

  private void awaitEvent(String stepId, RunStatus status) throws InterruptedException {
    eventArrived.await(Duration.ofSeconds(10), stepId + " " + status,
        () -> events.stream().anyMatch(e -> stepId.equals(e.stepId()) && e.status() == status));
  }

  private Map<String, String> remoteJobs(String runId) throws Exception {
    Map<String, String> jobs = new TreeMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + temp.resolve("home/history.db"));
         var statement = c.prepareStatement("SELECT step_id, remote_job FROM child_runs WHERE run_id = ?")) {
      statement.setString(1, runId);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          jobs.put(rows.getString(1), rows.getString(2));
        }
      }
    }
    return jobs;
  }

  /** No file under {@code dir} (the history database included) holds any of the fake tokens. */
  private static void assertNoTokenIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertThat(content).as(file.toString()).doesNotContain("fake-token");
      }
    }
  }
}

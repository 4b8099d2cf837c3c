package io.pipewright.azureml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipewright.azure.Arm;
import io.pipewright.azure.AzureErrors;
import io.pipewright.http.Cancellation;
import io.pipewright.http.RemoteException;
import io.pipewright.http.RestClient;
import io.pipewright.http.RetryPolicy;
import io.pipewright.http.Timeouts;
import io.pipewright.io.Jackson;
import io.pipewright.model.OutputPort;
import io.pipewright.model.Step;
import io.pipewright.workspace.AzureSession;
import io.pipewright.workspace.ComputeKind;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.LinkedService;
import io.pipewright.workspace.LogStream;
import io.pipewright.workspace.PipelineBackend;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.WorkspaceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pipeline run on Azure ML: uploads each step's code folder as a code asset, registers the
 * anonymous component of each step, PUTs the pipeline job, then polls it (Resource Manager's
 * {@code GET /jobs/{name}}) and its child runs (Run History's {@code /runs/{name}/children}) into
 * the steps' statuses, tails each child's logs ({@code logFiles} of {@code /runs/{child}/details}:
 * SAS URLs read by range, without a bearer) into the steps' log streams, and registers outputs
 * marked for registration as data assets once their child job completes.
 *
 * <p>Run History's host is the one of the workspace's {@code discoveryUrl} (in the public cloud
 * {@code https://REGION.api.azureml.ms}); it takes the Resource Manager token. Its answers' fields
 * ({@code value[].runId, status, tags, displayName, error.error.message}; {@code logFiles}) follow
 * azure-ai-ml's Run History client; they are not in the REST specs, so not verified there.
 */
final class AzureMlPipelineRun implements PipelineBackend.Execution {

  private static final Logger LOG = LoggerFactory.getLogger(AzureMlPipelineRun.class);
  private static final String API = AzureMlPipelineBackend.API_VERSION;
  /** Polls that may fail in a row (network, 5xx after retries) before the run is given up. */
  private static final int MAX_FAILED_POLLS = 10;
  /** Pages of child runs read per poll at most. */
  private static final int MAX_CHILD_PAGES = 20;
  /** Log bytes read per request. */
  private static final int LOG_CHUNK = 1 << 20;

  private final PipelineBackend.Submission submission;
  private final PipelineBackend.Recorder recorder;
  private final Duration poll;
  private final AzureSession azure;
  private final AzureMlWorkspaceRef ref;
  private final Arm arm;
  private final RestClient blobs;
  private final AzureMlPipelineJob mapping;
  private final String jobName;
  private final Cancellation stop = new Cancellation();
  private final CompletableFuture<RunStatus> completion = new CompletableFuture<>();
  private final AtomicBoolean cancelRequested = new AtomicBoolean();
  private Arm history;

  // Watch state, touched by the watch thread only.
  private final Map<String, String> childOfStep = new HashMap<>();
  private final Map<String, RunStatus> stepStatus = new HashMap<>();
  /** The step that failed first, as the polls saw it, and its cause; null until one fails. */
  private String firstFailed;
  private String firstFailure;
  private final Map<String, Long> logOffsets = new HashMap<>();
  private final Set<String> registered = new HashSet<>();
  private final Set<String> tailedToEnd = new HashSet<>();
  private String studio;
  private RunStatus runStatus;

  AzureMlPipelineRun(PipelineBackend.Submission submission, PipelineBackend.Recorder recorder, Duration poll)
      throws WorkspaceException {
    this.submission = submission;
    this.recorder = recorder;
    this.poll = poll;
    this.azure = submission.context().azure();
    this.ref = AzureMlWorkspaceRef.of(submission.workspace());
    this.arm = Arm.of(azure);
    this.blobs = RestClient.to(arm.baseUrl()).timeouts(Timeouts.DEFAULT).retry(RetryPolicy.DEFAULT).build();
    this.mapping = new AzureMlPipelineJob(submission, ref);
    this.jobName = AzureMlPipelineJob.jobName(submission.runId());
  }

  // ---- submitting ---------------------------------------------------------------------------

  /** Uploads, registers and PUTs the job; returns once Azure ML has accepted it, then watches it on a thread. */
  void submit() throws WorkspaceException {
    try {
      AzureMlComputes computes = AzureMlComputes.of(arm, ref.subscriptionId(), ref.resourceGroup(),
          ref.workspaceName());
      history = Arm.to(historyBase(computes.workspace(stop)), azure, AzureSession.MANAGEMENT_SCOPE);
      ensureComputes(computes);
      Map<String, String> componentIds = new LinkedHashMap<>();
      for (String stepId : submission.order()) {
        stopIfCanceled();
        Step step = submission.pipeline().step(stepId).orElseThrow();
        String codeId = new CodeUpload(arm, blobs, ref, stop).upload(step, codeFiles(step),
            note -> recorder.logs(stepId).note(note));
        if (step.isSpark()) {
          step.inputs().stream().filter(port -> port.mode() != io.pipewright.model.InputMode.DIRECT)
              .forEach(port -> recorder.logs(stepId).note("input " + port.name() + ": " + port.mode().wireName()
                  + " is not honoured on Azure ML, whose Spark jobs read their inputs directly"));
        }
        ObjectNode spec = mapping.component(step, codeId);
        String version = CodeUpload.hash(Jackson.MAPPER.writeValueAsBytes(spec));
        ObjectNode body = Jackson.MAPPER.createObjectNode();
        ObjectNode properties = body.putObject("properties");
        properties.put("isAnonymous", true);
        properties.set("componentSpec", spec);
        String path = ref.path() + "/components/azureml_anonymous/versions/" + version;
        arm.put(path, API, body, Duration.ofMinutes(5), status -> {}, stop);
        componentIds.put(stepId, path);
        recorder.logs(stepId).note("Azure ML: component " + path + " (" + spec.path("type").asText() + ", on "
            + mapping.computeName(stepId) + ")");
        recorder.logs(stepId).launched("Azure ML component " + path + " on " + mapping.computeName(stepId) + ": "
            + io.pipewright.http.Redaction.body(spec.toString()));
      }
      ObjectNode body = mapping.body(componentIds);
      Files.createDirectories(submission.runDirectory());
      Files.write(submission.runDirectory().resolve("azureml-job.json"),
          Jackson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(body));
      stopIfCanceled();
      // Recorded first: a Pipewright that dies while the job is being created leaves its name to cancel.
      recorder.remoteRun(jobName);
      JsonNode job = arm.put(ref.path() + "/jobs/" + jobName, API, body, Duration.ofMinutes(5), status -> {}, stop);
      studio = job.path("properties").path("services").path("Studio").path("endpoint").asText(null);
      String where = "Azure ML pipeline job " + jobName + (studio == null ? "" : ": " + studio);
      submission.order().forEach(id -> recorder.logs(id).note(where));
      recorder.runStatus(RunStatus.QUEUED, where);
    } catch (IOException e) {
      throw new WorkspaceException(e instanceof RemoteException ? AzureErrors.serverMessage(e) : e.getMessage(), e);
    }
    Thread watcher = new Thread(this::watch, "pipewright-azureml-" + jobName);
    watcher.setDaemon(true);
    watcher.start();
  }

  /**
   * Creates the clusters the steps run on when missing, and attaches their Synapse pools when not
   * attached yet (through the pool's linked service), each once.
   */
  private void ensureComputes(AzureMlComputes computes) throws IOException, WorkspaceException {
    Set<String> done = new HashSet<>();
    for (String stepId : submission.order()) {
      ComputeTarget target = submission.stepComputes().get(stepId);
      Step step = submission.pipeline().step(stepId).orElseThrow();
      Consumer<String> progress = line -> recorder.logs(stepId).note("Azure ML: " + line);
      if (ComputeKind.AZUREML_CLUSTER.equals(target.kind())) {
        if (step.isSpark()) {
          throw new WorkspaceException("Spark step '" + step.name() + "' runs on Azure ML cluster '" + target.name()
              + "', which runs script steps only: give it a Synapse Spark pool");
        }
        if (done.add(target.name())) {
          computes.ensureCluster(target.name(), target.setting("vmSize").orElse("STANDARD_DS3_V2"),
              target.setting("minNodes").map(Integer::parseInt).orElse(0),
              target.setting("maxNodes").map(Integer::parseInt).orElse(4), AzureMlComputes.DEFAULT_IDLE,
              AzureMlComputes.CREATE_TIMEOUT, progress, stop);
        }
      } else if (ComputeKind.SYNAPSE_SPARK_POOL.equals(target.kind())) {
        if (!step.isSpark()) {
          throw new WorkspaceException("script step '" + step.name() + "' runs on Synapse pool '" + target.name()
              + "', which runs Spark steps only: give it an Azure ML cluster");
        }
        if (done.add(target.name())) {
          computes.ensureSynapsePool(target.name(), synapsePoolId(target), AzureMlComputes.CREATE_TIMEOUT, progress,
              stop);
        }
      } else {
        throw new WorkspaceException("step '" + step.name() + "' runs on '" + target.name() + "' (" + target.kind()
            + "), which an Azure ML pipeline cannot use: give Spark steps a Synapse Spark pool and script steps an"
            + " Azure ML cluster");
      }
    }
  }

  /** The Resource Manager id of a Synapse pool target's pool, through its linked service. */
  private String synapsePoolId(ComputeTarget pool) throws WorkspaceException {
    String linked = pool.setting("linkedService").orElse("");
    LinkedService service = submission.linkedServices().stream().filter(l -> l.name().equals(linked)).findFirst()
        .orElseThrow(() -> new WorkspaceException("Synapse pool '" + pool.name() + "' names linked service '" + linked
            + "', which does not exist"));
    return "/subscriptions/" + service.subscriptionId() + "/resourceGroups/" + service.resourceGroup()
        + "/providers/Microsoft.Synapse/workspaces/" + service.synapseWorkspace() + "/bigDataPools/"
        + pool.setting("pool").orElse(pool.name());
  }

  private void stopIfCanceled() throws WorkspaceException {
    if (recorder.isCanceled()) {
      throw new WorkspaceException("canceled before the pipeline job was created");
    }
  }

  /** {@code https://HOST/history/v1.0} plus the workspace's path, HOST from the workspace's {@code discoveryUrl}. */
  private String historyBase(AzureMlWorkspaceInfo workspace) throws WorkspaceException {
    String discovery = workspace.discoveryUrl();
    if (discovery.isBlank()) {
      String location = workspace.location();
      if (location.isBlank()) {
        throw new WorkspaceException("Azure ML workspace '" + ref.workspaceName() + "' did not say where its run"
            + " history is (no discoveryUrl)");
      }
      discovery = "https://" + location + ".api.azureml.ms/discovery";
    }
    URI uri = URI.create(discovery);
    return uri.getScheme() + "://" + uri.getRawAuthority() + "/history/v1.0" + ref.path();
  }

  /** The files of a step's code folder: its source directory, and the SQL driver jar for a SQL step. */
  private Map<String, Path> codeFiles(Step step) throws WorkspaceException {
    Path source = submission.options().baseDirectory().resolve(step.sourceDirectory()).normalize();
    Map<String, Path> files = CodeUpload.filesOf(source);
    if (step.kind() instanceof io.pipewright.model.SparkStep spark
        && spark.entry() instanceof io.pipewright.model.SparkEntry.Sql) {
      Path jar = submission.context().sqlDriverJar();
      if (jar == null || !Files.isRegularFile(jar)) {
        throw new WorkspaceException("step '" + step.name() + "' is a SQL step, and Pipewright's SQL driver jar is"
            + " missing: reinstall Pipewright");
      }
      files.put(AzureMlPipelineJob.SQL_DRIVER_JAR, jar);
    }
    return files;
  }

  // ---- watching -----------------------------------------------------------------------------

  private void watch() {
    int failedPolls = 0;
    while (true) {
      try {
        JsonNode job = arm.get(ref.path() + "/jobs/" + jobName, API, stop);
        RunStatus status = status(job.path("properties").path("status").asText("NotStarted"));
        String children = history.baseUrl() + "/runs/" + jobName + "/children";
        String page = children;
        for (int pages = 0; page != null && pages < MAX_CHILD_PAGES; pages++) {
          JsonNode list = history.get(page, null, stop);
          for (JsonNode child : list.path("value")) {
            child(child);
          }
          // Run History pages with a continuation token (azure-ai-ml's PaginatedRunList; unverified).
          String token = list.path("continuationToken").asText("");
          page = token.isBlank() ? null
              : children + "?$continuationtoken=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8);
        }
        failedPolls = 0;
        if (status.isFinal()) {
          end(status);
          return;
        }
        if (status != runStatus) {
          runStatus = status;
          recorder.runStatus(status, "Azure ML pipeline job " + jobName + (studio == null ? "" : ": " + studio));
        }
      } catch (IOException | RuntimeException e) {
        if (stop.isCanceled()) {
          completion.complete(RunStatus.CANCELED);
          return;
        }
        failedPolls++;
        String why = e instanceof IOException io ? AzureErrors.serverMessage(io) : e.toString();
        LOG.warn("Azure ML job {}: poll {} failed: {}", jobName, failedPolls, why);
        if (failedPolls >= MAX_FAILED_POLLS) {
          String message = "lost contact with Azure ML after " + failedPolls + " failed polls (" + why + "); the job "
              + jobName + " may still run there";
          recorder.runStatus(RunStatus.FAILED, message);
          completion.complete(RunStatus.FAILED);
          return;
        }
      }
      if (stop.sleep(poll)) {
        completion.complete(RunStatus.CANCELED);
        return;
      }
    }
  }

  /** A child run as Run History lists it: its step's status, its logs, its registered outputs. */
  private void child(JsonNode child) throws IOException {
    String runId = child.path("runId").asText(child.path("name").asText(""));
    Optional<String> stepId = stepOf(child);
    if (runId.isBlank() || stepId.isEmpty()) {
      return;
    }
    String step = stepId.get();
    if (!runId.equals(childOfStep.get(step))) {
      childOfStep.put(step, runId);
      recorder.remoteJob(step, runId);
      recorder.logs(step).note("Azure ML child job " + runId);
    }
    RunStatus status = status(child.path("status").asText("NotStarted"));
    if (status == RunStatus.COMPLETED && child.path("properties").path("azureml.isreused").asText("").equals("true")) {
      status = RunStatus.REUSED;
    }
    // Logs are read while the child runs, and once more after it ended (what it wrote last).
    if (status != RunStatus.NOT_STARTED && status != RunStatus.QUEUED && !tailedToEnd.contains(step)) {
      tail(step, runId);
      if (status.isFinal()) {
        tailedToEnd.add(step);
      }
    }
    if (status.isSuccess() && registered.add(step)) {
      outputs(step, runId);
    }
    if (status != stepStatus.get(step)) {
      stepStatus.put(step, status);
      String message = null;
      if (status == RunStatus.FAILED) {
        message = errorOf(child).orElse("the Azure ML child job " + runId + " failed");
        recorder.logs(step).note("failed: " + message);
        if (firstFailed == null) {
          firstFailed = step;
          firstFailure = message;
        }
      } else if (status == RunStatus.RUNNING) {
        message = mapping.computeName(step);
      }
      recorder.stepStatus(step, status, message);
    }
  }

  /** The step of a child run: the tag Pipewright set on its node, else its name or display name. */
  private Optional<String> stepOf(JsonNode child) {
    String tagged = child.path("tags").path(AzureMlPipelineJob.STEP_TAG).asText("");
    if (!tagged.isBlank() && submission.order().contains(tagged)) {
      return Optional.of(tagged);
    }
    for (String field : new String[] {"name", "displayName"}) {
      String value = child.path(field).asText("");
      for (String id : submission.order()) {
        Step step = submission.pipeline().step(id).orElseThrow();
        if (value.equals(id) || value.equals(step.name())) {
          return Optional.of(id);
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> errorOf(JsonNode child) {
    JsonNode error = child.path("error");
    for (JsonNode candidate : new JsonNode[] {error.path("error"), error}) {
      String message = candidate.path("message").asText("");
      if (!message.isBlank()) {
        String code = candidate.path("code").asText("");
        return Optional.of(code.isBlank() ? message : code + ": " + message);
      }
    }
    return Optional.empty();
  }

  /** Appends what is new in the child's log files to the step's streams. */
  private void tail(String step, String childRun) throws IOException {
    JsonNode details = history.get(history.baseUrl() + "/runs/" + childRun + "/details", null, stop);
    Iterator<Map.Entry<String, JsonNode>> files = details.path("logFiles").fields();
    while (files.hasNext()) {
      Map.Entry<String, JsonNode> file = files.next();
      Optional<String> stream = streamOf(file.getKey());
      if (stream.isEmpty()) {
        continue;
      }
      String key = step + "\u0000" + stream.get();
      long offset = logOffsets.getOrDefault(key, 0L);
      byte[] bytes;
      try {
        RestClient.Reply reply = blobs.send("GET", file.getValue().asText(), null,
            Map.of("Range", "bytes=" + offset + "-" + (offset + LOG_CHUNK - 1)), stop);
        bytes = reply.body();
        if (reply.status() == 200 && offset > 0) {
          // The server ignored the range and sent the whole file.
          bytes = bytes.length > offset ? java.util.Arrays.copyOfRange(bytes, (int) offset, bytes.length) : new byte[0];
        }
      } catch (RemoteException e) {
        if (e.status() == 416) {
          continue; // nothing new
        }
        throw e;
      }
      if (bytes.length > 0) {
        try {
          Files.write(recorder.logFile(step, stream.get()), bytes, StandardOpenOption.APPEND);
        } catch (UncheckedIOException u) {
          throw u.getCause();
        }
        logOffsets.put(key, offset + bytes.length);
      }
    }
  }

  /**
   * The log stream a child's log file goes to: a Spark job's driver stdout and stderr, and a command
   * job's {@code user_logs/std_log.txt} (its process's output) as the driver's stdout, which is what
   * the Log tab and {@code pipewright run} show first.
   */
  static Optional<String> streamOf(String logFile) {
    String name = logFile.toLowerCase(Locale.ROOT);
    if (name.endsWith("driver/stdout") || name.endsWith("driver/stdout.txt")) {
      return Optional.of(LogStream.DRIVER_STDOUT);
    }
    if (name.endsWith("driver/stderr") || name.endsWith("driver/stderr.txt")) {
      return Optional.of(LogStream.DRIVER_STDERR);
    }
    if (name.equals("user_logs/std_log.txt")) {
      return Optional.of(LogStream.DRIVER_STDOUT);
    }
    return Optional.empty();
  }

  /**
   * Records where a completed child's outputs are, and registers those marked for registration as
   * data assets (stable 2024-10-01 outputs cannot register themselves). The path is Azure ML's
   * default output path, {@code azureml/{job}/{output}/} of the default datastore (unverified for
   * pipeline children).
   */
  private void outputs(String step, String childRun) throws IOException {
    Step s = submission.pipeline().step(step).orElseThrow();
    for (OutputPort port : s.outputs()) {
      String uri = "azureml://datastores/" + AzureMlPipelineJob.DEFAULT_DATASTORE + "/paths/azureml/" + childRun + "/"
          + port.name() + "/";
      recorder.output(step, port.name(), uri);
      if (port.registration().isEmpty()) {
        continue;
      }
      String name = port.registration().get();
      int version = nextVersion(name);
      ObjectNode body = Jackson.MAPPER.createObjectNode();
      ObjectNode properties = body.putObject("properties");
      properties.put("dataType", "uri_folder");
      properties.put("dataUri", uri);
      properties.put("description", "Output " + port.name() + " of step '" + s.name() + "', Pipewright run "
          + submission.runId());
      arm.put(ref.path() + "/data/" + name + "/versions/" + version, API, body, Duration.ofMinutes(2), x -> {}, stop);
      recorder.logs(step).note("registered output " + port.name() + " as Azure ML data asset " + name + " version "
          + version);
    }
  }

  private int nextVersion(String dataName) throws IOException {
    try {
      int latest = 0;
      for (JsonNode version : arm.list(ref.path() + "/data/" + dataName + "/versions", API, stop)) {
        try {
          latest = Math.max(latest, Integer.parseInt(version.path("name").asText("")));
        } catch (NumberFormatException e) {
          // a version that is not a number: Pipewright's are
        }
      }
      return latest + 1;
    } catch (RemoteException e) {
      if (e.status() == 404) {
        return 1;
      }
      throw e;
    }
  }

  private String stepName(String stepId) {
    return submission.pipeline().step(stepId).map(io.pipewright.model.Step::name).orElse(stepId);
  }

  /** The steps whose outputs {@code stepId} reads, directly or through other steps. */
  private java.util.Set<String> upstreamOf(String stepId) {
    java.util.Set<String> found = new java.util.HashSet<>();
    java.util.Deque<String> todo = new java.util.ArrayDeque<>(java.util.List.of(stepId));
    while (!todo.isEmpty()) {
      String current = todo.pop();
      for (io.pipewright.model.Edge edge : submission.pipeline().edges()) {
        if (edge.to().node().equals(current) && submission.pipeline().step(edge.from().node()).isPresent()
            && found.add(edge.from().node())) {
          todo.push(edge.from().node());
        }
      }
    }
    return found;
  }

  private void end(RunStatus status) throws IOException {
    // Steps Azure ML never started.
    for (String step : submission.order()) {
      RunStatus s = stepStatus.get(step);
      if (s == null || !s.isFinal()) {
        RunStatus settled = status == RunStatus.CANCELED ? RunStatus.CANCELED : RunStatus.NOT_STARTED;
        recorder.stepStatus(step, settled, status == RunStatus.CANCELED ? "canceled"
            : firstFailed != null && upstreamOf(step).contains(firstFailed)
                ? "not run: upstream step '" + stepName(firstFailed) + "' failed" : "not run");
      }
    }
    // The run's message keeps where it ran, so that the history links to its Studio page.
    String where = "Azure ML pipeline job " + jobName + (studio == null ? "" : ": " + studio);
    String message = where;
    if (status == RunStatus.FAILED) {
      message = (firstFailed != null ? "step '" + stepName(firstFailed) + "' failed: " + firstFailure
          : submission.order().stream().filter(id -> stepStatus.get(id) == RunStatus.FAILED).findFirst()
              .map(id -> "step '" + stepName(id) + "' failed")
              .orElse("the Azure ML pipeline job failed")) + " (" + where + ")";
    } else if (status == RunStatus.CANCELED) {
      message = "canceled (" + where + ")";
    }
    recorder.runStatus(status, message);
    completion.complete(status);
  }

  /** Azure ML's job and run statuses as Pipewright's. */
  static RunStatus status(String azure) {
    return switch (azure.toLowerCase(Locale.ROOT)) {
      case "notstarted" -> RunStatus.NOT_STARTED;
      case "queued", "scheduled", "paused" -> RunStatus.QUEUED;
      case "starting", "provisioning", "preparing" -> RunStatus.PREPARING;
      case "finalizing", "cancelrequested" -> RunStatus.FINALIZING;
      case "completed" -> RunStatus.COMPLETED;
      case "failed" -> RunStatus.FAILED;
      case "canceled", "cancelled" -> RunStatus.CANCELED;
      default -> RunStatus.RUNNING; // Running, NotResponding, Unknown
    };
  }

  // ---- the handle ---------------------------------------------------------------------------

  @Override
  public CompletableFuture<RunStatus> completion() {
    return completion;
  }

  /** Asks Azure ML to cancel the job ({@code POST /jobs/{name}/cancel}); the watch sees it end Canceled. */
  @Override
  public void cancel() {
    if (!cancelRequested.compareAndSet(false, true)) {
      return;
    }
    Thread thread = new Thread(() -> {
      try {
        arm.post(ref.path() + "/jobs/" + jobName + "/cancel", API, null, Duration.ZERO, Cancellation.none());
        submission.order().forEach(id -> recorder.logs(id).note("asked Azure ML to cancel job " + jobName));
      } catch (IOException e) {
        String why = AzureErrors.serverMessage(e);
        LOG.warn("Azure ML job {}: cancel failed: {}", jobName, why);
        submission.order().forEach(id -> recorder.logs(id).note("Azure ML did not cancel job " + jobName + ": " + why));
      }
    }, "pipewright-azureml-cancel-" + jobName);
    thread.setDaemon(true);
    thread.start();
  }
}

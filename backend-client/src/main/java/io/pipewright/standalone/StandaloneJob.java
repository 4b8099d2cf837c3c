package io.pipewright.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipewright.http.Cancellation;
import io.pipewright.http.Redaction;
import io.pipewright.http.RemoteException;
import io.pipewright.http.RestClient;
import io.pipewright.remote.RemoteJob;
import io.pipewright.remote.RemoteLogs;
import io.pipewright.remote.SparkSubmission;
import io.pipewright.workspace.StepLogs;
import io.pipewright.workspace.WorkspaceException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark step as a driver in cluster deploy mode on a standalone cluster: created through the
 * master's REST submission server, polled there, its stdout and stderr read by offset from the
 * worker's log endpoint, killed through the REST server.
 */
final class StandaloneJob implements RemoteJob {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  /** The header of a worker's log answer: {@code ==== Bytes 0-1234 of 1234 of /path/stdout ====}. */
  private static final Pattern LOG_HEADER = Pattern.compile("^==== Bytes (\\d+)-(\\d+) of (\\d+) of .*====\\R?");
  private static final int LOG_CHUNK = 256 * 1024;

  private final StandaloneUrls urls;
  private final RestClient rest;
  private final RestClient web;
  private final SparkSubmission submission;
  private final String sparkVersion;
  private final StepLogs logs;
  private String workerId;
  private String workerUi;
  /** The host of the worker the driver runs on ("127.0.0.1"), from the driver's status. */
  private String workerHost;
  /** The port the driver's Spark UI is asked to listen on (spark.ui.port), chosen free on this machine. */
  private final int uiPort;
  private long stdoutOffset;
  private long stderrOffset;

  StandaloneJob(StandaloneUrls urls, RestClient rest, RestClient web, SparkSubmission submission, String sparkVersion,
      StepLogs logs) {
    this.urls = urls;
    this.rest = rest;
    this.web = web;
    this.submission = submission;
    this.sparkVersion = sparkVersion;
    this.logs = logs;
    this.uiPort = freePort();
  }

  /**
   * A port free on this machine now: exactly right for a cluster on this machine, a guess for a
   * worker elsewhere (where Spark takes the next port if it is taken, and the progress stays unknown).
   */
  private static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      return 4040; // Spark's own default
    }
  }

  @Override
  public String where() {
    return "the Spark master " + urls.master();
  }

  @Override
  public String submit(Cancellation cancel) throws RemoteException, WorkspaceException {
    Set<String> before = driverIds(cancel);
    JsonNode request = createRequest();
    String launch = "POST " + urls.rest() + "/v1/submissions/create " + Redaction.body(request.toString());
    logs.note("request: " + launch);
    logs.launched(launch);
    try {
      return created(rest.post("/v1/submissions/create", request, cancel));
    } catch (RemoteException e) {
      if (!e.outcomeUnknown() || e.canceled()) {
        throw e;
      }
      // The answer was lost: the driver may exist. Look for it before sending the request again.
      List<String> found = newDrivers(before, cancel);
      if (found.size() == 1) {
        logs.note("the master's answer was lost; found the driver it created: " + found.get(0));
        return found.get(0);
      }
      if (found.size() > 1) {
        throw new WorkspaceException("the master's answer to the submission was lost, and " + found.size()
            + " new drivers of " + submission.mainClass() + " appeared since (" + String.join(", ", found)
            + "): Pipewright cannot tell which is this step's, and does not submit it again");
      }
      logs.note("the master's answer was lost and it has no new driver: submitting again");
      return created(rest.post("/v1/submissions/create", request, cancel));
    }
  }

  private String created(JsonNode answer) throws WorkspaceException {
    if (!answer.path("success").asBoolean(false) || answer.path("submissionId").asText("").isEmpty()) {
      throw new WorkspaceException("the Spark master refused the submission: "
          + answer.path("message").asText("no reason given"));
    }
    return answer.path("submissionId").asText();
  }

  ObjectNode createRequest() {
    ObjectNode body = JSON.objectNode();
    body.put("action", "CreateSubmissionRequest");
    body.put("appResource", submission.appResource());
    body.put("mainClass", submission.mainClass());
    submission.args().forEach(body.putArray("appArgs")::add);
    body.put("clientSparkVersion", sparkVersion);
    ObjectNode environment = body.putObject("environmentVariables");
    submission.environment().forEach(environment::put);
    Map<String, String> properties = new LinkedHashMap<>(submission.conf());
    properties.put("spark.master", urls.master());
    properties.put("spark.submit.deployMode", "cluster");
    properties.put("spark.app.name", submission.name());
    properties.put("spark.driver.memory", submission.settings().driverMemory());
    properties.put("spark.driver.cores", Integer.toString(submission.settings().driverCores()));
    properties.put("spark.executor.memory", submission.settings().executorMemory());
    properties.put("spark.executor.cores", Integer.toString(submission.settings().executorCores()));
    if (submission.settings().dynamicAllocation() != null) {
      properties.put("spark.dynamicAllocation.enabled", "true");
      properties.put("spark.dynamicAllocation.minExecutors",
          Integer.toString(submission.settings().dynamicAllocation().minExecutors()));
      properties.put("spark.dynamicAllocation.maxExecutors",
          Integer.toString(submission.settings().dynamicAllocation().maxExecutors()));
    }
    // A standalone cluster has no executor count: the cores an application takes in all cap it.
    properties.putIfAbsent("spark.cores.max", Integer.toString(submission.settings().requestedExecutorCores()));
    List<String> jars = new java.util.ArrayList<>(List.of(submission.appResource()));
    jars.addAll(submission.jars());
    properties.put("spark.jars", String.join(",", jars));
    if (!submission.files().isEmpty()) {
      properties.put("spark.files", String.join(",", submission.files()));
    }
    if (!submission.archives().isEmpty()) {
      properties.put("spark.archives", String.join(",", submission.archives()));
    }
    properties.put("spark.pipewright.tag", submission.tag());
    // The driver's UI at a known port, so that its monitoring API gives the step's progress; kept small.
    properties.putIfAbsent("spark.ui.enabled", "true");
    properties.putIfAbsent("spark.ui.port", Integer.toString(uiPort));
    properties.putIfAbsent("spark.ui.retainedJobs", "100");
    properties.putIfAbsent("spark.ui.retainedStages", "100");
    properties.putIfAbsent("spark.ui.retainedTasks", "10000");
    properties.putIfAbsent("spark.sql.ui.retainedExecutions", "50");
    ObjectNode spark = body.putObject("sparkProperties");
    properties.forEach(spark::put);
    return body;
  }

  /** Every driver the master knows, running or done. */
  private Set<String> driverIds(Cancellation cancel) throws RemoteException {
    Set<String> ids = new HashSet<>();
    JsonNode master = web.get("/json/", cancel);
    for (String list : new String[] {"activedrivers", "completeddrivers"}) {
      master.path(list).forEach(d -> ids.add(d.path("id").asText()));
    }
    return ids;
  }

  private List<String> newDrivers(Set<String> before, Cancellation cancel) throws RemoteException {
    JsonNode master = web.get("/json/", cancel);
    List<String> found = new java.util.ArrayList<>();
    for (String list : new String[] {"activedrivers", "completeddrivers"}) {
      for (JsonNode d : master.path(list)) {
        String id = d.path("id").asText();
        if (!before.contains(id) && submission.mainClass().equals(d.path("mainclass").asText())) {
          found.add(id);
        }
      }
    }
    return found;
  }

  @Override
  public JobState poll(String id, Cancellation cancel) throws RemoteException {
    JsonNode status = rest.get("/v1/submissions/status/" + id, cancel);
    if (!status.path("success").asBoolean(false)) {
      return new JobState(Phase.FAILED, "UNKNOWN", "the master does not know driver " + id
          + " (was it restarted?)" + (status.path("message").asText("").isBlank() ? "" : ": " + status.path("message").asText()));
    }
    if (status.hasNonNull("workerId")) {
      workerId = status.path("workerId").asText();
    }
    String hostPort = status.path("workerHostPort").asText("");
    if (!hostPort.isBlank()) {
      workerHost = hostPort.substring(0, hostPort.lastIndexOf(':') > 0 ? hostPort.lastIndexOf(':') : hostPort.length());
    }
    String state = status.path("driverState").asText("UNKNOWN");
    String message = status.path("message").asText(null);
    Phase phase = switch (state) {
      case "RUNNING", "RELAUNCHING" -> Phase.RUNNING;
      case "FINISHED" -> Phase.SUCCEEDED;
      case "KILLED" -> Phase.KILLED;
      case "FAILED", "ERROR" -> Phase.FAILED;
      default -> Phase.WAITING; // SUBMITTED, UNKNOWN
    };
    boolean failed = phase == Phase.FAILED;
    return new JobState(phase, state, failed && "ERROR".equals(state) ? message : null);
  }

  @Override
  public void tail(String id, Cancellation cancel) throws RemoteException {
    if (workerUi == null) {
      if (workerId == null) {
        return; // not on a worker yet
      }
      for (JsonNode worker : web.get("/json/", cancel).path("workers")) {
        if (workerId.equals(worker.path("id").asText())) {
          workerUi = worker.path("webuiaddress").asText(null);
        }
      }
      if (workerUi == null) {
        return;
      }
    }
    stdoutOffset = read(id, "stdout", stdoutOffset, logs.stdoutFile(), cancel);
    stderrOffset = read(id, "stderr", stderrOffset, logs.stderrFile(), cancel);
  }

  /** Reads a driver log from {@code offset} to its current end into {@code file}; returns the new offset. */
  private long read(String id, String type, long offset, Path file, Cancellation cancel) throws RemoteException {
    while (true) {
      String answer = web.getText(workerUi + "/log/?driverId=" + id + "&logType=" + type + "&offset=" + offset
          + "&byteLength=" + LOG_CHUNK, cancel);
      Matcher header = LOG_HEADER.matcher(answer);
      if (!header.find()) {
        return offset; // "Error: invalid log directory": the driver has not started writing yet
      }
      long end = Long.parseLong(header.group(2));
      long total = Long.parseLong(header.group(3));
      if (end > offset) {
        RemoteLogs.append(file, answer.substring(header.end()).getBytes(StandardCharsets.UTF_8));
      }
      offset = Math.max(offset, end);
      if (offset >= total || end <= Long.parseLong(header.group(1))) {
        return offset;
      }
    }
  }

  /** The driver's UI on its worker's host at the port the submission asked for, once the driver is placed. */
  @Override
  public String sparkUiUrl(String id, Cancellation cancel) {
    if (workerHost == null) {
      return null;
    }
    String port = submission.conf().getOrDefault("spark.ui.port", Integer.toString(uiPort));
    return "http://" + (workerHost.contains(":") ? "[" + workerHost + "]" : workerHost) + ":" + port;
  }

  @Override
  public void kill(String id, Cancellation cancel) throws RemoteException {
    JsonNode answer = kill(rest, id, cancel);
    if (!answer.path("success").asBoolean(false)) {
      logs.note("the master answered the kill of " + id + ": " + answer.path("message").asText("no reason given"));
    }
  }

  /** Asks the master's REST server to kill a driver and its executors; its answer says whether it did. */
  static JsonNode kill(RestClient rest, String id, Cancellation cancel) throws RemoteException {
    return rest.post("/v1/submissions/kill/" + id, JSON.objectNode(), cancel);
  }
}

package io.pipewright.livy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipewright.http.Cancellation;
import io.pipewright.http.Redaction;
import io.pipewright.http.RemoteException;
import io.pipewright.remote.RemoteJob;
import io.pipewright.remote.RemoteLogs;
import io.pipewright.remote.SparkSubmission;
import io.pipewright.workspace.StepLogs;
import io.pipewright.workspace.WorkspaceException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Spark step as a Livy batch, on Apache Livy or a Synapse Spark pool. Livy's log of a batch is the
 * spark-submit process's output as lines ({@code stdout: }, its lines, {@code \nstderr: }, its
 * lines), of which it keeps only the last few hundred ({@code livy.cache-log.size}): each poll reads
 * it whole and appends to the step's driver/stdout and driver/stderr what is new since the last one.
 *
 * <p>Synapse documents no {@code /state} and no {@code /log} call: each poll GETs the batch with
 * {@code ?detailed=true}, whose {@code state} and {@code result} say where it is, whose {@code
 * errorInfo} messages are a failed step's cause, and whose {@code log} array (the same last lines)
 * is tailed as Livy's. The driver's own output on the pool stays in the Synapse workspace (Monitor,
 * Spark history server); what the batch API returns is what the step's log shows.
 */
final class LivyJob implements RemoteJob {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String STDOUT_MARK = "stdout: ";
  private static final String STDERR_MARK = "stderr: ";

  private final LivyConnection livy;
  private final SparkSubmission submission;
  private final String proxyUser;
  private final StepLogs logs;
  private List<String> stdoutSeen = List.of();
  private List<String> stderrSeen = List.of();
  private boolean droppedNoted;
  /** Synapse: the batch as the last poll read it, whose {@code log} the next tail uses. */
  private JsonNode lastBatch;
  private String errorsNoted;
  /** Polls of a running batch since its appInfo was last read for the Spark UI. */
  private int sinceUiLookUp = Integer.MAX_VALUE - 1;

  LivyJob(LivyConnection livy, SparkSubmission submission, String proxyUser, StepLogs logs) {
    this.livy = livy;
    this.submission = submission;
    this.proxyUser = proxyUser;
    this.logs = logs;
  }

  @Override
  public String where() {
    return livy.where();
  }

  @Override
  public String submit(Cancellation cancel) throws RemoteException, WorkspaceException {
    ObjectNode request = createRequest();
    String path = livy.detailed("/batches");
    String launch = "POST " + Redaction.url(livy.url()) + path + " " + Redaction.body(request.toString());
    logs.note("request: " + launch);
    logs.launched(launch);
    try {
      return created(livy.call(rest -> rest.post(path, request, cancel)));
    } catch (RemoteException e) {
      if (!e.outcomeUnknown() || e.canceled()) {
        throw e;
      }
      // The answer was lost: the batch may exist. Look it up by its name before sending it again.
      String found = findByName(cancel);
      if (found != null) {
        logs.note(engine() + "'s answer was lost; found the batch it created: " + found);
        return found;
      }
      logs.note(engine() + "'s answer was lost and it has no batch named " + submission.tag() + ": submitting again");
      return created(livy.call(rest -> rest.post(path, request, cancel)));
    }
  }

  private String engine() {
    return livy.synapse() ? "Synapse" : "Livy";
  }

  private String created(JsonNode batch) throws WorkspaceException {
    if (!batch.hasNonNull("id")) {
      throw new WorkspaceException(engine() + " did not say which batch it created: " + batch);
    }
    return batch.path("id").asText();
  }

  /** Livy lists up to 1000 batches at once; Synapse 20 a page at most, so its list is read page by page. */
  private String findByName(Cancellation cancel) throws RemoteException, WorkspaceException {
    int size = livy.synapse() ? 20 : 1000;
    for (int from = 0; ; from += size) {
      String page = livy.detailed("/batches?from=" + from + "&size=" + size);
      JsonNode list = livy.call(rest -> rest.get(page, cancel));
      for (JsonNode batch : list.path("sessions")) {
        if (submission.tag().equals(batch.path("name").asText())) {
          return batch.path("id").asText();
        }
      }
      if (!livy.synapse() || list.path("sessions").size() < size || from + size >= list.path("total").asInt()) {
        return null;
      }
    }
  }

  ObjectNode createRequest() {
    ObjectNode body = JSON.objectNode();
    body.put("file", submission.appResource());
    if (submission.mainClass() != null) {
      body.put("className", submission.mainClass());
    }
    submission.args().forEach(body.putArray("args")::add);
    putList(body, "jars", submission.jars());
    putList(body, "pyFiles", submission.pyFiles());
    putList(body, "files", submission.files());
    putList(body, "archives", submission.archives());
    body.put("driverMemory", submission.settings().driverMemory());
    body.put("driverCores", submission.settings().driverCores());
    body.put("executorMemory", submission.settings().executorMemory());
    body.put("executorCores", submission.settings().executorCores());
    ObjectNode conf = body.putObject("conf");
    submission.conf().forEach(conf::put);
    if (submission.settings().dynamicAllocation() != null) {
      conf.put("spark.dynamicAllocation.enabled", "true");
      conf.put("spark.dynamicAllocation.minExecutors", Integer.toString(submission.settings().dynamicAllocation().minExecutors()));
      conf.put("spark.dynamicAllocation.maxExecutors", Integer.toString(submission.settings().dynamicAllocation().maxExecutors()));
    } else {
      body.put("numExecutors", submission.settings().executors());
    }
    for (Map.Entry<String, String> variable : submission.environment().entrySet()) {
      conf.put("spark.executorEnv." + variable.getKey(), variable.getValue());
    }
    body.put("name", submission.tag());
    if (proxyUser != null) {
      body.put("proxyUser", proxyUser);
    }
    return body;
  }

  private static void putList(ObjectNode body, String field, List<String> values) {
    if (!values.isEmpty()) {
      values.forEach(body.putArray(field)::add);
    }
  }

  @Override
  public JobState poll(String id, Cancellation cancel) throws RemoteException {
    JsonNode answer;
    try {
      answer = livy.call(rest -> rest.get(livy.synapse() ? livy.detailed("/batches/" + id) : "/batches/" + id + "/state",
          cancel));
    } catch (WorkspaceException e) {
      return new JobState(Phase.FAILED, "unknown", e.getMessage());
    } catch (RemoteException e) {
      if (e.status() == 404) { // deleted (a kill removes the batch), or forgotten by a restarted server
        return new JobState(Phase.KILLED, "deleted", engine() + " no longer has batch " + id);
      }
      throw e;
    }
    if (livy.synapse()) {
      lastBatch = answer;
      return synapseState(answer);
    }
    return new JobState(phase(answer.path("state").asText("unknown")), answer.path("state").asText("unknown"), null);
  }

  /**
   * Synapse's batch: its Livy {@code state} says whether it has ended ({@code success}, {@code dead},
   * {@code killed}, {@code error}); once it has, its {@code result} ({@code Uncertain} while it runs,
   * then {@code Succeeded}, {@code Failed} or {@code Cancelled}) decides the outcome where set. A
   * failed batch's cause is its {@code errorInfo} messages.
   */
  private JobState synapseState(JsonNode batch) {
    String state = batch.path("state").asText("unknown");
    String result = batch.path("result").asText("Uncertain");
    Phase phase = phase(state);
    if (phase == Phase.SUCCEEDED || phase == Phase.FAILED || phase == Phase.KILLED) {
      phase = switch (result) {
        case "Succeeded" -> Phase.SUCCEEDED;
        case "Failed" -> Phase.FAILED;
        case "Cancelled" -> Phase.KILLED;
        default -> phase;
      };
    }
    String errors = errorInfo(batch);
    if (!errors.isEmpty() && !errors.equals(errorsNoted)) {
      logs.note("Synapse reports: " + errors);
      errorsNoted = errors;
    }
    String label = "Uncertain".equals(result) || result.isEmpty() ? state : state + " (" + result + ")";
    return new JobState(phase, label, errors.isEmpty() ? null : errors);
  }

  /** The {@code errorInfo} entries of a Synapse batch in one line: "errorCode: message", separated by "; ". */
  static String errorInfo(JsonNode batch) {
    List<String> errors = new ArrayList<>();
    for (JsonNode error : batch.path("errorInfo")) {
      String code = error.path("errorCode").asText("");
      String message = error.path("message").asText("").strip();
      if (!message.isEmpty() || !code.isEmpty()) {
        errors.add(code.isEmpty() ? message : message.isEmpty() ? code : code + ": " + message);
      }
    }
    return String.join("; ", errors);
  }

  /**
   * The batch's {@code appInfo.sparkUiUrl} (set by Livy on YARN, through its proxy; empty on other
   * masters, where the progress stays unknown and the step shows the batch's state). Read at most
   * every tenth poll while the batch runs. Not on Synapse, whose Spark UI is behind Azure AD sign-in
   * in the browser: there the step shows the batch's state.
   */
  @Override
  public String sparkUiUrl(String id, Cancellation cancel) throws RemoteException {
    if (livy.synapse() || ++sinceUiLookUp < 10) {
      return null;
    }
    sinceUiLookUp = 0;
    JsonNode batch;
    try {
      batch = livy.call(rest -> rest.get("/batches/" + id, cancel));
    } catch (WorkspaceException e) {
      return null;
    }
    String url = batch.path("appInfo").path("sparkUiUrl").asText("");
    return url.isBlank() || "null".equals(url) ? null : url.replaceAll("/+$", "");
  }

  private static Phase phase(String state) {
    return switch (state) {
      case "success" -> Phase.SUCCEEDED;
      case "dead", "error" -> Phase.FAILED;
      case "killed" -> Phase.KILLED;
      case "running", "idle", "busy", "shutting_down" -> Phase.RUNNING;
      default -> Phase.WAITING; // not_started, starting, recovering
    };
  }

  @Override
  public void tail(String id, Cancellation cancel) throws RemoteException {
    JsonNode answer = lastBatch;
    lastBatch = null;
    try {
      if (answer == null) {
        answer = livy.call(rest -> rest.get(livy.synapse() ? livy.detailed("/batches/" + id)
            : "/batches/" + id + "/log?from=0&size=-1", cancel));
      }
    } catch (WorkspaceException e) {
      return;
    }
    List<String> stdout = new ArrayList<>();
    List<String> stderr = new ArrayList<>();
    List<String> into = stdout; // Livy's log starts with "stdout: "; lines before any mark are output too
    for (JsonNode line : answer.path("log")) {
      String text = line.asText();
      if (text.strip().equals(STDOUT_MARK.strip())) {
        into = stdout;
      } else if (text.strip().equals(STDERR_MARK.strip())) {
        into = stderr;
      } else if (text.startsWith("\nYARN Diagnostics")) {
        into = stderr;
        into.add(text.strip());
      } else {
        into.add(text);
      }
    }
    stdoutSeen = appendNew(stdoutSeen, stdout, logs.stdoutFile());
    stderrSeen = appendNew(stderrSeen, stderr, logs.stderrFile());
  }

  /** Appends the lines of {@code now} that follow what {@code seen} ended with; returns {@code now}. */
  private List<String> appendNew(List<String> seen, List<String> now, Path file) {
    int overlap = overlap(seen, now);
    if (overlap == 0 && !seen.isEmpty() && !now.isEmpty() && !droppedNoted) {
      droppedNoted = true;
      logs.note(engine() + " keeps only the last lines of a batch's output (livy.cache-log.size): some lines were dropped"
          + " before Pipewright read them");
    }
    StringBuilder text = new StringBuilder();
    for (String line : now.subList(overlap, now.size())) {
      text.append(line).append('\n');
    }
    RemoteLogs.append(file, text.toString().getBytes(StandardCharsets.UTF_8));
    return List.copyOf(now);
  }

  /** The longest k such that the last k lines of {@code seen} are the first k of {@code now}. */
  static int overlap(List<String> seen, List<String> now) {
    for (int k = Math.min(seen.size(), now.size()); k > 0; k--) {
      if (seen.subList(seen.size() - k, seen.size()).equals(now.subList(0, k))) {
        return k;
      }
    }
    return 0;
  }

  @Override
  public void kill(String id, Cancellation cancel) throws RemoteException {
    try {
      delete(livy, id, cancel);
    } catch (WorkspaceException e) {
      logs.note("could not kill batch " + id + ": " + e.getMessage());
    }
  }

  /** Deletes a batch, which kills it; false when Livy had no such batch any more (it had ended). */
  static boolean delete(LivyConnection livy, String id, Cancellation cancel) throws RemoteException, WorkspaceException {
    try {
      livy.call(rest -> rest.delete("/batches/" + id, cancel));
      return true;
    } catch (RemoteException e) {
      if (e.status() == 404) {
        return false;
      }
      throw e;
    }
  }
}

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
 * A Spark step as a Livy batch. Livy's log of a batch is the spark-submit process's output as lines
 * ({@code stdout: }, its lines, {@code \nstderr: }, its lines), of which it keeps only the last few
 * hundred ({@code livy.cache-log.size}): each poll reads it whole and appends to the step's
 * driver/stdout and driver/stderr what is new since the last one.
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

  LivyJob(LivyConnection livy, SparkSubmission submission, String proxyUser, StepLogs logs) {
    this.livy = livy;
    this.submission = submission;
    this.proxyUser = proxyUser;
    this.logs = logs;
  }

  @Override
  public String where() {
    return "Livy at " + livy.url();
  }

  @Override
  public String submit(Cancellation cancel) throws RemoteException, WorkspaceException {
    ObjectNode request = createRequest();
    logs.note("request: POST " + Redaction.url(livy.url()) + "/batches " + Redaction.body(request.toString()));
    try {
      return created(livy.call(rest -> rest.post("/batches", request, cancel)));
    } catch (RemoteException e) {
      if (!e.outcomeUnknown() || e.canceled()) {
        throw e;
      }
      // The answer was lost: the batch may exist. Look it up by its name before sending it again.
      String found = findByName(cancel);
      if (found != null) {
        logs.note("Livy's answer was lost; found the batch it created: " + found);
        return found;
      }
      logs.note("Livy's answer was lost and it has no batch named " + submission.tag() + ": submitting again");
      return created(livy.call(rest -> rest.post("/batches", request, cancel)));
    }
  }

  private static String created(JsonNode batch) throws WorkspaceException {
    if (!batch.hasNonNull("id")) {
      throw new WorkspaceException("Livy did not say which batch it created: " + batch);
    }
    return batch.path("id").asText();
  }

  private String findByName(Cancellation cancel) throws RemoteException, WorkspaceException {
    JsonNode list = livy.call(rest -> rest.get("/batches?from=0&size=1000", cancel));
    for (JsonNode batch : list.path("sessions")) {
      if (submission.tag().equals(batch.path("name").asText())) {
        return batch.path("id").asText();
      }
    }
    return null;
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
      answer = livy.call(rest -> rest.get("/batches/" + id + "/state", cancel));
    } catch (WorkspaceException e) {
      return new JobState(Phase.FAILED, "unknown", e.getMessage());
    } catch (RemoteException e) {
      if (e.status() == 404) { // deleted (a kill removes the batch), or forgotten by a restarted server
        return new JobState(Phase.KILLED, "deleted", "Livy no longer has batch " + id);
      }
      throw e;
    }
    String state = answer.path("state").asText("unknown");
    Phase phase = switch (state) {
      case "success" -> Phase.SUCCEEDED;
      case "dead", "error" -> Phase.FAILED;
      case "killed" -> Phase.KILLED;
      case "running", "idle", "busy", "shutting_down" -> Phase.RUNNING;
      default -> Phase.WAITING; // not_started, starting, recovering
    };
    return new JobState(phase, state, null);
  }

  @Override
  public void tail(String id, Cancellation cancel) throws RemoteException {
    JsonNode answer;
    try {
      answer = livy.call(rest -> rest.get("/batches/" + id + "/log?from=0&size=-1", cancel));
    } catch (WorkspaceException e) {
      return;
    }
    List<String> stdout = new ArrayList<>();
    List<String> stderr = new ArrayList<>();
    List<String> into = null;
    for (JsonNode line : answer.path("log")) {
      String text = line.asText();
      if (text.strip().equals(STDOUT_MARK.strip())) {
        into = stdout;
      } else if (text.strip().equals(STDERR_MARK.strip())) {
        into = stderr;
      } else if (text.startsWith("\nYARN Diagnostics")) {
        into = stderr;
        into.add(text.strip());
      } else if (into != null) {
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
      logs.note("Livy keeps only the last lines of a batch's output (livy.cache-log.size): some lines were dropped"
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

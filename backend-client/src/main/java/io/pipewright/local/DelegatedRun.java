package io.pipewright.local;

import io.pipewright.workspace.PipelineBackend;
import io.pipewright.workspace.RunEvent;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.RunListener;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.StepLogs;
import io.pipewright.workspace.WorkspaceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run that a {@link PipelineBackend} runs as a whole (an Azure ML pipeline job): submitted on a
 * thread of its own, so that {@link io.pipewright.workspace.Workspace#submit} returns at once; every
 * status the backend reports is recorded in the history and sent to the listeners, as for a
 * {@link LocalRun}. The remote run's name is kept in each child's {@code remote_job}, prefixed with
 * {@link #REMOTE_PREFIX}, so that a later start cancels a run left behind by a Pipewright that died.
 */
final class DelegatedRun implements RunHandle {

  private static final Logger LOG = LoggerFactory.getLogger(DelegatedRun.class);
  /** {@code pipeline:TARGET:REMOTE_RUN[/CHILD_JOB]} in child_runs.remote_job. */
  static final String REMOTE_PREFIX = "pipeline:";

  private final HistoryStore store;
  private final WorkspaceLayout layout;
  private final PipelineBackend backend;
  private final PipelineBackend.Submission submission;
  private final Consumer<DelegatedRun> ended;
  private final String runId;
  private final RunRecording recording;
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Map<String, RunStatus> stepStatus = new HashMap<>();
  private volatile RunStatus finalStatus;
  private volatile PipelineBackend.Execution execution;
  private volatile boolean canceled;
  private volatile String remoteRun;

  DelegatedRun(HistoryStore store, WorkspaceLayout layout, PipelineBackend backend,
      PipelineBackend.Submission submission, Consumer<DelegatedRun> ended) {
    this.store = store;
    this.layout = layout;
    this.backend = backend;
    this.submission = submission;
    this.ended = ended;
    this.runId = submission.runId();
    this.recording = new RunRecording(this.runId);
    submission.order().forEach(id -> stepStatus.put(id, RunStatus.NOT_STARTED));
  }

  void start() {
    Thread thread = new Thread(this::submit, "pipewright-run-" + runId);
    thread.setDaemon(true);
    thread.start();
  }

  private void submit() {
    Recorder recorder = new Recorder();
    try {
      recorder.runStatus(RunStatus.PREPARING, "submitting to " + backend.label() + " (" + submission.workspace().name() + ")");
      PipelineBackend.Execution started = backend.submit(submission, recorder);
      execution = started;
      if (canceled) {
        started.cancel();
      }
      started.completion().whenComplete((status, error) -> finish(error != null ? RunStatus.FAILED : status,
          error != null ? "watching the run failed: " + error.getMessage() : null));
    } catch (WorkspaceException | RuntimeException e) {
      if (canceled) {
        for (String id : submission.order()) {
          recorder.stepStatus(id, RunStatus.CANCELED, "canceled before the pipeline was submitted");
        }
        finish(RunStatus.CANCELED, "canceled before the pipeline was submitted to " + backend.label());
        return;
      }
      if (e instanceof RuntimeException) {
        LOG.error("run {}: submitting to {} failed", runId, backend.label(), e);
      }
      String why = "submitting to " + backend.label() + " failed: " + e.getMessage();
      for (String id : submission.order()) {
        recorder.logs(id).note(why);
        recorder.stepStatus(id, RunStatus.NOT_STARTED, "not run: the pipeline was not submitted");
      }
      finish(RunStatus.FAILED, why);
    }
  }

  private void finish(RunStatus status, String message) {
    synchronized (this) {
      if (finalStatus != null) {
        return;
      }
      finalStatus = status;
    }
    if (message != null) {
      recording.record(() -> store.setRunStatus(runId, status, message, Instant.now()));
      recording.emit(new RunEvent(runId, null, status, message, Instant.now()));
    }
    ended.accept(this);
    finished.countDown();
  }

  boolean usesCompute(String computeName) {
    return submission.workspace().name().equals(computeName)
        || submission.stepComputes().values().stream().anyMatch(t -> t.name().equals(computeName));
  }

  @Override
  public String runId() {
    return runId;
  }

  @Override
  public void addListener(RunListener listener) {
    recording.addListener(listener);
  }

  @Override
  public Optional<RunStatus> await(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(finalStatus) : Optional.empty();
  }

  @Override
  public void cancel() {
    if (finalStatus != null) {
      return;
    }
    canceled = true;
    PipelineBackend.Execution current = execution;
    if (current != null) {
      current.cancel();
    }
  }


  /** What the backend reports, recorded and sent on. */
  private final class Recorder implements PipelineBackend.Recorder {
    private final Map<String, LocalStepLogs> logs = new HashMap<>();

    @Override
    public void runStatus(RunStatus status, String message) {
      if (finalStatus != null) {
        return;
      }
      Instant now = Instant.now();
      recording.record(() -> store.setRunStatus(runId, status, message, now));
      recording.emit(new RunEvent(runId, null, status, message, now));
      if (status.isFinal()) {
        finish(status, null);
      }
    }

    @Override
    public synchronized void stepStatus(String stepId, RunStatus status, String message) {
      if (stepStatus.get(stepId) == status && message == null) {
        return;
      }
      stepStatus.put(stepId, status);
      Instant now = Instant.now();
      recording.record(() -> store.setChildStatus(runId, stepId, status, message, now));
      recording.emit(new RunEvent(runId, stepId, status, message, now));
    }

    @Override
    public void remoteRun(String name) {
      remoteRun = name;
      for (String stepId : submission.order()) {
        recording.record(() -> store.setChildRemoteJob(runId, stepId, REMOTE_PREFIX + submission.workspace().name() + ":" + name));
      }
    }

    @Override
    public void remoteJob(String stepId, String jobName) {
      recording.record(() -> store.setChildRemoteJob(runId, stepId,
          REMOTE_PREFIX + submission.workspace().name() + ":" + remoteRun + "/" + jobName));
    }

    @Override
    public synchronized StepLogs logs(String stepId) {
      return logs.computeIfAbsent(stepId, id -> new LocalStepLogs(layout, runId, id)
          .onLaunched(line -> recording.record(() -> store.setChildLaunch(runId, id, line))));
    }

    @Override
    public Path logFile(String stepId, String stream) {
      Path file = layout.log(runId, stepId, stream);
      try {
        Files.createDirectories(file.getParent());
        if (!Files.exists(file)) {
          Files.createFile(file);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return file;
    }

    @Override
    public void output(String stepId, String port, String location) {
      recording.record(() -> store.recordOutput(runId, stepId, port, location));
    }

    @Override
    public boolean isCanceled() {
      return canceled;
    }
  }

  /**
   * A {@code remote_job} value for people: "Azure ML job J, child run C" for one this class wrote,
   * else the value as the launcher recorded it (a Livy batch id, a standalone driver); null stays null.
   */
  static String inWords(String remoteJob) {
    if (remoteJob == null || !remoteJob.startsWith(REMOTE_PREFIX)) {
      return remoteJob;
    }
    String rest = remoteJob.substring(REMOTE_PREFIX.length());
    String job = rest.substring(rest.indexOf(':') + 1);
    int slash = job.indexOf('/');
    return slash < 0 ? "Azure ML job " + job : "Azure ML job " + job.substring(0, slash) + ", child run "
        + job.substring(slash + 1);
  }

  /** The target name and the remote run of a {@code remote_job} value this class wrote; empty for other values. */
  static Optional<String[]> parseRemote(String remoteJob) {
    if (remoteJob == null || !remoteJob.startsWith(REMOTE_PREFIX)) {
      return Optional.empty();
    }
    String rest = remoteJob.substring(REMOTE_PREFIX.length());
    int colon = rest.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    String run = rest.substring(colon + 1);
    int slash = run.indexOf('/');
    return Optional.of(new String[] {rest.substring(0, colon), slash < 0 ? run : run.substring(0, slash)});
  }
}

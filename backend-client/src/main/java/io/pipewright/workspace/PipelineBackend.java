package io.pipewright.workspace;

import io.pipewright.model.Pipeline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A service that runs a whole pipeline itself (Azure ML runs it as one pipeline job with a child
 * job per step), where the embedded orchestrator would otherwise hand step after step to launchers.
 * The run is still recorded in the local history, through a {@link Recorder}, and reaches the
 * designer and the command line as any run does: a {@link RunHandle}, {@link RunEvent}s, log
 * streams. Found as a {@link java.util.ServiceLoader} service
 * ({@code META-INF/services/io.pipewright.workspace.PipelineBackend}), so that the embedded
 * workspace does not depend on the backends.
 */
public interface PipelineBackend {

  /** For people: "Azure ML". */
  String label();

  /**
   * The workspace-level target this backend would run the pipeline on, or empty when the pipeline
   * runs as usual (each step on its compute's launcher). Throws, saying what to fix, when the
   * pipeline is meant for this backend but cannot be sent there (a cluster naming no workspace).
   *
   * @param stepComputes each step's compute target name, by step id, as the pipeline says (before any {@code --target})
   * @param sparkTarget {@link SubmitOptions#sparkTarget()}, or null
   * @param computes the workspace's compute targets, by name
   */
  Optional<ComputeTarget> workspaceFor(Map<String, String> stepComputes, String sparkTarget,
      Map<String, ComputeTarget> computes) throws WorkspaceException;

  /**
   * Submits the pipeline and returns once it is accepted (or fails to be); the backend then watches
   * it, reporting through {@code recorder} until the run is final.
   */
  Execution submit(Submission submission, Recorder recorder) throws WorkspaceException;

  /**
   * Cancels a run this backend submitted, found unfinished after a Pipewright died. Best effort: says
   * what happened in one sentence, never throws.
   */
  String cancel(ComputeTarget workspace, String remoteRun, Duration timeout, RemoteBackend.Context context);

  /**
   * What to run.
   *
   * @param stepComputes each step's compute target, by step id
   * @param workspace the target {@link #workspaceFor} chose
   * @param computes every compute target of the workspace, by name
   * @param runDirectory the run's own directory, for files the backend keeps (the job body, zips)
   */
  record Submission(String runId, String experiment, Pipeline pipeline, SubmitOptions options,
      Map<String, String> parameters, List<String> order, Map<String, ComputeTarget> stepComputes,
      ComputeTarget workspace, Map<String, ComputeTarget> computes, List<LinkedService> linkedServices,
      Path runDirectory, RemoteBackend.Context context) {}

  /** What a backend tells the workspace; every call records in the history and notifies listeners. */
  interface Recorder {
    void runStatus(RunStatus status, String message);

    void stepStatus(String stepId, RunStatus status, String message);

    /** The run's own job on the remote service, recorded so that a later start can cancel it. */
    void remoteRun(String remoteRun);

    /** A step's job on the remote service. */
    void remoteJob(String stepId, String jobName);

    StepLogs logs(String stepId);

    /** The file of a log stream of a step ({@link LogStream#DRIVER_STDOUT}, ...), created when missing. */
    Path logFile(String stepId, String stream);

    /** Where an output of a step is (a URI on the remote service). */
    void output(String stepId, String port, String location);

    /** Whether the run was stopped while being submitted: submit nothing more, throw instead. */
    default boolean isCanceled() {
      return false;
    }
  }

  /** A run the backend watches. */
  interface Execution {
    /** Completes with the run's final status; never exceptionally. */
    CompletableFuture<RunStatus> completion();

    /** Asks the service to cancel the run; idempotent. */
    void cancel();
  }
}

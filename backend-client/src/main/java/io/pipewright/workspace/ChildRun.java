package io.pipewright.workspace;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One step of a run.
 *
 * @param message the last status message: the failure cause, why it did not run
 * @param reuse why the step was or was not reused
 * @param outputs output port name to where its data is
 */
public record ChildRun(
    String runId,
    String stepId,
    String stepName,
    String compute,
    RunStatus status,
    String message,
    String reuse,
    Instant startedAt,
    Instant endedAt,
    Map<String, String> outputs,
    String remoteJob) {

  /** Without a remote job (a step run on this machine). */
  public ChildRun(String runId, String stepId, String stepName, String compute, RunStatus status, String message,
      String reuse, Instant startedAt, Instant endedAt, Map<String, String> outputs) {
    this(runId, stepId, stepName, compute, status, message, reuse, startedAt, endedAt, outputs, null);
  }

  public Optional<Duration> duration() {
    if (startedAt == null) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(startedAt, endedAt == null ? Instant.now() : endedAt));
  }
}

package io.pipewright.workspace;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A pipeline run as listed in the history.
 *
 * @param target the compute target every Spark step ran on ({@code --target}); null when each step
 *     ran on its own
 * @param parameters the pipeline parameter values in force
 * @param regenerateOutputs whether the run was asked to regenerate every output
 */
public record RunSummary(
    String runId,
    String experiment,
    String pipelineName,
    String pipelineFile,
    RunStatus status,
    String message,
    Instant createdAt,
    Instant startedAt,
    Instant endedAt,
    String target,
    Map<String, String> parameters,
    boolean regenerateOutputs) {

  public RunSummary {
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
  }

  /** A run whose target, parameters and regenerate flag are not known. */
  public RunSummary(String runId, String experiment, String pipelineName, String pipelineFile, RunStatus status,
      String message, Instant createdAt, Instant startedAt, Instant endedAt) {
    this(runId, experiment, pipelineName, pipelineFile, status, message, createdAt, startedAt, endedAt, null,
        Map.of(), false);
  }

  public Optional<Duration> duration() {
    if (startedAt == null) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(startedAt, endedAt == null ? Instant.now() : endedAt));
  }
}

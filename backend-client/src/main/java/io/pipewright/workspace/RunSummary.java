package io.pipewright.workspace;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A pipeline run as listed in the history. */
public record RunSummary(
    String runId,
    String experiment,
    String pipelineName,
    String pipelineFile,
    RunStatus status,
    String message,
    Instant createdAt,
    Instant startedAt,
    Instant endedAt) {

  public Optional<Duration> duration() {
    if (startedAt == null) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(startedAt, endedAt == null ? Instant.now() : endedAt));
  }
}

package io.pipewright.model;

import java.util.Objects;

/**
 * One finding about a pipeline.
 *
 * @param code a stable code (for example {@code PW104}); never reworded, safe to search for
 * @param nodeId the step or dataset concerned, or null
 * @param edgeId the edge concerned, or null
 * @param pointer JSON pointer into the pipeline file of the field concerned ({@code
 *     /steps/2/spark/driverMemory}); "" for the whole file
 */
public record Diagnostic(
    Severity severity, String code, String message, String nodeId, String edgeId, String pointer) {

  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    pointer = pointer == null ? "" : pointer;
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  @Override
  public String toString() {
    return severity.label() + " " + code + " " + message;
  }
}

package io.pipewright.workspace;

import java.time.Instant;

/**
 * A status change of a run (stepId null) or of one of its child runs.
 *
 * @param message why, when there is something to say ("reused: identical to …", the failure cause)
 */
public record RunEvent(String runId, String stepId, RunStatus status, String message, Instant at) {
  public boolean isRunLevel() {
    return stepId == null;
  }
}

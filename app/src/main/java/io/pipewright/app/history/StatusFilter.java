package io.pipewright.app.history;

import io.pipewright.workspace.RunStatus;
import java.util.EnumSet;
import java.util.Set;

/** The Runs view's status filter: the statuses each choice lists. */
public enum StatusFilter {
  ALL("All statuses", Set.of()),
  ACTIVE("Running", EnumSet.of(RunStatus.NOT_STARTED, RunStatus.QUEUED, RunStatus.PREPARING, RunStatus.RUNNING,
      RunStatus.FINALIZING)),
  COMPLETED("Completed", EnumSet.of(RunStatus.COMPLETED, RunStatus.REUSED)),
  FAILED("Failed", EnumSet.of(RunStatus.FAILED)),
  CANCELED("Canceled", EnumSet.of(RunStatus.CANCELED));

  private final String label;
  private final Set<RunStatus> statuses;

  StatusFilter(String label, Set<RunStatus> statuses) {
    this.label = label;
    this.statuses = Set.copyOf(statuses);
  }

  public Set<RunStatus> statuses() {
    return statuses;
  }

  @Override
  public String toString() {
    return label;
  }
}

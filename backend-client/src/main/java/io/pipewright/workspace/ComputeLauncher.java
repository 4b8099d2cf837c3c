package io.pipewright.workspace;

import io.pipewright.model.Step;

/**
 * Runs one step on one kind of compute target. The orchestrator hands it a step whose inputs are
 * ready; the launcher starts it and returns at once.
 */
public interface ComputeLauncher {

  /** Starts the step. Throws with a user message when it cannot start at all. */
  LaunchedStep launch(StepLaunch launch) throws WorkspaceException;

  /** Cores of this machine the step takes while it runs (1 for a job that runs elsewhere). */
  default int coresFor(Step step, ComputeTarget target) {
    return 1;
  }
}

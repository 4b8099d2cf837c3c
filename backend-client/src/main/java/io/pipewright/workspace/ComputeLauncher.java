package io.pipewright.workspace;

/**
 * Runs one step on one kind of compute target. The orchestrator hands it a step whose inputs are
 * ready; the launcher starts it and returns at once.
 */
public interface ComputeLauncher {

  /** Starts the step. Throws with a user message when it cannot start at all. */
  LaunchedStep launch(StepLaunch launch) throws WorkspaceException;

  /** Cores of the machine's pool the step will take while it runs (1 for a remote job). */
  default int coresFor(StepLaunch launch) {
    return 1;
  }
}

package io.pipewright.workspace;

import java.time.Duration;
import java.util.Optional;

/** A run in progress. */
public interface RunHandle {

  String runId();

  /** Adds a listener; it first receives nothing of the past (read the history for that). */
  void addListener(RunListener listener);

  /** Waits for the run's final status; empty when the timeout passed first. */
  Optional<RunStatus> await(Duration timeout) throws InterruptedException;

  /** Cancels the run: running steps' process trees are killed, pending steps never start. */
  void cancel();
}

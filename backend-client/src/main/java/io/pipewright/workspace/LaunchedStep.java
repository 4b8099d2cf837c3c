package io.pipewright.workspace;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** A step a launcher has started. */
public interface LaunchedStep {

  /** Completes when the step has ended, whatever the outcome; never exceptionally. */
  CompletableFuture<StepResult> completion();

  /** Stops the step and everything it started. Idempotent. */
  void cancel();

  /** The local process id of the step's main process, or -1 when it runs elsewhere. */
  default long pid() {
    return -1;
  }

  /**
   * The id of the step's job on a remote engine, once it is submitted (a standalone driver id, a
   * Livy batch id); completed with null for a local step or one never submitted. The workspace
   * records it, so that a Pipewright that dies mid-run has the job killed at the next start.
   */
  default CompletableFuture<String> remoteJob() {
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Sends {@code listener} how far the step has come while it runs, when the launcher knows (a
   * Spark driver's UI, what a target reports); launchers that do not know send nothing.
   */
  default void onProgress(Consumer<StepProgress> listener) {}

  /**
   * How a step ended. {@code message} says why it failed, in the user's terms; {@code exitCode} is
   * its process's exit code, or what the target reported, null when not known.
   */
  record StepResult(boolean succeeded, boolean canceled, String message, Integer exitCode) {

    /** Without an exit code. */
    public StepResult(boolean succeeded, boolean canceled, String message) {
      this(succeeded, canceled, message, null);
    }

    public static StepResult success() {
      return new StepResult(true, false, null, null);
    }

    public static StepResult success(Integer exitCode) {
      return new StepResult(true, false, null, exitCode);
    }

    public static StepResult failure(String message) {
      return new StepResult(false, false, message, null);
    }

    public static StepResult failure(String message, Integer exitCode) {
      return new StepResult(false, false, message, exitCode);
    }

    public static StepResult canceledResult() {
      return new StepResult(false, true, "canceled", null);
    }
  }
}

package io.pipewright.workspace;

/** Receives run events. Called off the FX thread, on the engine's own threads; keep it short. */
@FunctionalInterface
public interface RunListener {
  void onEvent(RunEvent event);

  /** How far a running Spark step has come; called every second or two while it runs, when known. */
  default void onProgress(StepProgress progress) {}
}

package io.pipewright.workspace;

/** Receives run events. Called off the FX thread, on the engine's own threads; keep it short. */
@FunctionalInterface
public interface RunListener {
  void onEvent(RunEvent event);
}

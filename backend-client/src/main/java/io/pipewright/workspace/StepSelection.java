package io.pipewright.workspace;

import java.util.Objects;

/**
 * Which steps of a pipeline a run runs.
 *
 * <ul>
 *   <li>{@link Mode#ALL}: every step.
 *   <li>{@link Mode#FROM}: the step and everything downstream of it; steps upstream are not run but
 *       take their outputs from their latest successful run (reused).
 *   <li>{@link Mode#TO}: the step and everything upstream of it; nothing downstream.
 *   <li>{@link Mode#ONLY}: the step alone, fed with the outputs its upstream steps recorded last.
 * </ul>
 *
 * A step that has to take recorded outputs and has none fails the submit with a message naming it.
 */
public record StepSelection(Mode mode, String stepId) {
  public enum Mode { ALL, FROM, TO, ONLY }

  public static final StepSelection ALL = new StepSelection(Mode.ALL, null);

  public StepSelection {
    Objects.requireNonNull(mode, "mode");
    if (mode != Mode.ALL && (stepId == null || stepId.isBlank())) {
      throw new IllegalArgumentException(mode + " needs a step");
    }
    if (mode == Mode.ALL) {
      stepId = null;
    }
  }

  public static StepSelection from(String stepId) {
    return new StepSelection(Mode.FROM, stepId);
  }

  public static StepSelection to(String stepId) {
    return new StepSelection(Mode.TO, stepId);
  }

  public static StepSelection only(String stepId) {
    return new StepSelection(Mode.ONLY, stepId);
  }
}

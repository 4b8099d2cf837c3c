package io.pipewright.workspace;

/**
 * The one status of runs and child runs, as Azure ML names them. A step that never started
 * because an upstream step failed stays {@link #NOT_STARTED} with a message saying why.
 */
public enum RunStatus {
  NOT_STARTED("NotStarted"),
  QUEUED("Queued"),
  PREPARING("Preparing"),
  RUNNING("Running"),
  FINALIZING("Finalizing"),
  COMPLETED("Completed"),
  FAILED("Failed"),
  CANCELED("Canceled"),
  REUSED("Reused");

  private final String label;

  RunStatus(String label) {
    this.label = label;
  }

  /** The name shown to users and stored in the history ({@code NotStarted}). */
  public String label() {
    return label;
  }

  public boolean isFinal() {
    return this == COMPLETED || this == FAILED || this == CANCELED || this == REUSED;
  }

  /** Whether the outputs of a child run with this status can feed the next step. */
  public boolean isSuccess() {
    return this == COMPLETED || this == REUSED;
  }

  public static RunStatus fromLabel(String label) {
    for (RunStatus s : values()) {
      if (s.label.equalsIgnoreCase(label) || s.name().equalsIgnoreCase(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown run status: " + label);
  }

  @Override
  public String toString() {
    return label;
  }
}

package io.pipewright.app.run;

import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.StepProgress;
import java.time.Duration;
import java.time.Instant;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * What is known of one step of a run: its status, the engine's last message about it (the failure
 * cause, why it did not run), why it was or was not reused, when it started and ended, and how long
 * it has run. Changed only by {@link RunMonitor}, on the UI thread.
 */
public final class StepRunState {
  private final String stepId;
  private final String name;
  private final ObjectProperty<RunStatus> status = new SimpleObjectProperty<>(this, "status", RunStatus.NOT_STARTED);
  private final StringProperty message = new SimpleStringProperty(this, "message");
  private final StringProperty reuse = new SimpleStringProperty(this, "reuse");
  private final StringProperty compute = new SimpleStringProperty(this, "compute");
  private final ObjectProperty<Instant> startedAt = new SimpleObjectProperty<>(this, "startedAt");
  private final ObjectProperty<Instant> endedAt = new SimpleObjectProperty<>(this, "endedAt");
  private final ObjectProperty<Duration> duration = new SimpleObjectProperty<>(this, "duration");
  private final ObjectProperty<StepProgress> progress = new SimpleObjectProperty<>(this, "progress");
  private final StringProperty ranIn = new SimpleStringProperty(this, "ranIn");

  StepRunState(String stepId, String name) {
    this.stepId = stepId;
    this.name = name;
  }

  public String stepId() {
    return stepId;
  }

  public String name() {
    return name;
  }

  public ReadOnlyObjectProperty<RunStatus> statusProperty() {
    return status;
  }

  public RunStatus status() {
    return status.get();
  }

  /** The engine's last message: the failure cause, why the step did not run, the compute it runs on. */
  public ReadOnlyStringProperty messageProperty() {
    return message;
  }

  public String message() {
    return message.get();
  }

  /** The compute target the step runs on, as the run recorded it (a Run dialog's choice included). */
  public ReadOnlyStringProperty computeProperty() {
    return compute;
  }

  public String compute() {
    return compute.get();
  }

  void setCompute(String value) {
    compute.set(value);
  }

  /** Why the step was or was not reused ("not reused: its source files changed since …"). */
  public ReadOnlyStringProperty reuseProperty() {
    return reuse;
  }

  public String reuse() {
    return reuse.get();
  }

  public ReadOnlyObjectProperty<Instant> startedAtProperty() {
    return startedAt;
  }

  public ReadOnlyObjectProperty<Instant> endedAtProperty() {
    return endedAt;
  }

  /** How long it ran (still growing while it runs); {@code null} before it starts. */
  public ReadOnlyObjectProperty<Duration> durationProperty() {
    return duration;
  }

  public Duration duration() {
    return duration.get();
  }

  /**
   * How far the running step has come, as its Spark driver (or its target) last reported; {@code
   * null} while nothing is known and once it is no longer running.
   */
  public ReadOnlyObjectProperty<StepProgress> progressProperty() {
    return progress;
  }

  public StepProgress progress() {
    return progress.get();
  }

  void setProgress(StepProgress value) {
    progress.set(value);
  }

  /**
   * Where the step ran when that is worth saying: "the warm Spark driver (pid 4242)" for a SQL step
   * run in a warm Spark driver; {@code null} for a step in a process of its own, and until known.
   */
  public ReadOnlyStringProperty ranInProperty() {
    return ranIn;
  }

  public String ranIn() {
    return ranIn.get();
  }

  void setRanIn(String value) {
    ranIn.set(value);
  }

  /** A step that never started because an upstream step failed or did not run. */
  public boolean isSkipped() {
    return status() == RunStatus.NOT_STARTED && message() != null;
  }

  /** What the Runs tab and a canvas tooltip say about the step ("Failed: exit code 1"). */
  public String describe() {
    String m = message();
    RunStatus s = status();
    if (s == RunStatus.RUNNING && m != null) {
      return "Running on " + m;
    }
    if (isSkipped()) {
      return "Not run: " + m.replaceFirst("^not run: ", "");
    }
    return m == null ? s.label() : s.label() + ": " + m;
  }

  /** A step of a run as the history recorded it: a run this window does not follow (the Runs view's history). */
  public static StepRunState recorded(io.pipewright.workspace.ChildRun child) {
    StepRunState state = new StepRunState(child.stepId(), child.stepName());
    state.compute.set(child.compute());
    state.setReuse(child.reuse());
    state.setStartedAt(child.startedAt());
    state.setEndedAt(child.endedAt());
    state.setDuration(child.duration().orElse(null));
    state.setStatus(child.status(), child.message());
    return state;
  }

  void setStatus(RunStatus value, String why) {
    // The message first: whoever hears of the new status reads the message that goes with it.
    message.set(why);
    if (value != RunStatus.RUNNING) {
      progress.set(null); // a progress told before the step ended is not its state any more
    }
    status.set(value);
  }

  void setReuse(String value) {
    reuse.set(value);
  }

  void setStartedAt(Instant value) {
    startedAt.set(value);
  }

  void setEndedAt(Instant value) {
    endedAt.set(value);
  }

  void setDuration(Duration value) {
    duration.set(value);
  }

  @Override
  public String toString() {
    return stepId + " " + status() + (message() == null ? "" : " (" + message() + ")");
  }
}

package io.pipewright.app.history;

import io.pipewright.workspace.RunSummary;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One row of the run history: its place in the list, and the run once its page has been read
 * ({@code null} until then, when the row shows as loading).
 */
public final class RunRow {
  private final int index;
  private final ReadOnlyObjectWrapper<RunSummary> run = new ReadOnlyObjectWrapper<>(this, "run");

  RunRow(int index) {
    this.index = index;
  }

  public int index() {
    return index;
  }

  public ReadOnlyObjectProperty<RunSummary> runProperty() {
    return run.getReadOnlyProperty();
  }

  /** The run, or {@code null} while its page is being read. */
  public RunSummary run() {
    return run.get();
  }

  void set(RunSummary summary) {
    run.set(summary);
  }

  @Override
  public String toString() {
    return index + ": " + (run.get() == null ? "loading" : run.get().runId());
  }
}

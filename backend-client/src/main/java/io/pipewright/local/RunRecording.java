package io.pipewright.local;

import io.pipewright.workspace.RunEvent;
import io.pipewright.workspace.RunListener;
import io.pipewright.workspace.StepProgress;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's listeners and its writes to the history, with the policy of a run in progress: a failed
 * write is logged and the run goes on; a listener that throws is logged and the others still hear.
 * Shared by the runs this workspace orchestrates ({@link LocalRun}) and those it delegates ({@link
 * DelegatedRun}).
 */
final class RunRecording {
  private static final Logger LOG = LoggerFactory.getLogger(RunRecording.class);

  /** One write to the history. */
  interface Write {
    void run() throws SQLException;
  }

  private final String runId;
  private final List<RunListener> listeners = new CopyOnWriteArrayList<>();

  RunRecording(String runId) {
    this.runId = runId;
  }

  void addListener(RunListener listener) {
    listeners.add(listener);
  }

  void emit(RunEvent event) {
    for (RunListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        LOG.warn("run listener failed on {}", event, e);
      }
    }
  }

  /** Tells the listeners how far a running step has come (not recorded in the history). */
  void progress(StepProgress progress) {
    for (RunListener listener : listeners) {
      try {
        listener.onProgress(progress);
      } catch (RuntimeException e) {
        LOG.warn("run listener failed on {}", progress, e);
      }
    }
  }

  void record(Write write) {
    try {
      write.run();
    } catch (SQLException e) {
      LOG.error("run {}: cannot record in the history: {}", runId, e.getMessage(), e);
    }
  }
}

package io.pipewright.local;

import java.nio.file.Path;

/**
 * Where the embedded workspace keeps things under its home:
 * <pre>
 * history.db                              the SQLite run history
 * datastores/default/                     the default datastore (sample data seeded here)
 * runs/RUN/steps/STEP/work/               the step's private working directory
 * runs/RUN/steps/STEP/inputs/PORT/        copies of inputs in download mode
 * runs/RUN/steps/STEP/outputs/PORT/       what the step writes to its outputs
 * runs/RUN/steps/STEP/logs/driver/stdout  log streams, by name
 * </pre>
 */
record WorkspaceLayout(Path home) {

  Path database() {
    return home.resolve("history.db");
  }

  Path datastores() {
    return home.resolve("datastores");
  }

  Path runs() {
    return home.resolve("runs");
  }

  Path run(String runId) {
    return runs().resolve(runId);
  }

  Path step(String runId, String stepId) {
    return run(runId).resolve("steps").resolve(stepId);
  }

  Path logs(String runId, String stepId) {
    return step(runId, stepId).resolve("logs");
  }

  /** The file of a log stream; stream names are like {@code driver/stdout}. */
  Path log(String runId, String stepId, String stream) {
    return logs(runId, stepId).resolve(stream);
  }
}

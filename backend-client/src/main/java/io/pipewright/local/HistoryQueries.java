package io.pipewright.local;

import io.pipewright.workspace.ChildRun;
import io.pipewright.workspace.ExperimentSummary;
import io.pipewright.workspace.FailureLocation;
import io.pipewright.workspace.LogStream;
import io.pipewright.workspace.RunPage;
import io.pipewright.workspace.RunQuery;
import io.pipewright.workspace.StatusChange;
import io.pipewright.workspace.StepDetails;
import io.pipewright.workspace.RunSummary;
import io.pipewright.workspace.WorkspaceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the embedded workspace tells about past and running runs: runs, their child runs and
 * status transitions from the history, and each step's directory and log streams from the run's
 * files. It only reads; runs are recorded by {@link RunOrchestrator} and {@link LocalRun}.
 */
final class HistoryQueries {

  private final HistoryStore store;
  private final WorkspaceLayout layout;

  HistoryQueries(HistoryStore store, WorkspaceLayout layout) {
    this.store = store;
    this.layout = layout;
  }

  List<RunSummary> runs(int limit) throws WorkspaceException {
    return HistoryCalls.read(() -> store.runs(limit));
  }

  RunPage runs(RunQuery query) throws WorkspaceException {
    return HistoryCalls.read(() -> store.runs(query));
  }

  List<ExperimentSummary> experiments() throws WorkspaceException {
    return HistoryCalls.read(store::experiments);
  }

  Optional<String> recordedPipeline(String runId) throws WorkspaceException {
    return HistoryCalls.read(() -> store.pipelineJson(runId));
  }

  /**
   * One step of a run as the history knows it: its transitions, launch, inputs, registered
   * versions, what changed since its last completed run, exit code and where its failure is logged.
   */
  StepDetails stepDetails(String runId, String stepId) throws WorkspaceException {
    ChildRun child = childRuns(runId).stream().filter(c -> c.stepId().equals(stepId)).findFirst()
        .orElseThrow(() -> new WorkspaceException("run " + runId + " has no step '" + stepId + "'"));
    return HistoryCalls.read(() -> {
      List<StatusChange> history = store.transitions(runId, stepId).stream()
          .map(t -> new StatusChange(t.status(), t.message(), t.at())).toList();
      HistoryStore.ChildDetails d = store.childDetails(runId, stepId).orElseThrow();
      Map<String, String> inputs = d.inputsJson() == null ? Map.of() : Json.stringMap(d.inputsJson());
      Optional<FailureLocation> failure = d.failureStream() == null || d.failureLine() == null
          ? Optional.empty()
          : Optional.of(new FailureLocation(d.failureStream(), d.failureLine(), child.message()));
      return new StepDetails(child, history, d.launch(), new TreeMap<>(inputs), store.datasetsOf(runId, stepId),
          Json.stringList(d.reuseChangesJson()), d.exitCode(), failure);
    });
  }

  Optional<RunSummary> run(String runId) throws WorkspaceException {
    return HistoryCalls.read(() -> store.run(runId));
  }

  List<ChildRun> childRuns(String runId) throws WorkspaceException {
    return HistoryCalls.read(() -> store.childRuns(runId));
  }

  /** Every status transition of a run, oldest first. */
  List<String> transitions(String runId) throws WorkspaceException {
    return HistoryCalls.read(() -> store.transitions(runId).stream()
        .map(t -> t.at() + " " + (t.stepId() == null ? "run" : t.stepId()) + " " + t.status().label()
            + (t.message() == null ? "" : " — " + t.message()))
        .toList());
  }

  List<String> logStreams(String runId, String stepId) {
    Path logs = layout.logs(runId, stepId);
    if (!Files.isDirectory(logs)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(logs)) {
      return files.filter(Files::isRegularFile).map(p -> logs.relativize(p).toString().replace('\\', '/')).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  LogStream log(String runId, String stepId, String stream) throws WorkspaceException {
    if (stream.contains("..")) {
      throw new WorkspaceException("invalid log stream name: " + stream);
    }
    return new FileLogStream(stream, layout.log(runId, stepId, stream));
  }

  /** The directory of a run's step (work, inputs, outputs, logs). */
  Path stepDirectory(String runId, String stepId) {
    return layout.step(runId, stepId);
  }
}

package io.pipewright.local;

import io.pipewright.model.Edge;
import io.pipewright.model.OutputPort;
import io.pipewright.model.Pipeline;
import io.pipewright.model.Step;
import io.pipewright.workspace.StepSelection;
import io.pipewright.workspace.WorkspaceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A {@link StepSelection} resolved against a pipeline and the history: which steps run, which take
 * the outputs an earlier run recorded instead of running (recorded as Reused), and which are not
 * run at all, each with the message the run shows for it.
 *
 * <ul>
 *   <li>FROM X: X and everything downstream of it run; the steps they need that are not downstream
 *       of X take their recorded outputs; the others are not run.
 *   <li>TO X: X and everything upstream of it run; the others are not run.
 *   <li>ONLY X: X runs; the steps it reads from take their recorded outputs; the others are not run.
 * </ul>
 */
final class StepPlan {

  /** A step that takes the outputs of its latest successful child run instead of running. */
  record Recorded(HistoryStore.RecordedResult result, String message) {}

  private final Map<String, Recorded> recorded;
  private final Map<String, String> notRun;

  private StepPlan(Map<String, Recorded> recorded, Map<String, String> notRun) {
    this.recorded = recorded;
    this.notRun = notRun;
  }

  static final StepPlan ALL = new StepPlan(Map.of(), Map.of());

  /** The recorded result a step takes, if it takes one. */
  Optional<Recorded> recorded(String stepId) {
    return Optional.ofNullable(recorded.get(stepId));
  }

  /** Why a step is not run, if it is not. */
  Optional<String> notRun(String stepId) {
    return Optional.ofNullable(notRun.get(stepId));
  }

  /** Looks a step's latest successful child run up: pipeline id and step id to the result, if any. */
  @FunctionalInterface
  interface History {
    Optional<HistoryStore.RecordedResult> latestSuccessful(String pipelineId, String stepId) throws SQLException;
  }

  /**
   * Resolves {@code selection} (its step given by id or by name). Fails, naming the step, when a
   * step that has to take recorded outputs has none, and, listing the steps, when there is no such step.
   */
  static StepPlan of(Pipeline pipeline, List<String> order, StepSelection selection, History history)
      throws WorkspaceException {
    if (selection.mode() == StepSelection.Mode.ALL) {
      return ALL;
    }
    Step selected = step(pipeline, selection.stepId());
    String x = selected.id();
    String name = "'" + selected.name() + "'";
    Map<String, List<String>> up = new HashMap<>();
    Map<String, List<String>> down = new HashMap<>();
    Set<String> stepIds = new LinkedHashSet<>(order);
    for (Edge e : pipeline.edges()) {
      String from = e.from().node();
      String to = e.to().node();
      if (stepIds.contains(from) && stepIds.contains(to)) {
        up.computeIfAbsent(to, k -> new ArrayList<>()).add(from);
        down.computeIfAbsent(from, k -> new ArrayList<>()).add(to);
      }
    }
    Set<String> runs = new LinkedHashSet<>();
    // Steps whose outputs a step that runs reads: they must have recorded outputs.
    Set<String> takeRecorded = new LinkedHashSet<>();
    // Steps further upstream: shown with their recorded outputs when they have some, else not run.
    Set<String> mayTakeRecorded = new LinkedHashSet<>();
    Function<String, String> notRunWhy;
    String recordedWhy;
    switch (selection.mode()) {
      case FROM -> {
        runs.addAll(closure(x, down));
        for (String id : runs) {
          takeRecorded.addAll(up.getOrDefault(id, List.of()));
          mayTakeRecorded.addAll(closure(id, up));
        }
        takeRecorded.removeAll(runs);
        mayTakeRecorded.removeAll(runs);
        recordedWhy = "not rerun: the run starts from " + name;
        notRunWhy = id -> "not run: not needed when running from " + name;
      }
      case TO -> {
        runs.addAll(closure(x, up));
        Set<String> after = closure(x, down);
        recordedWhy = null;
        notRunWhy = id -> after.contains(id) ? "not run: after the selected step " + name
            : "not run: not needed to run up to " + name;
      }
      case ONLY -> {
        runs.add(x);
        takeRecorded.addAll(up.getOrDefault(x, List.of()));
        recordedWhy = "not rerun: only " + name + " runs";
        notRunWhy = id -> "not run: only " + name + " runs";
      }
      default -> throw new IllegalStateException(selection.mode().toString());
    }
    Map<String, Recorded> recorded = new LinkedHashMap<>();
    Map<String, String> notRun = new LinkedHashMap<>();
    for (String id : order) {
      if (runs.contains(id)) {
        continue;
      }
      Step step = pipeline.step(id).orElseThrow();
      Optional<HistoryStore.RecordedResult> result = Optional.empty();
      if (takeRecorded.contains(id)) {
        result = Optional.of(recordedResult(pipeline, step, history));
      } else if (mayTakeRecorded.contains(id)) {
        try {
          result = Optional.of(recordedResult(pipeline, step, history));
        } catch (WorkspaceException e) {
          // Not needed: the steps after it give their own recorded outputs.
        }
      }
      if (result.isPresent()) {
        String runId = result.get().runId();
        recorded.put(id, new Recorded(result.get(), "outputs of run " + runId + " (" + recordedWhy + ")"));
      } else {
        notRun.put(id, notRunWhy.apply(id));
      }
    }
    return new StepPlan(recorded, notRun);
  }

  private static HistoryStore.RecordedResult recordedResult(Pipeline pipeline, Step step, History history)
      throws WorkspaceException {
    Optional<HistoryStore.RecordedResult> found;
    try {
      found = history.latestSuccessful(pipeline.id(), step.id());
    } catch (SQLException e) {
      throw new WorkspaceException("cannot read the run history: " + e.getMessage(), e);
    }
    String runIt = "; run it first (or run from it)";
    if (found.isEmpty()) {
      throw new WorkspaceException("step '" + step.name() + "' has no successful run to take its outputs from" + runIt);
    }
    HistoryStore.RecordedResult result = found.get();
    for (OutputPort port : step.outputs()) {
      String path = result.outputs().get(port.name());
      if (path == null || !Files.exists(Path.of(path))) {
        throw new WorkspaceException("step '" + step.name() + "' last succeeded in run " + result.runId()
            + ", whose output '" + port.name() + "' is gone" + (path == null ? "" : " (" + path + ")") + runIt);
      }
    }
    return result;
  }

  /** The step with this id, else the one step with this name; fails listing the pipeline's steps. */
  static Step step(Pipeline pipeline, String idOrName) throws WorkspaceException {
    Optional<Step> byId = pipeline.step(idOrName);
    if (byId.isPresent()) {
      return byId.get();
    }
    List<Step> byName = pipeline.steps().stream().filter(s -> idOrName.equals(s.name())).toList();
    if (byName.size() == 1) {
      return byName.get(0);
    }
    List<String> known = pipeline.steps().stream()
        .map(s -> s.name().equals(s.id()) ? s.id() : s.id() + " (" + s.name() + ")").toList();
    throw new WorkspaceException((byName.isEmpty() ? "the pipeline has no step '" + idOrName + "'"
        : "several steps are named '" + idOrName + "': give its id") + "; its steps: "
        + (known.isEmpty() ? "none" : String.join(", ", known)));
  }

  /** The step and every step reachable from it along {@code next}. */
  private static Set<String> closure(String start, Map<String, List<String>> next) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(start));
    while (!todo.isEmpty()) {
      String id = todo.poll();
      if (seen.add(id)) {
        todo.addAll(next.getOrDefault(id, List.of()));
      }
    }
    return seen;
  }
}

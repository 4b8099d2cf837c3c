package io.pipewright.app.run;

import io.pipewright.app.fx.TaskExecutor;
import io.pipewright.model.Pipeline;
import io.pipewright.model.Step;
import io.pipewright.workspace.ChildRun;
import io.pipewright.workspace.RunEvent;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.RunListener;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.RunSummary;
import io.pipewright.workspace.StepProgress;
import io.pipewright.workspace.Workspace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The state of one run, step by step, for the canvas, the Runs tab and (later) the full run view.
 *
 * <p>Run events arrive on the engine's threads. They only go into a queue; every {@link #TICK} the
 * UI thread takes all that arrived, applies them in one batch and, when something changed, reads
 * the child runs from the history in the background (for what events do not carry: reuse reasons,
 * exact start and end). Statuses told by events win over older history reads.
 */
public final class RunMonitor {
  /** How often arrived events are applied and running durations advance. */
  public static final Duration TICK = Duration.ofMillis(150);
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunMonitor.class);

  private final TaskExecutor executor;
  private final Workspace workspace;
  private final String runId;
  private final RunHandle handle;
  private final Clock clock;
  private final Queue<RunEvent> inbox = new ConcurrentLinkedQueue<>();
  /** The latest progress of each step not yet applied: many reports between two ticks make one update. */
  private final Map<String, StepProgress> progressInbox = new ConcurrentHashMap<>();
  private final Map<String, StepRunState> byId = new LinkedHashMap<>();
  private final ObservableList<StepRunState> steps = FXCollections.observableArrayList();
  private final ObservableList<StepRunState> readOnlySteps = FXCollections.unmodifiableObservableList(steps);
  private final ObjectProperty<RunStatus> status = new SimpleObjectProperty<>(this, "status", RunStatus.NOT_STARTED);
  private final StringProperty message = new SimpleStringProperty(this, "message");
  private final ObjectProperty<Duration> elapsed = new SimpleObjectProperty<>(this, "elapsed", Duration.ZERO);
  private final ReadOnlyBooleanWrapper finished = new ReadOnlyBooleanWrapper(this, "finished", false);
  private final Instant submittedAt;
  private Instant endedAt;
  private TaskExecutor.Cancellable ticking;
  private boolean reading;
  private boolean readAgain;
  private boolean finalEventSeen;
  /** The steps whose launch has been read from the history after they ended (it is not read again). */
  private final java.util.Set<String> launchRead = new java.util.HashSet<>();

  /**
   * Watches a run just submitted. Call {@link #start()} at once: the handle's listener is added
   * here, so no event after construction is missed, and history reads fill in the ones before it.
   */
  public RunMonitor(TaskExecutor executor, Workspace workspace, Pipeline pipeline, RunHandle handle, Clock clock) {
    this.executor = executor;
    this.workspace = workspace;
    this.runId = handle.runId();
    this.handle = handle;
    this.clock = clock;
    this.submittedAt = clock.instant();
    for (Step step : pipeline.steps()) {
      StepRunState state = new StepRunState(step.id(), step.name());
      byId.put(step.id(), state);
      steps.add(state);
    }
    handle.addListener(new RunListener() {
      @Override
      public void onEvent(RunEvent event) {
        inbox.add(event);
      }

      @Override
      public void onProgress(StepProgress progress) {
        if (progress.stepId() != null) {
          progressInbox.merge(progress.stepId(), progress, RunMonitor::newer);
        }
      }
    });
  }

  private static StepProgress newer(StepProgress a, StepProgress b) {
    return a.at() != null && b.at() != null && a.at().isAfter(b.at()) ? a : b;
  }

  public RunMonitor(TaskExecutor executor, Workspace workspace, Pipeline pipeline, RunHandle handle) {
    this(executor, workspace, pipeline, handle, Clock.systemUTC());
  }

  /** Starts applying events every {@link #TICK}, until the run has ended and been read once more. */
  public void start() {
    if (ticking == null) {
      ticking = executor.every(TICK, this::tick);
      readHistory();
    }
  }

  /** Stops watching (another run replaces this one in the views). The run itself goes on. */
  public void stop() {
    if (ticking != null) {
      ticking.cancel();
    }
  }

  /** Asks the engine to cancel the run; the steps show Canceled when its events arrive. */
  public void cancel() {
    handle.cancel();
  }

  public String runId() {
    return runId;
  }

  RunHandle handle() {
    return handle;
  }

  /** One row per step of the pipeline, in the pipeline's order. */
  public ObservableList<StepRunState> steps() {
    return readOnlySteps;
  }

  public Optional<StepRunState> step(String stepId) {
    return Optional.ofNullable(byId.get(stepId));
  }

  public ReadOnlyObjectProperty<RunStatus> statusProperty() {
    return status;
  }

  public RunStatus status() {
    return status.get();
  }

  /** Why the run failed or was canceled, once it has. */
  public ReadOnlyStringProperty messageProperty() {
    return message;
  }

  /** Time since submission (until the run ended). */
  public ReadOnlyObjectProperty<Duration> elapsedProperty() {
    return elapsed;
  }

  /** True once the run has ended and every step's final state has been applied. */
  public ReadOnlyBooleanProperty finishedProperty() {
    return finished.getReadOnlyProperty();
  }

  public boolean isFinished() {
    return finished.get();
  }

  /** Applies what arrived since the last tick, in one batch. Runs on the UI thread. */
  void tick() {
    boolean changed = drainInbox();
    applyProgress();
    advanceDurations();
    if (changed) {
      readHistory();
    }
  }

  private boolean drainInbox() {
    List<RunEvent> batch = new ArrayList<>();
    for (RunEvent e = inbox.poll(); e != null; e = inbox.poll()) {
      batch.add(e);
    }
    batch.forEach(this::apply);
    return !batch.isEmpty();
  }

  private void apply(RunEvent event) {
    if (event.isRunLevel()) {
      status.set(event.status());
      if (!event.status().isFinal() && event.message() != null) {
        message.set(event.message()); // where the run went (an Azure ML job and its Studio page)
      }
      if (event.status().isFinal()) {
        message.set(event.message());
        endedAt = event.at();
        finalEventSeen = true;
      }
      return;
    }
    if (status.get() == RunStatus.NOT_STARTED && event.status() != RunStatus.NOT_STARTED) {
      // a step is under way: so is the run, even when its own Running came before this monitor listened
      status.set(RunStatus.RUNNING);
    }
    StepRunState state = byId.get(event.stepId());
    if (state == null) {
      return;
    }
    if (rank(event.status(), event.message()) < rank(state.status(), state.message())) {
      return; // a history read already told a later status
    }
    state.setStatus(event.status(), event.message());
    if (event.status() == RunStatus.RUNNING && state.startedAtProperty().get() == null) {
      state.setStartedAt(event.at());
    }
    if (event.status().isFinal()) {
      state.setEndedAt(event.at());
    }
  }

  /** Applies the latest progress of each step that is still running (late reports of an ended step are dropped). */
  private void applyProgress() {
    if (progressInbox.isEmpty()) {
      return;
    }
    for (String stepId : List.copyOf(progressInbox.keySet())) {
      StepProgress p = progressInbox.remove(stepId);
      StepRunState state = byId.get(stepId);
      if (p != null && state != null && state.status() == RunStatus.RUNNING) {
        state.setProgress(p);
      }
    }
  }

  private void advanceDurations() {
    Instant now = clock.instant();
    elapsed.set(Duration.between(submittedAt, endedAt == null ? now : endedAt));
    for (StepRunState s : steps) {
      Instant start = s.startedAtProperty().get();
      if (start == null || s.status() == RunStatus.REUSED) {
        s.setDuration(null);
        continue;
      }
      Instant end = s.endedAtProperty().get();
      if (end == null && !s.status().isFinal()) {
        end = now;
      }
      s.setDuration(Duration.between(start, end == null ? start : end));
    }
  }

  /** Reads the child runs in the background; reads asked for while one is under way become one more. */
  private void readHistory() {
    if (reading) {
      readAgain = true;
      return;
    }
    reading = true;
    boolean runHadEnded = finalEventSeen;
    java.util.Set<String> launchKnown = new java.util.HashSet<>(launchRead);
    executor.submit(() -> {
      List<ChildRun> children = workspace.childRuns(runId);
      return new HistoryRead(workspace.run(runId), children, launches(children, launchKnown));
    }, read -> {
      reading = false;
      if (drainInbox()) {
        readAgain = true; // what just arrived may be newer than this read
      }
      read.children().forEach(this::merge);
      read.launches().forEach((stepId, launch) -> {
        StepRunState state = byId.get(stepId);
        if (state != null) {
          state.setRanIn(WarmLaunch.where(launch).orElse(null));
        }
      });
      // Read until the step has ended: a step a warm driver refuses launches again, cold.
      read.children().stream().filter(c -> c.status().isFinal()).map(ChildRun::stepId).forEach(launchRead::add);
      // A run whose Running came before its listener was added says so in the history.
      read.run().filter(r -> !r.status().isFinal() && r.status() != RunStatus.NOT_STARTED)
          .filter(r -> status.get() == RunStatus.NOT_STARTED).ifPresent(r -> status.set(r.status()));
      // A run that ended before its listener was added (every step reused) sends no final event.
      boolean endedInHistory = read.run().filter(r -> r.status().isFinal()).map(r -> {
        if (!finalEventSeen) {
          finalEventSeen = true;
          status.set(r.status());
          message.set(r.message());
          endedAt = r.endedAt();
        }
        return true;
      }).orElse(false);
      advanceDurations();
      if (readAgain) {
        readAgain = false;
        readHistory();
      } else if (runHadEnded || endedInHistory) {
        // The read began after the run's end: every step's final state is in.
        finished.set(true);
        stop();
      }
    }, e -> {
      reading = false;
      message.set("Cannot read the run history: " + e.getMessage());
      if (runHadEnded) {
        finished.set(true);
        stop();
      }
    });
  }

  /** Where a status is in a step's life: later ones replace earlier ones, never the reverse. */
  static int rank(RunStatus status, String message) {
    switch (status) {
      case NOT_STARTED:
        return message == null ? 0 : 5; // with a message: it will not run
      case QUEUED:
        return 1;
      case PREPARING:
        return 2;
      case RUNNING:
        return 3;
      case FINALIZING:
        return 4;
      default:
        return 5;
    }
  }

  /**
   * @param launches how each step launched since the last read was recorded, by step id (a warm
   *     Spark step says so there)
   */
  private record HistoryRead(Optional<RunSummary> run, List<ChildRun> children, Map<String, String> launches) {}

  /**
   * How the steps that have launched since the last read were launched, as the history recorded it
   * (read while a step runs and once when it has ended), on a workspace with warm Spark.
   */
  private Map<String, String> launches(List<ChildRun> children, java.util.Set<String> known) {
    Map<String, String> found = new LinkedHashMap<>();
    if (workspace.warmSpark().isEmpty()) {
      return found; // only the embedded workspace has warm Spark; a remote one would be asked over the network
    }
    for (ChildRun child : children) {
      RunStatus s = child.status();
      boolean launched = s == RunStatus.RUNNING || s == RunStatus.FINALIZING
          || (s.isFinal() && s != RunStatus.REUSED && child.startedAt() != null);
      if (!launched || known.contains(child.stepId())) {
        continue;
      }
      try {
        String launch = workspace.stepDetails(runId, child.stepId()).launch();
        if (launch != null) {
          found.put(child.stepId(), launch);
        }
      } catch (Exception e) {
        // what ran where is a detail: the step's status is what counts
        LOG.debug("Cannot read how step {} of run {} was launched", child.stepId(), runId, e);
      }
    }
    return found;
  }

  private void merge(ChildRun child) {
    StepRunState state = byId.get(child.stepId());
    if (state == null) {
      return;
    }
    // Events and history reads arrive in either order: a status never goes back.
    int told = rank(child.status(), child.message());
    int known = rank(state.status(), state.message());
    if (told > known || (told == known && child.message() != null)) {
      state.setStatus(child.status(), child.message());
    }
    if (child.reuse() != null) {
      state.setReuse(child.reuse());
    }
    if (child.compute() != null) {
      state.setCompute(child.compute());
    }
    if (child.startedAt() != null) {
      state.setStartedAt(child.startedAt());
    }
    if (child.endedAt() != null && state.status().isFinal()) {
      state.setEndedAt(child.endedAt());
    }
  }
}

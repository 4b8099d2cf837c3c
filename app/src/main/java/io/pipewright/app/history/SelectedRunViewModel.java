package io.pipewright.app.history;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.run.RunMonitor;
import io.pipewright.app.run.RunViewModel;
import io.pipewright.app.run.StepRunState;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.RunSummary;
import io.pipewright.workspace.StepDetails;
import io.pipewright.workspace.StepSelection;
import io.pipewright.workspace.Workspace;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run selected in the Runs view: its steps (live when it is the run this window follows, else
 * as the history recorded them), the selected step's details, and the reruns it offers.
 */
public final class SelectedRunViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(SelectedRunViewModel.class);

  private final AppContext context;
  private final RunViewModel runs;
  private final ReadOnlyObjectWrapper<RunSummary> run = new ReadOnlyObjectWrapper<>(this, "run");
  private final ObservableList<StepRunState> steps = FXCollections.observableArrayList();
  private final ObjectProperty<StepRunState> step = new SimpleObjectProperty<>(this, "step");
  private final ReadOnlyObjectWrapper<StepDetails> details = new ReadOnlyObjectWrapper<>(this, "details");
  private final ReadOnlyStringWrapper detailsProblem = new ReadOnlyStringWrapper(this, "detailsProblem", "");
  private final ReadOnlyStringWrapper stepsProblem = new ReadOnlyStringWrapper(this, "stepsProblem", "");
  private final ReadOnlyObjectWrapper<StepRunState> firstFailed = new ReadOnlyObjectWrapper<>(this, "firstFailed");
  private final InvalidationListener stepChanged = o -> updateFirstFailed();
  private final InvalidationListener selectedStepChanged = o -> loadDetails();
  private final BooleanBinding canRerun;
  private long generation;
  private long detailsGeneration;
  private StepRunState watched;

  public SelectedRunViewModel(AppContext context, RunViewModel runs) {
    this.context = context;
    this.runs = runs;
    this.canRerun = run.isNotNull().and(runs.canRunBinding());
    step.addListener((o, a, b) -> {
      if (watched != null) {
        watched.statusProperty().removeListener(selectedStepChanged);
      }
      watched = b;
      if (b != null) {
        b.statusProperty().addListener(selectedStepChanged);
      }
      loadDetails();
    });
  }

  public ReadOnlyObjectProperty<RunSummary> runProperty() {
    return run.getReadOnlyProperty();
  }

  public RunSummary run() {
    return run.get();
  }

  /** The steps of the run, in the pipeline's order; they change as the run goes on when it is followed. */
  public ObservableList<StepRunState> steps() {
    return steps;
  }

  /** The step whose details are shown. */
  public ObjectProperty<StepRunState> stepProperty() {
    return step;
  }

  public ReadOnlyObjectProperty<StepDetails> detailsProperty() {
    return details.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty detailsProblemProperty() {
    return detailsProblem.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty stepsProblemProperty() {
    return stepsProblem.getReadOnlyProperty();
  }

  /** The step that failed first (the one "Rerun from the failed step" starts at), or null. */
  public ReadOnlyObjectProperty<StepRunState> firstFailedProperty() {
    return firstFailed.getReadOnlyProperty();
  }

  /** A run is selected and Run is possible now (no run in progress, the open pipeline has no errors). */
  public BooleanBinding canRerunBinding() {
    return canRerun;
  }

  public BooleanBinding canRerunFromFailedBinding() {
    return canRerun.and(firstFailed.isNotNull());
  }

  public BooleanBinding canRunStepBinding() {
    return canRerun.and(step.isNotNull());
  }

  /** The run the window follows, if it is the one selected. */
  private Optional<RunMonitor> live(RunSummary summary) {
    RunMonitor m = runs.monitor();
    return m != null && summary != null && m.runId().equals(summary.runId()) ? Optional.of(m) : Optional.empty();
  }

  /** Shows a run (null for none): its steps at once when it is followed live, else once read. */
  public void select(RunSummary summary) {
    RunSummary was = run.get();
    boolean sameRun = was != null && summary != null && was.runId().equals(summary.runId());
    run.set(summary);
    if (sameRun && !steps.isEmpty() && live(summary).isPresent()) {
      return;
    }
    String keepStep = step.get() == null ? null : step.get().stepId();
    long mine = ++generation;
    stepsProblem.set("");
    if (summary == null) {
      setSteps(List.of(), null);
      return;
    }
    Optional<RunMonitor> followed = live(summary);
    if (followed.isPresent()) {
      setSteps(followed.get().steps(), sameRun ? keepStep : null);
      return;
    }
    Optional<Workspace> open = context.workspace();
    if (open.isEmpty()) {
      return;
    }
    Workspace workspace = open.get();
    context.executor().submit(() -> workspace.childRuns(summary.runId()), children -> {
      if (mine == generation) {
        setSteps(children.stream().map(StepRunState::recorded).toList(), sameRun ? keepStep : null);
      }
    }, e -> {
      if (mine == generation) {
        LOG.warn("Cannot read the steps of run {}", summary.runId(), e);
        stepsProblem.set("Cannot read the steps of run " + summary.runId() + ": " + e.getMessage());
        setSteps(List.of(), null);
      }
    });
  }

  private void setSteps(List<StepRunState> states, String keepStep) {
    for (StepRunState s : steps) {
      s.statusProperty().removeListener(stepChanged);
    }
    steps.setAll(states);
    for (StepRunState s : steps) {
      s.statusProperty().addListener(stepChanged);
    }
    updateFirstFailed();
    step.set(keepStep == null ? null : step(keepStep).orElse(null));
  }

  public Optional<StepRunState> step(String stepId) {
    return steps.stream().filter(s -> s.stepId().equals(stepId)).findFirst();
  }

  private void updateFirstFailed() {
    firstFailed.set(steps.stream().filter(s -> s.status() == RunStatus.FAILED)
        .min(Comparator.comparing((StepRunState s) -> s.endedAtProperty().get() == null ? Instant.MAX
            : s.endedAtProperty().get())).orElse(null));
  }

  private void loadDetails() {
    long mine = ++detailsGeneration;
    StepRunState s = step.get();
    RunSummary r = run.get();
    detailsProblem.set("");
    if (s == null || r == null) {
      details.set(null);
      return;
    }
    Optional<Workspace> open = context.workspace();
    if (open.isEmpty()) {
      return;
    }
    Workspace workspace = open.get();
    context.executor().submit(() -> workspace.stepDetails(r.runId(), s.stepId()), found -> {
      if (mine == detailsGeneration) {
        details.set(found);
      }
    }, e -> {
      if (mine == detailsGeneration) {
        LOG.warn("Cannot read step {} of run {}", s.stepId(), r.runId(), e);
        details.set(null);
        detailsProblem.set("Cannot read the details of " + s.name() + ": " + e.getMessage());
      }
    });
  }

  /** Reads the selected step's details again (its status changed, Refresh). */
  public void reloadDetails() {
    loadDetails();
  }

  /** Rerun: the whole open pipeline with this run's experiment, parameters and target. */
  public void rerun() {
    rerun(StepSelection.ALL);
  }

  /** Rerun from the step that failed first; the steps before it are reused. */
  public void rerunFromFailed() {
    StepRunState failed = firstFailed.get();
    if (failed != null) {
      rerun(StepSelection.from(failed.stepId()));
    }
  }

  /** Run up to here: the selected step and what it needs. */
  public void runUpToStep() {
    if (step.get() != null) {
      rerun(StepSelection.to(step.get().stepId()));
    }
  }

  /** Run only this step, with its inputs as recorded. */
  public void runOnlyStep() {
    if (step.get() != null) {
      rerun(StepSelection.only(step.get().stepId()));
    }
  }

  /**
   * Reruns through the Run feature. The open pipeline is what runs: when it is another file than the
   * run's, the user is asked first.
   */
  void rerun(StepSelection selection) {
    RunSummary r = run.get();
    if (r == null || !canRerun.get()) {
      context.statusProperty().set("Cannot run: " + runs.runBlockedReasonBinding().get());
      return;
    }
    String open = context.document().file().map(p -> p.toAbsolutePath().normalize().toString()).orElse(null);
    String ran = r.pipelineFile() == null ? null : Path.of(r.pipelineFile()).toAbsolutePath().normalize().toString();
    if (!Objects.equals(open, ran)) {
      String name = context.document().pipeline().name();
      boolean go = context.dialogs().confirm("Run the open pipeline?",
          "Run " + r.runId() + " ran " + (ran == null ? r.pipelineName() : ran) + ", but the open pipeline is "
              + (open == null ? name + " (not saved)" : open) + ". Run the open pipeline with the experiment, "
              + "parameters and target of run " + r.runId() + "?", "Run");
      if (!go) {
        return;
      }
    }
    runs.rerun(r, selection);
  }
}

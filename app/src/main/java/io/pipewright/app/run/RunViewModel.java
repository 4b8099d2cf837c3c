package io.pipewright.app.run;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.log.LogViewModel;
import io.pipewright.app.samples.SampleData;
import io.pipewright.model.Parameter;
import io.pipewright.model.Pipeline;
import io.pipewright.model.Step;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.FailureLocation;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.RunSummary;
import io.pipewright.workspace.StepSelection;
import io.pipewright.workspace.SubmitOptions;
import io.pipewright.workspace.Workspace;
import java.nio.file.Path;
import io.pipewright.workspace.LogStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableStringValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Running the open pipeline from the designer: whether Run is possible and why not, submitting the
 * document as it is now (unsaved changes included) with the file's directory anchoring relative
 * paths, stopping, and which run the canvas, the Runs tab and the Log tab show.
 */
public final class RunViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(RunViewModel.class);
  /** Where an untitled pipeline's relative paths resolve: a file that is never written. */
  static final String UNTITLED_FILE = "untitled.pipeline.json";

  private final AppContext context;
  private final ObservableStringValue problemsReason;
  private final Clock clock;
  private final LogViewModel log;
  private final ObjectProperty<RunMonitor> monitor = new SimpleObjectProperty<>(this, "monitor");
  private final BooleanProperty submitting = new SimpleBooleanProperty(this, "submitting", false);
  private final BooleanProperty running = new SimpleBooleanProperty(this, "running", false);
  private final Map<String, String> experiments = new HashMap<>();
  /** The parameter values of the last run of each pipeline (by id), offered again by the Run dialog. */
  private final Map<String, Map<String, String>> parameterValues = new HashMap<>();
  /** The compute target the last run of each pipeline (by id) ran its Spark steps on, when one was chosen. */
  private final Map<String, String> sparkTargets = new HashMap<>();
  private final ReadOnlyStringWrapper runLine = new ReadOnlyStringWrapper(this, "runLine", "");
  private final ChangeListener<Pipeline> edited = (o, a, b) -> clearDecorationsIfEnded();
  // Made once: a binding asked for anew each time would stop telling its listeners after the first change.
  private final StringBinding blockedReason;
  private final BooleanBinding canRun;
  private final BooleanBinding canStop;
  private RunDecorations decorations;
  private PipelineDocument decoratedDocument;
  private boolean followRunning;

  /**
   * @param problemsReason empty while the pipeline has no errors, else why it cannot run (the
   *     Problems view model's {@code runBlockedReasonBinding})
   */
  public RunViewModel(AppContext context, ObservableStringValue problemsReason, Clock clock) {
    this.context = context;
    this.problemsReason = problemsReason;
    this.clock = clock;
    this.log = new LogViewModel(context.executor(), context::workspace);
    this.blockedReason = Bindings.createStringBinding(() -> {
      if (context.workspaceProperty().get() == null) {
        return "The workspace is still opening.";
      }
      if (submitting.get()) {
        return "Submitting the run…";
      }
      if (running.get()) {
        return "A run is in progress: stop it first (Shift+F5).";
      }
      String problems = problemsReason.get();
      return problems == null ? "" : problems;
    }, context.workspaceProperty(), submitting, running, problemsReason);
    this.canRun = blockedReason.isEmpty();
    this.canStop = running.and(submitting.not());
    context.documentProperty().addListener((o, a, b) -> {
      if (a != null) {
        a.pipelineProperty().removeListener(edited);
      }
      clearDecorations();
      b.pipelineProperty().addListener(edited);
      rememberExperimentFromHistory();
    });
    context.document().pipelineProperty().addListener(edited);
    context.workspaceProperty().addListener((o, a, b) -> rememberExperimentFromHistory());
    rememberExperimentFromHistory();
    context.selectedNodeIdProperty().addListener((o, a, id) -> {
      RunMonitor m = monitor.get();
      if (id != null && m != null && m.step(id).isPresent()) {
        followRunning = false;
        showLog(m, id);
      }
    });
  }

  public RunViewModel(AppContext context, ObservableStringValue problemsReason) {
    this(context, problemsReason, Clock.systemUTC());
  }

  /** Empty when Run is possible, else why not ("1 error: …", "A run is in progress …"). */
  public StringBinding runBlockedReasonBinding() {
    return blockedReason;
  }

  public BooleanBinding canRunBinding() {
    return canRun;
  }

  /** True from submission until the run has ended. */
  public BooleanBinding canStopBinding() {
    return canStop;
  }

  /** The state of the current or last run for the toolbar: "Running · 12.3 s", "Completed after 45.2 s". */
  public ReadOnlyStringProperty runLineProperty() {
    return runLine.getReadOnlyProperty();
  }

  public boolean isRunning() {
    return running.get();
  }

  /** The run the views show: the current one, or the last one; {@code null} before the first. */
  public ReadOnlyObjectProperty<RunMonitor> monitorProperty() {
    return monitor;
  }

  public RunMonitor monitor() {
    return monitor.get();
  }

  public LogViewModel log() {
    return log;
  }

  /**
   * What the Run dialog starts with: the experiment, parameter values and Spark target last used for
   * this pipeline, else its id, the parameters' defaults and each step's own compute (also when the
   * target last chosen is gone or no longer runs Spark).
   */
  public RunRequest defaults() {
    Pipeline pipeline = context.document().pipeline();
    String id = pipeline.id();
    Map<String, String> last = parameterValues.getOrDefault(id, Map.of());
    Map<String, String> values = new LinkedHashMap<>();
    for (Parameter p : pipeline.parameters()) {
      values.put(p.name(), last.getOrDefault(p.name(), p.defaultValue() == null ? "" : p.defaultValue()));
    }
    String target = sparkTargets.get(id);
    boolean stillThere = target != null && sparkTargetChoices().stream().anyMatch(c -> target.equals(c.target()));
    return new RunRequest(experiments.getOrDefault(id, id), false, values, stillThere ? target : null);
  }

  /**
   * The Run dialog's "Run Spark steps on" choices: each step's own compute first, then every
   * compute target of the workspace that runs Spark, as last read ({@link AppContext#computes()}).
   */
  public List<SparkTargetChoice> sparkTargetChoices() {
    List<SparkTargetChoice> choices = new ArrayList<>();
    choices.add(SparkTargetChoice.EACH_STEPS_OWN);
    context.computes().stream().filter(ComputeTarget::runsSpark).map(SparkTargetChoice::of).forEach(choices::add);
    return choices;
  }

  /** The pipeline's id: the experiment a blank name means. */
  public String defaultExperiment() {
    return context.document().pipeline().id();
  }

  /** What the Run dialog tells about what is submitted (unsaved changes, where relative paths resolve). */
  public String submitNote() {
    PipelineDocument d = context.document();
    Path base = baseFile(d).toAbsolutePath().getParent();
    if (d.file().isEmpty()) {
      return "The pipeline has not been saved: it runs as shown, and relative paths resolve against " + base + ".";
    }
    if (d.isDirty()) {
      return "Runs the pipeline as shown, including unsaved changes. Relative paths resolve against " + base + ".";
    }
    return "Relative paths resolve against " + base + ".";
  }

  /**
   * Submits the open pipeline as it is now (the canvas's snapshot, unsaved changes included). The
   * workspace is touched in the background; the views follow the run once it is submitted.
   */
  public void submit(RunRequest request) {
    submit(request, StepSelection.ALL);
  }

  /**
   * Asks the Run dialog, as Run (F5) does, then submits the open pipeline with the steps chosen
   * ("Run from here", "Run up to here", "Run only this step"). Returns whether it was submitted
   * (the dialog was not canceled and Run is possible).
   */
  public boolean run(StepSelection selection) {
    if (!canRunBinding().get()) {
      context.statusProperty().set("Cannot run: " + runBlockedReasonBinding().get());
      return false;
    }
    Pipeline pipeline = context.document().pipeline();
    if (selection.mode() != StepSelection.Mode.ALL && pipeline.steps().stream().noneMatch(s -> s.id().equals(selection.stepId()))) {
      context.statusProperty().set("Cannot run: the pipeline has no step '" + selection.stepId() + "'");
      return false;
    }
    String note = selectionNote(pipeline, selection);
    RunDialog dialog = new RunDialog(pipeline.name(), pipeline.parameters(), defaults(), sparkTargetChoices(),
        defaultExperiment(), note.isEmpty() ? submitNote() : note + " " + submitNote());
    Optional<RunRequest> request = context.dialogs().show(dialog);
    request.ifPresent(r -> submit(r, selection));
    return request.isPresent();
  }

  /**
   * Runs the open pipeline again as an earlier run ran it (its experiment, parameter values and
   * Spark target), with the steps chosen ("Rerun from failed step": {@link StepSelection#from}).
   * Asks nothing.
   */
  public void rerun(RunSummary run, StepSelection selection) {
    submit(new RunRequest(run.experiment(), false, run.parameters(), run.target()), selection);
  }

  /** The step that failed first in the run shown, to rerun from; empty when none failed. */
  public Optional<String> firstFailedStep() {
    RunMonitor m = monitor.get();
    return m == null ? Optional.empty() : firstFailed(m).map(StepRunState::stepId);
  }

  /** "Rerun from failed step": the run shown again, from the step that failed first. */
  public void rerunFromFailedStep() {
    RunMonitor m = monitor.get();
    Optional<String> failed = firstFailedStep();
    if (m == null || failed.isEmpty()) {
      context.statusProperty().set("Cannot rerun: no step of the last run failed");
      return;
    }
    submit(defaults(), StepSelection.from(failed.get()));
  }

  /** What the Run dialog says about the steps chosen ("Runs only 'Train model' …"). */
  static String selectionNote(Pipeline pipeline, StepSelection selection) {
    if (selection.mode() == StepSelection.Mode.ALL) {
      return "";
    }
    String name = pipeline.steps().stream().filter(s -> s.id().equals(selection.stepId())).map(Step::name)
        .findFirst().orElse(selection.stepId());
    switch (selection.mode()) {
      case FROM:
        return "Runs '" + name + "' and the steps after it; the steps before it give their last outputs.";
      case TO:
        return "Runs '" + name + "' and the steps before it; nothing after it.";
      case ONLY:
        return "Runs only '" + name + "', with the inputs its upstream steps last wrote.";
      default:
        return "";
    }
  }

  /** Submits with the steps chosen; see {@link #submit(RunRequest)}. */
  public void submit(RunRequest request, StepSelection selection) {
    Optional<Workspace> open = context.workspace();
    if (open.isEmpty() || !canRunBinding().get()) {
      context.statusProperty().set("Cannot run: " + runBlockedReasonBinding().get());
      return;
    }
    Workspace workspace = open.get();
    PipelineDocument document = context.document();
    Pipeline pipeline = document.snapshot();
    String experiment = request.experiment().isEmpty() ? pipeline.id() : request.experiment();
    experiments.put(pipeline.id(), experiment);
    Map<String, String> parameters = new LinkedHashMap<>(request.parameters());
    parameters.keySet().retainAll(pipeline.parameters().stream().map(Parameter::name).toList());
    parameterValues.put(pipeline.id(), Map.copyOf(parameters));
    if (request.sparkTarget() == null) {
      sparkTargets.remove(pipeline.id());
    } else {
      sparkTargets.put(pipeline.id(), request.sparkTarget());
    }
    // The designer's runs use warm Spark: SQL steps on local Spark run in a long-lived driver where they can.
    SubmitOptions options = new SubmitOptions(experiment, baseFile(document), parameters, request.regenerateOutputs(),
        request.sparkTarget(), selection).withWarmSpark(true);
    clearDecorations();
    submitting.set(true);
    running.set(true);
    context.statusProperty().set("Submitting " + pipeline.name() + "…");
    context.executor().submit(() -> {
      SampleData.seed(workspace);
      return workspace.submit(pipeline, options);
    }, handle -> {
      submitting.set(false);
      follow(workspace, document, pipeline, handle, experiment);
    }, e -> {
      submitting.set(false);
      running.set(false);
      LOG.warn("Cannot submit {}", pipeline.id(), e);
      context.statusProperty().set("The run was not started");
      context.dialogs().showError("Cannot run " + pipeline.name(), e.getMessage());
    });
  }

  private void follow(Workspace workspace, PipelineDocument document, Pipeline pipeline, RunHandle handle,
      String experiment) {
    RunMonitor previous = monitor.get();
    if (previous != null) {
      previous.stop();
    }
    RunMonitor m = new RunMonitor(context.executor(), workspace, pipeline, handle, clock);
    decorations = new RunDecorations(document.graph(), m);
    decoratedDocument = document;
    monitor.set(m);
    context.statusProperty().set("Run " + handle.runId() + " of " + pipeline.name() + " in experiment " + experiment);
    String selected = context.selectedNodeIdProperty().get();
    followRunning = selected == null || m.step(selected).isEmpty();
    if (!followRunning) {
      showLog(m, selected);
    } else {
      log.clear();
    }
    for (StepRunState state : m.steps()) {
      state.statusProperty().addListener((o, a, b) -> {
        if (b == RunStatus.RUNNING && followRunning && monitor.get() == m) {
          showLog(m, state.stepId());
        }
      });
    }
    m.messageProperty().addListener((o, a, message) -> {
      if (message != null && monitor.get() == m && !m.isFinished()) {
        context.statusProperty().set("Run " + handle.runId() + " of " + pipeline.name() + ": " + message);
      }
    });
    m.finishedProperty().addListener((o, a, done) -> {
      if (done && monitor.get() == m) {
        running.set(false);
        context.statusProperty().set(endLine(m));
        runLine.set(runLine(m));
      }
    });
    m.elapsedProperty().addListener((o, a, b) -> {
      if (monitor.get() == m && !m.isFinished()) {
        runLine.set((m.status() == RunStatus.NOT_STARTED ? "Starting" : m.status().label()) + " · "
            + Durations.format(b));
      }
    });
    runLine.set("Starting…");
    m.start();
  }

  private void showLog(RunMonitor m, String stepId) {
    m.step(stepId).ifPresent(state -> log.show(context.workspace().orElseThrow(), m.runId(), stepId, state.name(),
        () -> state.status().isFinal() || state.isSkipped() || m.isFinished()));
  }

  /**
   * The toolbar's line once a run has ended: "Completed after 45.2 s", "Failed after 12.3 s: step
   * 'Prepare data' failed first — java.lang.ArithmeticException: / by zero".
   */
  static String runLine(RunMonitor m) {
    String line = m.status().label() + " after " + Durations.format(m.elapsedProperty().get());
    if (m.status() == RunStatus.FAILED) {
      Optional<StepRunState> first = firstFailed(m);
      if (first.isPresent()) {
        String cause = first.get().message();
        line += ": step '" + first.get().name() + "' failed first";
        if (cause != null && !cause.isBlank()) {
          line += " — " + RunDecorations.withoutExitCode(cause);
        }
      } else if (m.messageProperty().get() != null) {
        line += ": " + m.messageProperty().get();
      }
    }
    return line;
  }

  /** The failed step that ended first (the pipeline's order breaks ties and unknown times). */
  static Optional<StepRunState> firstFailed(RunMonitor m) {
    StepRunState first = null;
    for (StepRunState s : m.steps()) {
      if (s.status() != RunStatus.FAILED) {
        continue;
      }
      Instant ended = s.endedAtProperty().get();
      Instant best = first == null ? null : first.endedAtProperty().get();
      if (first == null || (ended != null && best != null && ended.isBefore(best))) {
        first = s;
      }
    }
    return Optional.ofNullable(first);
  }

  /**
   * "Show in log": opens a step's log in the Log tab at the line of its failure's cause, as the
   * history located it ({@link Workspace#stepDetails}); where it did not, at the last line of its
   * logs that holds the cause the step's message names. Reads in the background.
   */
  public void showFailureInLog(String stepId) {
    RunMonitor m = monitor.get();
    Optional<Workspace> open = context.workspace();
    if (m == null || open.isEmpty() || m.step(stepId).isEmpty()) {
      return;
    }
    Workspace workspace = open.get();
    StepRunState state = m.step(stepId).get();
    followRunning = false;
    showLog(m, stepId);
    String runId = m.runId();
    String cause = state.message();
    context.executor().submit(() -> locateFailure(workspace, runId, stepId, cause), found -> {
      if (found.isPresent()) {
        log.reveal(runId, stepId, found.get().stream(), found.get().line());
      } else {
        log.streamProperty().set(LogStream.DRIVER_STDERR);
        context.statusProperty().set("The cause of " + state.name() + "'s failure was not found in its logs");
      }
    }, e -> {
      LOG.warn("Cannot locate the failure of {} in run {}", stepId, runId, e);
      context.statusProperty().set("Cannot read the logs of " + state.name() + ": " + e.getMessage());
    });
  }

  static Optional<FailureLocation> locateFailure(Workspace workspace, String runId, String stepId, String cause)
      throws Exception {
    Optional<FailureLocation> recorded = workspace.stepDetails(runId, stepId).failure();
    if (recorded.isPresent()) {
      return recorded;
    }
    return CauseLocator.find(workspace, runId, stepId, cause);
  }

  /** Cancels the run in progress: running steps' processes are killed, pending steps never start. */
  public void stop() {
    RunMonitor m = monitor.get();
    if (m != null && running.get() && !submitting.get()) {
      m.cancel();
      context.statusProperty().set("Stopping run " + m.runId() + "…");
    }
  }

  /** "Run 2024…: Completed in 45.2 s", "…: Failed: step 'Prepare data' failed: exit code 1". */
  static String endLine(RunMonitor m) {
    String took = Durations.format(m.elapsedProperty().get());
    String line = "Run " + m.runId() + ": " + m.status().label() + " after " + took;
    if (m.messageProperty().get() != null) { // a failure's cause, or where the run went (Azure ML)
      line += " — " + m.messageProperty().get();
    }
    return line;
  }

  private void clearDecorationsIfEnded() {
    RunMonitor m = monitor.get();
    if (decorations != null && m != null && m.isFinished()) {
      clearDecorations();
    }
  }

  private void clearDecorations() {
    if (decorations != null) {
      decorations.clear();
      decorations = null;
      decoratedDocument = null;
    }
  }

  /** Whether the canvas shows a run now (until the next edit after it ended). */
  public boolean isDecorating() {
    return decorations != null && decoratedDocument == context.document();
  }

  /** The file whose directory anchors relative paths: the document's, or an unwritten one in the designer's folder. */
  private Path baseFile(PipelineDocument document) {
    return document.file().orElseGet(() -> context.home().resolve(UNTITLED_FILE));
  }

  /** Remembers, for the open pipeline, the experiment of its newest run in the history. */
  private void rememberExperimentFromHistory() {
    Optional<Workspace> open = context.workspace();
    Optional<Path> file = context.document().file();
    if (open.isEmpty() || file.isEmpty()) {
      return;
    }
    String pipelineId = context.document().pipeline().id();
    String path = file.get().toAbsolutePath().toString();
    Workspace workspace = open.get();
    context.executor().submit(() -> workspace.runs(200).stream()
        .filter(r -> path.equals(r.pipelineFile())).findFirst().map(RunSummary::experiment), found ->
        found.ifPresent(experiment -> experiments.putIfAbsent(pipelineId, experiment)),
        e -> LOG.debug("Cannot read the run history for the last experiment", e));
  }
}

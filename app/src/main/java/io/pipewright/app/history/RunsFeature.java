package io.pipewright.app.history;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.designer.MainWindow;
import io.pipewright.app.preview.OutputPreviewDialog;
import io.pipewright.app.run.RunMonitor;
import io.pipewright.app.run.RunViewModel;
import io.pipewright.app.run.StepRunState;
import io.pipewright.workspace.RunSummary;
import io.pipewright.workspace.Workspace;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Runs tab: the run history, the selected run, opening a run read-only on the canvas, comparing
 * two runs, reruns. {@link #install} is the one call the window needs, after the Run feature.
 */
public final class RunsFeature {
  private static final Logger LOG = LoggerFactory.getLogger(RunsFeature.class);

  private final MainWindow window;
  private final AppContext context;
  private final RunViewModel runs;
  private final RunHistoryViewModel history;
  private final SelectedRunViewModel selected;
  private final OpenedRunView opened;
  /** The tab's content holder; the view in it is made when the tab is first shown (not at start). */
  private final javafx.scene.layout.StackPane tab = new javafx.scene.layout.StackPane();
  private RunsView view;
  private boolean syncingSelection;

  private RunsFeature(MainWindow window, AppContext context, RunViewModel runs) {
    this.window = window;
    this.context = context;
    this.runs = runs;
    this.history = new RunHistoryViewModel(context);
    this.selected = new SelectedRunViewModel(context, runs);
    this.opened = new OpenedRunView(window, context, this::selectFromOpenedRun);
  }

  /** Fills the Runs tab; {@code runs} is what {@code RunFeature.install} returned. */
  public static RunsFeature install(MainWindow window, AppContext context, RunViewModel runs) {
    RunsFeature feature = new RunsFeature(window, context, runs);
    feature.build();
    return feature;
  }

  private void build() {
    tab.setId("runsTabContent");
    window.setTabContent(window.runsTab(), tab);
    // The history is read when the tab is looked at (not at start: nobody may look).
    window.runsTab().selectedProperty().addListener((o, a, shown) -> {
      if (shown) {
        view().refresh();
      }
    });
    if (window.runsTab().isSelected()) {
      view();
    }
    context.workspaceProperty().addListener((o, a, b) -> {
      if (b != null && window.runsTab().isSelected()) {
        view().refresh();
      }
    });
    // A run started in this window is listed and shown at once, and listed again when it ends.
    runs.monitorProperty().addListener((o, a, m) -> {
      if (m != null) {
        follow(m);
      }
    });
    context.selectedNodeIdProperty().addListener((o, a, id) -> {
      RunMonitor m = runs.monitor();
      RunSummary shown = selected.run();
      if (id != null && m != null && shown != null && shown.runId().equals(m.runId()) && !opened.isOpen()) {
        syncingSelection = true;
        try {
          if (view != null) {
            view.selectStep(id);
          }
        } finally {
          syncingSelection = false;
        }
      }
    });
  }

  private void follow(RunMonitor m) {
    if (view != null) {
      view.selectWhenListed(m.runId());
    }
    history.refresh();
    showRunOf(m);
    m.finishedProperty().addListener((o, a, done) -> {
      if (done && view != null) {
        view.refresh();
      } else if (done) {
        history.refresh();
      }
    });
  }

  /** Shows the new run at once (before the history lists it). */
  private void showRunOf(RunMonitor m) {
    Optional<Workspace> open = context.workspace();
    if (open.isEmpty()) {
      return;
    }
    Workspace workspace = open.get();
    context.executor().submit(() -> workspace.run(m.runId()), found -> found.ifPresent(run -> {
      if (runs.monitor() == m && (selected.run() == null || !selected.run().runId().equals(run.runId()))) {
        selected.select(run);
      }
    }), e -> LOG.debug("Cannot read run {}", m.runId(), e));
  }

  private void selectFromOpenedRun(String stepId) {
    RunSummary shown = selected.run();
    if (shown != null && opened.shows(shown.runId()) && view != null) {
      view.selectStep(stepId);
    }
  }

  /** Opens a run read-only on the canvas. */
  public void open(RunSummary run) {
    Optional<Workspace> workspace = context.workspace();
    if (workspace.isEmpty()) {
      return;
    }
    context.statusProperty().set("Opening run " + run.runId() + "…");
    context.executor().submit(() -> RecordedRun.read(workspace.get(), run), recorded -> {
      opened.show(recorded);
      StepRunState step = selected.stepProperty().get();
      if (step != null && selected.run() != null && selected.run().runId().equals(run.runId())) {
        opened.select(step.stepId());
      }
    }, e -> {
      LOG.warn("Cannot open run {}", run.runId(), e);
      context.statusProperty().set("Run " + run.runId() + " was not opened");
      context.dialogs().showError("Cannot open run " + run.runId(), e.getMessage());
    });
  }

  /** Compares two runs in a dialog, the older on the left. */
  public void compare(RunSummary left, RunSummary right) {
    Optional<Workspace> workspace = context.workspace();
    if (workspace.isEmpty()) {
      return;
    }
    context.statusProperty().set("Comparing runs " + left.runId() + " and " + right.runId() + "…");
    context.executor().submit(() -> RunComparison.of(RecordedRun.read(workspace.get(), left),
        RecordedRun.read(workspace.get(), right)), comparison -> {
          context.statusProperty().set("Compared runs " + left.runId() + " and " + right.runId());
          context.dialogs().show(new CompareDialog(comparison));
        }, e -> {
          LOG.warn("Cannot compare runs {} and {}", left.runId(), right.runId(), e);
          context.dialogs().showError("Cannot compare the runs", e.getMessage());
        });
  }

  /** "Show in log": the Log tab opens the step's stream at the cause's line (counted from 1). */
  void showInLog(String runId, String stepId, String stream, long line) {
    Optional<Workspace> workspace = context.workspace();
    if (workspace.isEmpty()) {
      return;
    }
    String name = selected.step(stepId).map(StepRunState::name).orElse(stepId);
    // the step's log first (a run of another day: the Log tab knows only the run of this window)
    runs.log().show(workspace.get(), runId, stepId, name, () -> true);
    runs.log().reveal(runId, stepId, stream, line);
    window.showTab(window.logTab());
  }

  /** Whether the step details offer "Preview" per output. */
  boolean canPreview() {
    return true;
  }

  /** The first rows a step of a run wrote to an output port, in the preview window. */
  void previewOutput(String runId, String stepId, String port) {
    String name = selected.step(stepId).map(StepRunState::name).orElse(stepId);
    OutputPreviewDialog.show(context, window.getScene() == null ? null : window.getScene().getWindow(), runId, stepId,
        name, port);
  }

  /** The Runs view, made at its first use. */
  public RunsView view() {
    if (view == null) {
      view = new RunsView(history, selected, runs, new Actions(), context.executor());
      tab.getChildren().setAll(view);
    }
    return view;
  }

  public OpenedRunView opened() {
    return opened;
  }

  public RunHistoryViewModel history() {
    return history;
  }

  public SelectedRunViewModel selected() {
    return selected;
  }

  private final class Actions implements RunsView.Actions {
    @Override
    public void open(RunSummary run) {
      RunsFeature.this.open(run);
    }

    @Override
    public void compare(RunSummary left, RunSummary right) {
      RunsFeature.this.compare(left, right);
    }

    @Override
    public void stepSelected(RunSummary run, StepRunState step) {
      if (run == null) {
        return;
      }
      RunMonitor m = runs.monitor();
      if (opened.shows(run.runId())) {
        opened.select(step.stepId());
      } else if (m != null && m.runId().equals(run.runId()) && !opened.isOpen()) {
        if (!syncingSelection) {
          window.canvas().select(step.stepId());
        }
      } else {
        context.workspace().ifPresent(w -> runs.log().show(w, run.runId(), step.stepId(), step.name(), () -> true));
      }
    }

    @Override
    public void openLink(String url) {
      context.openInBrowser(url);
    }

    @Override
    public void showInLog(String runId, String stepId, String stream, long line) {
      RunsFeature.this.showInLog(runId, stepId, stream, line);
    }

    @Override
    public boolean canPreview() {
      return RunsFeature.this.canPreview();
    }

    @Override
    public void previewOutput(String runId, String stepId, String port) {
      RunsFeature.this.previewOutput(runId, stepId, port);
    }
  }
}

package io.pipewright.app.run;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.designer.MainWindow;
import io.pipewright.app.fx.Tips;
import io.pipewright.app.log.LogView;
import io.pipewright.graph.view.GraphView;
import io.pipewright.graph.view.Hit;
import io.pipewright.app.preview.OutputPreviewDialog;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.view.DefaultNodeSkin;
import io.pipewright.model.OutputPort;
import io.pipewright.model.Step;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.StepProgress;
import io.pipewright.workspace.StepSelection;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.control.Menu;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.MouseButton;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * Running from the canvas: Run (F5) and Stop (Shift+F5) in the Run menu and the toolbar, the run's
 * state on the canvas and the Log tab (the Runs tab is {@code history.RunsFeature}'s). {@link #install} is the one call the window
 * needs.
 */
public final class RunFeature {

  private final MainWindow window;
  private final AppContext context;
  private final RunViewModel viewModel;

  private RunFeature(MainWindow window, AppContext context) {
    this.window = window;
    this.context = context;
    this.viewModel = new RunViewModel(context, window.problems().runBlockedReasonBinding());
  }

  /** Adds Run and Stop to the window, fills its Runs and Log tabs, and adds the warm Spark item to its status bar. */
  public static RunViewModel install(MainWindow window, AppContext context) {
    RunFeature feature = new RunFeature(window, context);
    feature.build();
    io.pipewright.app.warm.WarmSparkFeature.install(window, context);
    return feature.viewModel;
  }

  private void build() {
    MenuItem run = new MenuItem("_Run…", icon(MaterialDesignP.PLAY, "run-icon"));
    run.setId("runMenuItem");
    run.setAccelerator(KeyCombination.keyCombination("F5"));
    run.setOnAction(e -> requestRun());
    run.disableProperty().bind(viewModel.canRunBinding().not());
    MenuItem stop = new MenuItem("_Stop", icon(MaterialDesignS.STOP, "stop-icon"));
    stop.setId("stopMenuItem");
    stop.setAccelerator(KeyCombination.keyCombination("Shift+F5"));
    stop.setOnAction(e -> viewModel.stop());
    stop.disableProperty().bind(viewModel.canStopBinding().not());
    window.runMenu().getItems().addAll(run, stop, new SeparatorMenuItem());
    window.runMenu().getItems().addAll(selectionMenuItems());


    Button runButton = new Button("Run", icon(MaterialDesignP.PLAY, "run-icon"));
    runButton.setId("runButton");
    runButton.getStyleClass().addAll("flat", "run-button");
    runButton.setFocusTraversable(false);
    runButton.setOnAction(e -> requestRun());
    runButton.disableProperty().bind(viewModel.canRunBinding().not());
    // A disabled button shows no tooltip: the tooltip sits on a wrapper that is never disabled.
    StackPane runWrapper = new StackPane(runButton);
    runWrapper.setId("runButtonWrapper");
    Tips.install(runWrapper, Bindings.createStringBinding(() -> {
      String why = viewModel.runBlockedReasonBinding().get();
      return why.isEmpty() ? "Run the pipeline (F5)" : "Cannot run: " + why;
    }, viewModel.runBlockedReasonBinding()), tip -> tip.setShowDelay(Duration.millis(300)));

    Button stopButton = new Button("Stop", icon(MaterialDesignS.STOP, "stop-icon"));
    stopButton.setId("stopButton");
    stopButton.getStyleClass().addAll("flat", "stop-button");
    stopButton.setFocusTraversable(false);
    stopButton.setOnAction(e -> viewModel.stop());
    stopButton.disableProperty().bind(viewModel.canStopBinding().not());
    Tips.install(stopButton, "Stop the run (Shift+F5): running steps are killed, pending ones never start");

    Label runState = new Label() {
      @Override
      protected double computePrefWidth(double height) {
        // A long reason is cut short (the tooltip has all of it) rather than pushing the toolbar into overflow.
        return Math.min(super.computePrefWidth(height), 380);
      }
    };
    runState.setId("runState");
    runState.getStyleClass().add("run-state");
    runState.setAlignment(Pos.CENTER_LEFT);
    // The toolbar says why Run is off; while and after a run, how it goes.
    runState.textProperty().bind(Bindings.createStringBinding(() -> {
      String why = viewModel.runBlockedReasonBinding().get();
      if (viewModel.isRunning() || why.isEmpty()) {
        return viewModel.runLineProperty().get();
      }
      return "Cannot run: " + why;
    }, viewModel.runBlockedReasonBinding(), viewModel.runLineProperty(), viewModel.canStopBinding()));
    runState.setOnMouseClicked(e -> {
      if (!viewModel.isRunning() && !viewModel.runBlockedReasonBinding().get().isEmpty()) {
        window.showTab(window.problemsTab());
      }
    });
    Tips.install(runState, runState.textProperty());
    javafx.css.PseudoClass blocked = javafx.css.PseudoClass.getPseudoClass("blocked");
    runState.textProperty().addListener((o, a, b) ->
        runState.pseudoClassStateChanged(blocked, b != null && b.startsWith("Cannot run")));
    runState.pseudoClassStateChanged(blocked, runState.getText().startsWith("Cannot run"));

    window.toolBar().getItems().addAll(new Separator(), runWrapper, stopButton, runState);

    // The log viewer keeps its state in its model: it is made when its tab is first shown.
    window.setTabContent(window.logTab(), () -> new LogView(viewModel.log(), context.dialogs()));
    viewModel.log().visibleProperty().bind(window.logTab().selectedProperty());
    viewModel.log().revealedProperty().addListener((o, a, b) -> window.showTab(window.logTab()));

    window.canvas().viewProperty().addListener((o, a, b) -> {
      explainNodes(b);
      clickNodes(b);
    });
    explainNodes(window.graphView());
    clickNodes(window.graphView());
    window.canvas().addContextMenuItems(this::nodeMenuItems);
  }

  private void requestRun() {
    requestRun(StepSelection.ALL);
  }

  /** Asks the Run dialog and runs the steps chosen; the Log tab follows the run. */
  private void requestRun(StepSelection selection) {
    if (viewModel.run(selection)) {
      window.showTab(window.logTab());
    }
  }

  /** The selected node's id when it is a step of the open pipeline, else null. */
  private String selectedStep() {
    String id = context.selectedNodeIdProperty().get();
    return id != null && isStep(id) ? id : null;
  }

  private boolean isStep(String id) {
    return context.document().pipeline().steps().stream().anyMatch(s -> s.id().equals(id));
  }

  /** The Run menu's "Run from here", "Run up to here", "Run only this step" (the selected step) and "Rerun from failed step". */
  private List<MenuItem> selectionMenuItems() {
    BooleanBinding noStep = Bindings.createBooleanBinding(() -> !viewModel.canRunBinding().get() || selectedStep() == null,
        viewModel.canRunBinding(), context.selectedNodeIdProperty(), context.documentProperty());
    List<MenuItem> items = new ArrayList<>();
    for (StepSelection.Mode mode : List.of(StepSelection.Mode.FROM, StepSelection.Mode.TO, StepSelection.Mode.ONLY)) {
      MenuItem item = new MenuItem(selectionLabel(mode));
      item.setId(selectionId(mode) + "MenuItem");
      item.disableProperty().bind(noStep);
      item.setOnAction(e -> {
        String step = selectedStep();
        if (step != null) {
          requestRun(new StepSelection(mode, step));
        }
      });
      items.add(item);
    }
    MenuItem rerunFailed = new MenuItem("Rerun from _failed step");
    rerunFailed.setId("rerunFailedMenuItem");
    rerunFailed.disableProperty().bind(Bindings.createBooleanBinding(
        () -> !viewModel.canRunBinding().get() || viewModel.firstFailedStep().isEmpty(),
        viewModel.canRunBinding(), viewModel.monitorProperty()));
    rerunFailed.setOnAction(e -> {
      viewModel.rerunFromFailedStep();
      window.showTab(window.logTab());
    });
    items.add(rerunFailed);
    return items;
  }

  static String selectionLabel(StepSelection.Mode mode) {
    switch (mode) {
      case FROM:
        return "Run from here";
      case TO:
        return "Run up to here";
      case ONLY:
        return "Run only this step";
      default:
        return "Run";
    }
  }

  private static String selectionId(StepSelection.Mode mode) {
    switch (mode) {
      case FROM:
        return "runFromHere";
      case TO:
        return "runUpToHere";
      case ONLY:
        return "runOnlyThisStep";
      default:
        return "run";
    }
  }

  /** A step's context menu: runs from it, "Show in log" when it failed, its outputs' previews. */
  private void nodeMenuItems(Hit hit, List<MenuItem> items) {
    GraphNode node = hit.node();
    if (node == null || !isStep(node.id())) {
      return;
    }
    String stepId = node.id();
    Step step = context.document().pipeline().steps().stream().filter(s -> s.id().equals(stepId)).findFirst().orElseThrow();
    RunMonitor m = viewModel.monitor();
    if (hit.kind() == Hit.Kind.PORT && !hit.port().isInput()) {
      MenuItem preview = new MenuItem("Preview output '" + hit.port().name() + "'");
      preview.setId("previewPortMenuItem");
      preview.setDisable(m == null || m.step(stepId).isEmpty());
      preview.setOnAction(e -> previewOutput(stepId, hit.port().name()));
      items.add(preview);
    }
    for (StepSelection.Mode mode : List.of(StepSelection.Mode.FROM, StepSelection.Mode.TO, StepSelection.Mode.ONLY)) {
      MenuItem item = new MenuItem(selectionLabel(mode));
      item.setId(selectionId(mode));
      item.setDisable(!viewModel.canRunBinding().get());
      item.setOnAction(e -> requestRun(new StepSelection(mode, stepId)));
      items.add(item);
    }
    boolean failed = m != null && viewModel.isDecorating()
        && m.step(stepId).map(s -> s.status() == RunStatus.FAILED).orElse(false);
    if (failed) {
      MenuItem showInLog = new MenuItem("Show in log");
      showInLog.setId("showInLog");
      showInLog.setOnAction(e -> showFailureInLog(stepId));
      items.add(showInLog);
    }
    if (!step.outputs().isEmpty()) {
      Menu preview = new Menu("Preview output");
      preview.setId("previewOutputMenu");
      boolean ran = m != null && m.step(stepId).isPresent();
      preview.setDisable(!ran);
      for (OutputPort port : step.outputs()) {
        MenuItem item = new MenuItem(port.name());
        item.setOnAction(e -> previewOutput(stepId, port.name()));
        preview.getItems().add(item);
      }
      items.add(preview);
    }
  }

  private void showFailureInLog(String stepId) {
    window.showTab(window.logTab());
    viewModel.showFailureInLog(stepId);
  }

  /** Opens the preview of a step's output in the run the canvas shows (the last run in this window). */
  private void previewOutput(String stepId, String port) {
    RunMonitor m = viewModel.monitor();
    if (m == null) {
      context.statusProperty().set("Run the pipeline first: the preview shows what a run wrote");
      return;
    }
    String name = m.step(stepId).map(StepRunState::name).orElse(stepId);
    OutputPreviewDialog.show(context, window.getScene() == null ? null : window.getScene().getWindow(), m.runId(),
        stepId, name, port);
  }

  /**
   * Clicks on the canvas: on a failed step's cause, "Show in log"; a double-click on a step's output
   * port previews what the run wrote there.
   */
  private void clickNodes(GraphView view) {
    if (view == null) {
      return;
    }
    view.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
      if (e.getButton() != MouseButton.PRIMARY || !e.isStillSincePress()) {
        return;
      }
      Hit hit = view.hitTest(e.getX(), e.getY());
      RunMonitor m = viewModel.monitor();
      if (hit.node() == null || m == null || m.step(hit.node().id()).isEmpty()) {
        return;
      }
      String stepId = hit.node().id();
      if (e.getClickCount() == 2 && hit.kind() == Hit.Kind.PORT && !hit.port().isInput()) {
        previewOutput(stepId, hit.port().name());
      } else if (e.getClickCount() == 1 && hit.kind() == Hit.Kind.NODE && viewModel.isDecorating()
          && m.step(stepId).get().status() == RunStatus.FAILED
          && DefaultNodeSkin.isOnDetail(hit.node(), hit.modelX(), hit.modelY())) {
        showFailureInLog(stepId);
      }
    });
  }

  /** A tooltip over a decorated step says what happened to it (the failure cause, why it did not run). */
  private void explainNodes(GraphView view) {
    if (view == null) {
      return;
    }
    Tooltip[] made = new Tooltip[1]; // made when first needed: a tooltip is a popup, costly at start (Tips)
    view.addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
      String text = explanation(view.hitTest(e.getX(), e.getY()));
      Tooltip tip = made[0];
      if (text == null) {
        if (tip != null && tip.getText() != null) {
          Tooltip.uninstall(view, tip);
          tip.setText(null);
        }
      } else if (tip == null || !text.equals(tip.getText())) {
        if (tip == null) {
          tip = made[0] = new Tooltip();
          tip.setShowDelay(Duration.millis(400));
          tip.setWrapText(true);
          tip.setMaxWidth(480);
        }
        tip.setText(text);
        Tooltip.install(view, tip);
      }
    });
  }

  private String explanation(Hit hit) {
    RunMonitor m = viewModel.monitor();
    if (hit == null || hit.node() == null || m == null || !viewModel.isDecorating()) {
      return null;
    }
    return m.step(hit.node().id()).map(s -> {
      String text = s.name() + " — " + s.describe();
      String took = Durations.format(s.duration());
      if (!took.isEmpty()) {
        text += " (" + took + ")";
      }
      StepProgress progress = s.status() == RunStatus.RUNNING ? s.progress() : null;
      if (progress != null) {
        text += "\n" + progress.describe() + (progress.activeTasks() > 0 ? " · " + progress.activeTasks() + " running" : "")
            + (progress.stage() == null ? "" : "\n" + progress.stage())
            + (progress.source() == null ? "" : " (" + progress.source() + ")");
      }
      if (s.ranIn() != null) {
        text += "\n" + (s.status() == RunStatus.RUNNING ? "Runs in " : "Ran in ") + s.ranIn();
      }
      if (s.reuse() != null && s.status() != RunStatus.REUSED) {
        text += "\n" + s.reuse();
      }
      if (s.status() == RunStatus.FAILED) {
        text += "\nClick the cause, or right-click › Show in log, to see it in the log.";
      }
      return text;
    }).orElse(null);
  }

  private static FontIcon icon(org.kordamp.ikonli.Ikon ikon, String styleClass) {
    FontIcon icon = new FontIcon(ikon);
    icon.setIconSize(16);
    icon.getStyleClass().add(styleClass);
    return icon;
  }
}

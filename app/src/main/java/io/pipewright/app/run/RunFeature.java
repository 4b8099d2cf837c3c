package io.pipewright.app.run;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.designer.MainWindow;
import io.pipewright.app.log.LogView;
import io.pipewright.graph.view.GraphView;
import io.pipewright.graph.view.Hit;
import io.pipewright.model.Pipeline;
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
 * state on the canvas, the Runs tab and the Log tab. {@link #install} is the one call the window
 * needs.
 */
public final class RunFeature {
  static final String STYLESHEET = "/io/pipewright/app/run/run.css";

  private final MainWindow window;
  private final AppContext context;
  private final RunViewModel viewModel;
  private final RunsView runsView;
  private boolean syncingSelection;

  private RunFeature(MainWindow window, AppContext context) {
    this.window = window;
    this.context = context;
    this.viewModel = new RunViewModel(context, window.problems().runBlockedReasonBinding());
    this.runsView = new RunsView(viewModel, this::selectFromRuns, context::openInBrowser);
  }

  /** Adds Run and Stop to the window and fills its Runs and Log tabs. */
  public static RunViewModel install(MainWindow window, AppContext context) {
    RunFeature feature = new RunFeature(window, context);
    feature.build();
    return feature.viewModel;
  }

  private void build() {
    window.getStylesheets().add(RunFeature.class.getResource(STYLESHEET).toExternalForm());

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
    window.runMenu().getItems().addAll(run, stop);

    Button runButton = new Button("Run", icon(MaterialDesignP.PLAY, "run-icon"));
    runButton.setId("runButton");
    runButton.getStyleClass().addAll("flat", "run-button");
    runButton.setFocusTraversable(false);
    runButton.setOnAction(e -> requestRun());
    runButton.disableProperty().bind(viewModel.canRunBinding().not());
    Tooltip runTip = new Tooltip();
    runTip.setShowDelay(Duration.millis(300));
    runTip.textProperty().bind(Bindings.createStringBinding(() -> {
      String why = viewModel.runBlockedReasonBinding().get();
      return why.isEmpty() ? "Run the pipeline (F5)" : "Cannot run: " + why;
    }, viewModel.runBlockedReasonBinding()));
    // A disabled button shows no tooltip: the tooltip sits on a wrapper that is never disabled.
    StackPane runWrapper = new StackPane(runButton);
    runWrapper.setId("runButtonWrapper");
    Tooltip.install(runWrapper, runTip);

    Button stopButton = new Button("Stop", icon(MaterialDesignS.STOP, "stop-icon"));
    stopButton.setId("stopButton");
    stopButton.getStyleClass().addAll("flat", "stop-button");
    stopButton.setFocusTraversable(false);
    stopButton.setOnAction(e -> viewModel.stop());
    stopButton.disableProperty().bind(viewModel.canStopBinding().not());
    stopButton.setTooltip(new Tooltip("Stop the run (Shift+F5): running steps are killed, pending ones never start"));

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
    Tooltip stateTip = new Tooltip();
    stateTip.textProperty().bind(runState.textProperty());
    runState.setTooltip(stateTip);
    javafx.css.PseudoClass blocked = javafx.css.PseudoClass.getPseudoClass("blocked");
    runState.textProperty().addListener((o, a, b) ->
        runState.pseudoClassStateChanged(blocked, b != null && b.startsWith("Cannot run")));
    runState.pseudoClassStateChanged(blocked, runState.getText().startsWith("Cannot run"));

    window.toolBar().getItems().addAll(new Separator(), runWrapper, stopButton, runState);

    window.setTabContent(window.runsTab(), runsView);
    LogView logView = new LogView(viewModel.log(), context.dialogs());
    window.setTabContent(window.logTab(), logView);
    viewModel.log().visibleProperty().bind(window.logTab().selectedProperty());
    viewModel.log().revealedProperty().addListener((o, a, b) -> window.showTab(window.logTab()));

    context.selectedNodeIdProperty().addListener((o, a, id) -> {
      if (id != null) {
        syncingSelection = true;
        try {
          runsView.selectStep(id);
        } finally {
          syncingSelection = false;
        }
      }
    });
    window.canvas().viewProperty().addListener((o, a, b) -> explainNodes(b));
    explainNodes(window.graphView());
  }

  private void requestRun() {
    if (!viewModel.canRunBinding().get()) {
      context.statusProperty().set("Cannot run: " + viewModel.runBlockedReasonBinding().get());
      return;
    }
    Pipeline pipeline = context.document().pipeline();
    RunDialog dialog = new RunDialog(pipeline.name(), pipeline.parameters(), viewModel.defaults(),
        viewModel.sparkTargetChoices(), viewModel.defaultExperiment(), viewModel.submitNote());
    context.dialogs().show(dialog).ifPresent(request -> {
      viewModel.submit(request);
      window.showTab(window.logTab());
    });
  }

  private void selectFromRuns(String stepId) {
    if (!syncingSelection) {
      window.canvas().select(stepId);
    }
  }

  /** A tooltip over a decorated step says what happened to it (the failure cause, why it did not run). */
  private void explainNodes(GraphView view) {
    if (view == null) {
      return;
    }
    Tooltip tip = new Tooltip();
    tip.setShowDelay(Duration.millis(400));
    tip.setWrapText(true);
    tip.setMaxWidth(480);
    view.addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
      String text = explanation(view.hitTest(e.getX(), e.getY()));
      if (text == null) {
        if (tip.getText() != null) {
          Tooltip.uninstall(view, tip);
          tip.setText(null);
        }
      } else if (!text.equals(tip.getText())) {
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
      if (s.reuse() != null && s.status() != io.pipewright.workspace.RunStatus.REUSED) {
        text += "\n" + s.reuse();
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

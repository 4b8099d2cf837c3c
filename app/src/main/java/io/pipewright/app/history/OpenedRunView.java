package io.pipewright.app.history;

import io.pipewright.app.canvas.CanvasLook;
import io.pipewright.app.context.AppContext;
import io.pipewright.app.designer.MainWindow;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.run.Durations;
import io.pipewright.app.run.RunStatusLook;
import io.pipewright.app.run.StepRunState;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.view.GraphView;
import io.pipewright.graph.view.Hit;
import io.pipewright.model.DatasetNode;
import io.pipewright.model.Step;
import io.pipewright.workspace.ChildRun;
import io.pipewright.workspace.RunSummary;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.value.ChangeListener;
import javafx.collections.SetChangeListener;
import javafx.event.EventHandler;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;

/**
 * An old run opened on the canvas: the pipeline as the run submitted it, read-only, each step with
 * its status, duration and reuse badge, under a banner "Run … of … · date · read-only" with "Back
 * to the pipeline" (Esc). It is laid over the canvas and the property panel: the user's own
 * document is not touched (unsaved changes included) and shows again, as it was, on the way back.
 * Edits are refused: nodes do not move, ports do not connect, and the editing keys do nothing.
 */
public final class OpenedRunView {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  private final MainWindow window;
  private final AppContext context;
  private final Consumer<String> onStepSelected;
  private final BorderPane overlay = new BorderPane();
  private final VBox properties = new VBox(6);
  private final ScrollPane propertiesScroll = new ScrollPane(properties);
  private final Label title = new Label();
  private final List<Node> hiddenProperties = new ArrayList<>();
  private final EventHandler<KeyEvent> keys = this::key;
  private final EventHandler<javafx.event.ActionEvent> toolbarActions = this::toolbarAction;
  /** The View menu's canvas items while a run is open, with what they did before. */
  private final java.util.Map<MenuItem, EventHandler<javafx.event.ActionEvent>> viewItems = new java.util.LinkedHashMap<>();
  private final ChangeListener<PipelineDocument> documentOpened = (o, a, b) -> close();
  private RecordedRun shown;
  private PipelineDocument document;
  private GraphView view;
  private GraphView hiddenCanvas;
  private Scene scene;

  public OpenedRunView(MainWindow window, AppContext context, Consumer<String> onStepSelected) {
    this.window = window;
    this.context = context;
    this.onStepSelected = onStepSelected;
    overlay.setId("openedRun");
    overlay.getStyleClass().add("opened-run");
    propertiesScroll.setId("openedRunProperties");
    propertiesScroll.setFitToWidth(true);
    propertiesScroll.getStyleClass().add("opened-run-properties");
    properties.setPadding(new Insets(10));

    title.setId("openedRunTitle");
    title.getStyleClass().add("opened-run-title");
    title.setMinWidth(0);
    Button back = new Button("Back to the pipeline", new FontIcon(MaterialDesignA.ARROW_LEFT));
    back.setId("backToPipeline");
    io.pipewright.app.fx.Tips.install(back, "Close this run and show your pipeline again, as you left it (Esc)");
    back.setOnAction(e -> close());
    back.setMinWidth(Region.USE_PREF_SIZE);
    Region grow = new Region();
    HBox.setHgrow(grow, Priority.ALWAYS);
    FontIcon icon = new FontIcon(MaterialDesignH.HISTORY);
    icon.getStyleClass().add("opened-run-icon");
    HBox banner = new HBox(8, icon, title, grow, back);
    banner.setId("openedRunBanner");
    banner.getStyleClass().add("opened-run-banner");
    banner.setAlignment(Pos.CENTER_LEFT);
    overlay.setTop(banner);
  }

  public boolean isOpen() {
    return shown != null;
  }

  /** The run shown, if one is. */
  public Optional<RunSummary> run() {
    return Optional.ofNullable(shown).map(RecordedRun::run);
  }

  public boolean shows(String runId) {
    return shown != null && shown.run().runId().equals(runId);
  }

  /** The read-only canvas (for tests and screenshots); null while closed. */
  public GraphView view() {
    return view;
  }

  /** "Run 20261205-… of titanic · 2026-12-05 10:02 · read-only". */
  static String banner(RecordedRun run) {
    RunSummary r = run.run();
    java.time.Instant at = r.startedAt() != null ? r.startedAt() : r.createdAt();
    String text = "Run " + r.runId() + " of " + r.experiment() + " · " + WHEN.format(at) + " · read-only";
    return run.copied() ? text : text + " · the file as it is now (no copy kept)";
  }

  /** Shows a run instead of the user's pipeline (or instead of the run shown). */
  public void show(RecordedRun run) {
    if (shown != null) {
      disposeView();
    } else {
      hiddenCanvas = window.graphView();
      if (hiddenCanvas != null) {
        hiddenCanvas.setVisible(false);
      }
      window.canvas().getChildren().add(overlay);
      hiddenProperties.clear();
      hiddenProperties.addAll(window.propertiesSlot().getChildren().stream().filter(Node::isVisible).toList());
      hiddenProperties.forEach(n -> n.setVisible(false));
      window.propertiesSlot().getChildren().add(propertiesScroll);
      scene = window.getScene();
      if (scene != null) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, keys);
      }
      context.documentProperty().addListener(documentOpened);
      // nothing to edit here: Undo and Redo would change the pipeline hidden below
      window.editMenu().setDisable(true);
      window.toolBar().addEventFilter(javafx.event.ActionEvent.ACTION, toolbarActions);
      redirectViewMenu();
    }
    shown = run;
    title.setText(banner(run));
    title.setTooltip(new Tooltip(title.getText()));
    document = new PipelineDocument(run.pipeline(), null);
    view = CanvasLook.newView(document);
    view.setId("recordedCanvas");
    view.colorsProperty().bind(window.canvas().colorsProperty());
    view.setContextMenuFactory(this::contextMenu);
    readOnly(view);
    decorate();
    view.getSelection().nodes().addListener((SetChangeListener<GraphNode>) c -> {
      var nodes = view.getSelection().nodes();
      String id = nodes.size() == 1 ? nodes.iterator().next().id() : null;
      showProperties(id);
      if (id != null) {
        onStepSelected.accept(id);
      }
    });
    overlay.setCenter(view);
    showProperties(null);
    GraphView shownView = view;
    ChangeListener<Number> sized = new ChangeListener<>() {
      @Override
      public void changed(javafx.beans.value.ObservableValue<? extends Number> o, Number a, Number b) {
        if (shownView.getWidth() > 0 && shownView.getHeight() > 0) {
          shownView.widthProperty().removeListener(this);
          shownView.heightProperty().removeListener(this);
          shownView.showAll();
        }
      }
    };
    view.widthProperty().addListener(sized);
    view.heightProperty().addListener(sized);
    context.statusProperty().set("Opened run " + run.run().runId() + " read-only");
  }

  /** Back to the pipeline: the user's canvas and property panel as they were. */
  public void close() {
    if (shown == null) {
      return;
    }
    String runId = shown.run().runId();
    shown = null;
    disposeView();
    window.canvas().getChildren().remove(overlay);
    window.propertiesSlot().getChildren().remove(propertiesScroll);
    hiddenProperties.forEach(n -> n.setVisible(true));
    hiddenProperties.clear();
    if (hiddenCanvas != null) {
      hiddenCanvas.setVisible(true);
    }
    // a document opened meanwhile has a canvas of its own, shown
    if (window.graphView() != null) {
      window.graphView().setVisible(true);
      window.graphView().requestFocus();
    }
    hiddenCanvas = null;
    if (scene != null) {
      scene.removeEventFilter(KeyEvent.KEY_PRESSED, keys);
      scene = null;
    }
    context.documentProperty().removeListener(documentOpened);
    window.editMenu().setDisable(false);
    window.toolBar().removeEventFilter(javafx.event.ActionEvent.ACTION, toolbarActions);
    viewItems.forEach(MenuItem::setOnAction);
    viewItems.clear();
    context.statusProperty().set("Closed run " + runId);
  }

  private void disposeView() {
    if (view != null) {
      view.colorsProperty().unbind();
      view.dispose();
      overlay.setCenter(null);
      view = null;
    }
    document = null;
  }

  /** Selects a step on the run's canvas (from the Runs view). */
  public void select(String stepId) {
    if (view == null) {
      return;
    }
    GraphNode node = view.getModel().node(stepId);
    if (node != null && !(view.getSelection().nodes().size() == 1 && view.getSelection().contains(node))) {
      view.getSelection().clear();
      view.getSelection().select(node);
      view.ensureVisible(node);
    }
  }

  private void decorate() {
    for (ChildRun child : shown.steps()) {
      GraphNode node = document.graph().node(child.stepId());
      if (node != null) {
        StepRunState state = StepRunState.recorded(child);
        node.setStatus(RunStatusLook.endedNodeStatus(state.status(), state.isSkipped()));
        node.setBadge(badge(state));
      }
    }
  }

  /** What a step of an ended run shows at its node's bottom right (as during a run). */
  static String badge(StepRunState s) {
    String took = Durations.format(s.duration());
    switch (s.status()) {
      case COMPLETED:
        return took;
      case FAILED:
        return took.isEmpty() ? "failed" : "failed · " + took;
      case CANCELED:
        return took.isEmpty() ? "canceled" : "canceled · " + took;
      case REUSED:
        return "reused";
      case RUNNING:
      case FINALIZING:
        return took.isEmpty() ? "running" : took;
      default:
        return "not run";
    }
  }

  /** Refuses edits: no moving, no connecting; selecting, panning and zooming work. */
  private void readOnly(GraphView v) {
    // A press on a step or its port selects it and starts no gesture: nothing to drag or connect.
    // (Consuming the drags of a gesture the view had started left Monocle's drag-and-drop broken.)
    v.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
      Hit hit = v.hitTest(e.getX(), e.getY());
      if (hit.node() != null && e.isPrimaryButtonDown()) {
        v.getSelection().clear();
        v.getSelection().select(hit.node());
        v.requestFocus();
        e.consume();
      }
    });
    // whatever slipped through is taken back at once
    v.getUndoStack().canUndoProperty().addListener((o, a, can) -> {
      if (can) {
        javafx.application.Platform.runLater(() -> {
          while (v.getUndoStack().canUndo()) {
            v.getUndoStack().undo();
          }
          v.getUndoStack().clear();
          refused();
        });
      }
    });
  }

  /** While a run is open: Esc goes back; the editing keys do nothing to the pipeline hidden below. */
  private void key(KeyEvent e) {
    if (e.getCode() == KeyCode.ESCAPE && !(e.getTarget() instanceof TextInputControl)) {
      close();
      e.consume();
      return;
    }
    if (e.getTarget() instanceof TextInputControl) {
      return;
    }
    boolean shortcut = e.isShortcutDown();
    KeyCode c = e.getCode();
    boolean edit = c == KeyCode.DELETE || c == KeyCode.BACK_SPACE
        || (shortcut && (c == KeyCode.Z || c == KeyCode.Y || c == KeyCode.X || c == KeyCode.V || c == KeyCode.D
            || c == KeyCode.L));
    if (edit) {
      e.consume();
      refused();
    }
  }

  /**
   * The toolbar's canvas buttons while a run is open: zoom and fit act on the run's canvas; undo and
   * redo (of the pipeline hidden below) do nothing.
   */
  private void toolbarAction(javafx.event.ActionEvent e) {
    String tip = e.getTarget() instanceof javafx.scene.control.ButtonBase b ? io.pipewright.app.fx.Tips.text(b) : null;
    if (tip == null || view == null) {
      return;
    }
    if (tip.startsWith("Zoom in")) {
      view.zoomIn();
    } else if (tip.startsWith("Zoom out")) {
      view.zoomOut();
    } else if (tip.startsWith("Fit to window")) {
      view.fitToView();
    } else if (tip.startsWith("Undo") || tip.startsWith("Redo")) {
      refused();
    } else {
      return;
    }
    e.consume();
  }

  /** The View menu's zoom items act on the run's canvas; Arrange layout would move the hidden pipeline's steps. */
  private void redirectViewMenu() {
    for (MenuItem item : window.viewMenu().getItems()) {
      String text = item.getText() == null ? "" : item.getText().replace("_", "");
      Runnable action;
      switch (text) {
        case "Zoom in":
          action = () -> view.zoomIn();
          break;
        case "Zoom out":
          action = () -> view.zoomOut();
          break;
        case "Fit to window":
          action = () -> view.fitToView();
          break;
        case "Actual size":
          action = () -> view.zoomToActualSize();
          break;
        case "Arrange layout":
          action = this::refused;
          break;
        default:
          continue;
      }
      viewItems.put(item, item.getOnAction());
      item.setOnAction(e -> {
        if (view != null) {
          action.run();
        }
      });
    }
  }

  private void refused() {
    context.statusProperty().set("Run " + (shown == null ? "" : shown.run().runId())
        + " is open read-only: Back to the pipeline (Esc) to edit yours");
  }

  private ContextMenu contextMenu(Hit hit) {
    ContextMenu menu = new ContextMenu();
    MenuItem fit = new MenuItem("Fit to window");
    fit.setOnAction(e -> view.fitToView());
    MenuItem back = new MenuItem("Back to the pipeline  (Esc)");
    back.setOnAction(e -> close());
    menu.getItems().addAll(fit, back);
    return menu;
  }

  /** The property panel while a run is open: the selected step's settings as the run submitted them. */
  private void showProperties(String nodeId) {
    properties.getChildren().clear();
    Label heading = new Label();
    heading.getStyleClass().add("opened-run-heading");
    Label note = new Label("As run " + shown.run().runId() + " submitted it · read-only");
    note.getStyleClass().add("opened-run-note");
    note.setWrapText(true);
    GridPane grid = new GridPane();
    grid.setHgap(10);
    grid.setVgap(3);
    int row = 0;
    Step step = nodeId == null ? null : shown.pipeline().step(nodeId).orElse(null);
    DatasetNode dataset = nodeId == null ? null
        : shown.pipeline().datasets().stream().filter(d -> d.id().equals(nodeId)).findFirst().orElse(null);
    if (step != null) {
      heading.setText(step.name());
      Optional<ChildRun> child = shown.step(step.id());
      if (child.isPresent()) {
        StepRunState s = StepRunState.recorded(child.get());
        row = addRow(grid, row, "Status", s.describe());
        row = addRow(grid, row, "Duration", Durations.format(s.duration()));
        if (child.get().reuse() != null) {
          row = addRow(grid, row, "Reuse", child.get().reuse());
        }
      }
      for (Map.Entry<String, String> f : RunComparison.settings(step).entrySet()) {
        row = addRow(grid, row, f.getKey(), f.getValue());
      }
    } else if (dataset != null) {
      heading.setText(dataset.name());
      row = addRow(grid, row, "Kind", dataset.kind().wireName());
      row = addRow(grid, row, "Source", String.valueOf(dataset.source()));
    } else {
      RunSummary r = shown.run();
      heading.setText(shown.pipeline().name());
      row = addRow(grid, row, "Run", r.runId());
      row = addRow(grid, row, "Experiment", r.experiment());
      row = addRow(grid, row, "Status", r.status().label() + (r.message() == null ? "" : ": " + r.message()));
      row = addRow(grid, row, "Duration", r.duration().map(Durations::format).orElse(""));
      row = addRow(grid, row, "Target", RunComparison.target(r.target()));
      row = addRow(grid, row, "Parameters", r.parameters().isEmpty() ? "defaults" : RunsView.parameters(r.parameters()));
      row = addRow(grid, row, "Regenerate outputs", r.regenerateOutputs() ? "yes" : "no");
      addRow(grid, row, "File", r.pipelineFile());
    }
    properties.getChildren().addAll(heading, note, grid);
  }

  private static int addRow(GridPane grid, int row, String key, String value) {
    Label k = new Label(key);
    k.getStyleClass().add("details-key");
    GridPane.setValignment(k, javafx.geometry.VPos.TOP);
    k.setMinWidth(Region.USE_PREF_SIZE);
    Label v = new Label(value == null ? "" : value);
    v.setWrapText(true);
    grid.addRow(row, k, v);
    return row + 1;
  }
}

package io.pipewright.app.properties;

import atlantafx.base.theme.Styles;
import io.pipewright.app.document.Icons;
import io.pipewright.app.document.NodeKinds;
import io.pipewright.graph.undo.UndoStack;
import io.pipewright.model.DatasetKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/**
 * The property panel on the right: a heading, the footprint line of a Spark step, and the sections of
 * what is selected. It only builds controls and binds them to the panel models.
 */
public final class PropertiesView extends BorderPane {
  private static final KeyCombination UNDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
  private static final KeyCombination REDO = new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN);
  private static final KeyCombination REDO_SHIFT =
      new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);

  private final PropertiesViewModel viewModel;
  private final Supplier<UndoStack> undoStack;
  private final VBox sections = new VBox();
  private final ScrollPane scroll = new ScrollPane(sections);
  private final Label footprint = new Label();
  private Controls controls = new Controls();

  public PropertiesView(PropertiesViewModel viewModel, Supplier<UndoStack> undoStack) {
    this.viewModel = viewModel;
    this.undoStack = undoStack;
    setId("properties");
    getStyleClass().add("properties");
    sections.getStyleClass().add("property-sections");
    scroll.setFitToWidth(true);
    scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    keepScrollOffsetWhenTheViewportChanges();
    setCenter(scroll);
    footprint.setId("footprint");
    footprint.getStyleClass().add("footprint");
    footprint.setWrapText(true);
    footprint.setMaxWidth(Double.MAX_VALUE);
    viewModel.panelProperty().addListener((o, a, b) -> show(b));
    show(viewModel.panel());
    addEventFilter(KeyEvent.KEY_PRESSED, this::undoKeys);
  }

  /**
   * Ctrl+Z in a field undoes the typing first (the text control's own undo) and, once the field holds
   * what the pipeline has, the last edit of the document, as everywhere else in the window.
   */
  private void undoKeys(KeyEvent e) {
    boolean undo = UNDO.match(e);
    boolean redo = REDO.match(e) || REDO_SHIFT.match(e);
    if (!undo && !redo) {
      return;
    }
    Node focus = getScene() == null ? null : getScene().getFocusOwner();
    if (focus instanceof TextInputControl) {
      Object editing = focus.getProperties().get(Controls.EDITING);
      if (editing instanceof BooleanSupplier && ((BooleanSupplier) editing).getAsBoolean()) {
        return;
      }
    }
    UndoStack stack = undoStack.get();
    if (undo && stack.canUndo()) {
      stack.undo();
    } else if (redo && stack.canRedo()) {
      stack.redo();
    }
    e.consume();
  }

  private void show(PanelModel model) {
    controls.close();
    controls = new Controls();
    footprint.textProperty().unbind();
    List<TitledPane> panes = new ArrayList<>();
    Node header;
    VBox footer = null;
    if (model instanceof StepPanelModel) {
      StepPanelModel step = (StepPanelModel) model;
      header = header(Icons.forKind(NodeKinds.of(step.step())), step.name.textProperty().get(), step.kindLabel() + " step");
      ((Label) header.lookup(".panel-heading")).textProperty().bind(
          Bindings.createStringBinding(() -> step.step().name(), step.name.textProperty()));
      panes.addAll(new StepForm(step, controls).sections());
      if (step.spark != null) {
        footprint.textProperty().bind(step.spark.footprintProperty());
        step.spark.verdictProperty().addListener((o, a, b) -> verdict(b));
        verdict(step.spark.verdictProperty().get());
        Label notes = Controls.muted("");
        notes.setId("footprintNotes");
        notes.textProperty().bind(step.spark.footprintNotesProperty());
        notes.visibleProperty().bind(Bindings.isNotEmpty(notes.textProperty()));
        notes.managedProperty().bind(notes.visibleProperty());
        // below the sections, not above them: as the footprint's text and notes grow and shrink while
        // the user types, the fields stay where they are, under the pointer
        footer = new VBox(6, footprint, notes);
        footer.getStyleClass().add("properties-footer");
      }
    } else if (model instanceof DatasetPanelModel) {
      DatasetPanelModel d = (DatasetPanelModel) model;
      header = header(Icons.forKind(NodeKinds.DATASET), d.dataset().name(), "Dataset");
      panes.addAll(datasetSections(d));
    } else if (model instanceof EdgePanelModel) {
      EdgePanelModel edge = (EdgePanelModel) model;
      header = header(Icons.of(MaterialDesignT.TRANSIT_CONNECTION_VARIANT), "Edge", "Dataset edge");
      panes.add(Controls.section("Edge", edgeSection(edge)));
    } else {
      PipelinePanelModel p = (PipelinePanelModel) model;
      header = header(Icons.of(MaterialDesignS.SITEMAP_OUTLINE), p.name.text(), "Pipeline · nothing selected");
      panes.addAll(pipelineSections(p));
    }
    BorderPane.setMargin(header, new Insets(10, 12, 8, 12));
    setTop(header);
    setBottom(footer);
    sections.getChildren().setAll(panes);
    scroll.setVvalue(0);
  }

  /**
   * Keeps the sections at the same pixel offset when the viewport's height changes (the footprint below
   * it grew or shrank): a scroll pane keeps its fraction instead, which moves the field under the
   * pointer. (When the sections' own height changes, a reason appearing under a field, the scroll
   * pane's skin keeps the offset itself.)
   */
  private void keepScrollOffsetWhenTheViewportChanges() {
    double[] offset = {0};
    boolean[] adjusting = {false};
    boolean[] scrolled = {false};
    scroll.vvalueProperty().addListener((o, a, b) -> {
      if (!adjusting[0]) {
        // the user scrolled (or the panel did, to a field): the skin says where exactly once laid out
        offset[0] = b.doubleValue() * Math.max(0, sections.getLayoutBounds().getHeight()
            - scroll.getViewportBounds().getHeight());
        scrolled[0] = true;
      }
    });
    Runnable keep = () -> {
      double range = sections.getLayoutBounds().getHeight() - scroll.getViewportBounds().getHeight();
      if (range <= 0) {
        return;
      }
      adjusting[0] = true;
      try {
        scroll.setVvalue(Math.max(0, Math.min(1, offset[0] / range)));
      } finally {
        adjusting[0] = false;
      }
    };
    scroll.viewportBoundsProperty().addListener((o, was, now) -> {
      if (was.getHeight() != now.getHeight()) {
        keep.run();
      } else if (scrolled[0]) {
        offset[0] = -now.getMinY(); // where the skin put the sections, in whole pixels
        scrolled[0] = false;
      }
    });
  }

  private void verdict(SparkPanelModel.Verdict v) {
    footprint.getStyleClass().removeAll("fits", "does-not-fit", "unknown");
    footprint.getStyleClass().add(v == SparkPanelModel.Verdict.FITS ? "fits"
        : v == SparkPanelModel.Verdict.DOES_NOT_FIT ? "does-not-fit" : "unknown");
    FontIcon icon = new FontIcon(v == SparkPanelModel.Verdict.FITS ? MaterialDesignC.CHECK_CIRCLE_OUTLINE
        : v == SparkPanelModel.Verdict.DOES_NOT_FIT ? MaterialDesignC.CLOSE_CIRCLE_OUTLINE
        : MaterialDesignC.CHIP);
    icon.getStyleClass().add("footprint-icon");
    footprint.setGraphic(icon);
  }

  private static Node header(Node icon, String title, String subtitle) {
    Label t = new Label(title);
    t.getStyleClass().addAll("panel-heading", Styles.TITLE_4);
    t.setWrapText(true);
    Label s = new Label(subtitle);
    s.getStyleClass().add("field-help");
    VBox text = new VBox(2, t, s);
    HBox box = new HBox(10, icon, text);
    box.getStyleClass().add("properties-header");
    return box;
  }

  // ------------------------------------------------------------------------------ dataset, edge, pipeline

  private List<TitledPane> datasetSections(DatasetPanelModel d) {
    TextField name = controls.text(d.name);
    controls.register("", name);
    ComboBox<DatasetKind> kind = controls.combo(d.kind, k -> k == DatasetKind.TABULAR
        ? "tabular: delimited text with a header" : "file: files as they are");
    ComboBox<DatasetPanelModel.SourceKind> source = controls.combo(d.source, Object::toString);
    controls.register("/datastore", source);
    Controls.Grid path = new Controls.Grid()
        .add("Datastore", controls.text(d.datastore), d.datastore.errorProperty())
        .add("Path", controls.text(d.path), d.path.errorProperty());
    TextField version = controls.text(d.version);
    version.setPromptText("latest");
    Controls.Grid registered = new Controls.Grid()
        .add("Name", controls.text(d.registeredName), d.registeredName.errorProperty())
        .add("Version", version, d.version.errorProperty());
    var isRegistered = Bindings.equal(d.source.valueProperty(), DatasetPanelModel.SourceKind.REGISTERED);
    registered.visibleProperty().bind(isRegistered);
    registered.managedProperty().bind(isRegistered);
    path.visibleProperty().bind(isRegistered.not());
    path.managedProperty().bind(isRegistered.not());
    return List.of(
        Controls.section("General", new Controls.Grid().add("Name", name, d.name.errorProperty()).add("Kind", kind)),
        Controls.section("Data", Controls.column(new Controls.Grid().add("Source", source), path, registered)));
  }

  private Node edgeSection(EdgePanelModel edge) {
    Label from = new Label();
    from.textProperty().bind(edge.fromProperty());
    Label to = new Label();
    to.textProperty().bind(edge.toProperty());
    Button delete = new Button("Delete edge", Icons.of(MaterialDesignD.DELETE_OUTLINE));
    delete.setId("deleteEdge");
    delete.getStyleClass().add(Styles.DANGER);
    delete.setOnAction(e -> edge.delete());
    controls.register("", delete);
    return Controls.column(new Controls.Grid().add("From", from).add("To", to), delete,
        Controls.muted("Reconnect an edge by dragging its end on the canvas."));
  }

  private List<TitledPane> pipelineSections(PipelinePanelModel p) {
    TextField name = controls.text(p.name);
    name.setId("pipelineName");
    ComboBox<String> compute = controls.combo(p.defaultCompute, p::computeLabel);
    Controls.Grid general = new Controls.Grid()
        .add("Name", name, p.name.errorProperty())
        .add("Description", controls.area(p.description, 3))
        .add("Default compute", compute);
    VBox rows = new VBox(8);
    StepForm lists = new StepForm(null, controls);
    lists.follow(p.parameters, rows, () -> {
      List<Node> list = new ArrayList<>();
      for (PipelinePanelModel.ParameterRow r : p.parameters) {
        TextField n = controls.text(r.name);
        n.getStyleClass().add("monospace");
        TextField value = controls.text(r.defaultValue);
        value.setPromptText("default value");
        TextField description = controls.text(r.description);
        description.setPromptText("description");
        list.add(Controls.column(Controls.row(n, value,
            Controls.iconButton(MaterialDesignD.DELETE_OUTLINE, "Remove parameter", r::remove)),
            Controls.errorLabel(r.name.errorProperty()), description));
      }
      if (list.isEmpty()) {
        list.add(Controls.muted("No parameters. Steps refer to one as {parameters.NAME}."));
      }
      return list;
    });
    Button add = Controls.button(MaterialDesignP.PLUS, "Add parameter", () -> {
      int i = p.addParameter();
      focus("/parameters/" + i + "/name");
    });
    return List.of(Controls.section("Pipeline", general), Controls.section("Parameters", Controls.column(rows, add)));
  }

  // ------------------------------------------------------------------------------ focus

  /** Focuses the control of a field of what is shown ({@code /spark/executors}); false when none fits. */
  public boolean focusField(String pointer) {
    applyCss();
    layout();
    Optional<Node> control = control(pointer);
    if (control.isEmpty()) {
      return false;
    }
    Node n = control.get();
    for (Node p = n.getParent(); p != null; p = p.getParent()) {
      if (p instanceof TitledPane) {
        ((TitledPane) p).setExpanded(true);
      }
    }
    applyCss();
    layout();
    scrollTo(n);
    n.requestFocus();
    if (n instanceof TextField) {
      ((TextField) n).selectAll();
    }
    return true;
  }

  /** The control shown for a pointer, or for the nearest pointer above it ({@code /spark/conf/x} → conf). */
  public Optional<Node> control(String pointer) {
    Map<String, Node> map = controls.byPointer();
    String p = pointer == null ? "" : pointer;
    while (true) {
      Node n = map.get(p);
      if (n != null && n.getScene() != null && n.isVisible()) {
        return Optional.of(n);
      }
      if (n != null && !n.isVisible() && p.equals("/spark/executors")) {
        p = "/spark/dynamicAllocation";
        continue;
      }
      if (p.isEmpty()) {
        return Optional.empty();
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }

  private void focus(String pointer) {
    control(pointer).ifPresent(n -> {
      n.requestFocus();
      if (n instanceof TextField) {
        ((TextField) n).selectAll();
      }
    });
  }

  private void scrollTo(Node n) {
    Bounds content = sections.getLayoutBounds();
    Bounds node = sections.sceneToLocal(n.localToScene(n.getLayoutBounds()));
    double viewport = scroll.getViewportBounds().getHeight();
    double range = content.getHeight() - viewport;
    if (range > 0) {
      scroll.setVvalue(Math.max(0, Math.min(1, (node.getMinY() - 24) / range)));
    }
  }
}

package io.pipewright.app.canvas;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.palette.PaletteItem;
import io.pipewright.app.palette.PaletteViewModel;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.view.GraphColors;
import io.pipewright.graph.view.GraphView;
import io.pipewright.graph.view.Hit;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.SetChangeListener;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;

/**
 * The canvas in the middle of the window: a {@link GraphView} of the open document's graph, made
 * anew when another document is opened. It reports the selection to the {@link AppContext} and
 * turns palette drops into edits.
 */
public final class CanvasPane extends StackPane {
  private final AppContext context;
  private final PaletteViewModel palette;
  private final ObjectProperty<GraphView> view = new SimpleObjectProperty<>(this, "view");
  private final ObjectProperty<GraphColors> colors = new SimpleObjectProperty<>(this, "colors", GraphColors.LIGHT);
  private final java.util.List<java.util.function.BiConsumer<Hit, java.util.List<MenuItem>>> menuItems =
      new java.util.ArrayList<>();

  public CanvasPane(AppContext context, PaletteViewModel palette) {
    this.context = context;
    this.palette = palette;
    getStyleClass().add("canvas-pane");
    context.documentProperty().addListener((o, a, b) -> show(b));
    show(context.document());
  }

  /** The canvas's colours (light or dark, with the theme), given to each document's view. */
  public ObjectProperty<GraphColors> colorsProperty() {
    return colors;
  }

  public ReadOnlyObjectProperty<GraphView> viewProperty() {
    return view;
  }

  public GraphView view() {
    return view.get();
  }

  private void show(PipelineDocument document) {
    GraphView old = view.get();
    if (old != null) {
      old.colorsProperty().unbind();
      old.dispose();
      getChildren().remove(old);
    }
    GraphView graphView = CanvasLook.newView(document);
    graphView.setId("canvas");
    graphView.colorsProperty().bind(colors);
    graphView.setDropHandler((board, x, y) -> {
      Object key = board.getContent(PaletteItem.DRAG_FORMAT);
      if (!(key instanceof String)) {
        return false;
      }
      Optional<PaletteItem> item = palette.item((String) key);
      item.ifPresent(i -> {
        if (i.needsPath()) {
          // asks for a file: not inside the drop event, which must return first
          javafx.application.Platform.runLater(() -> palette.place(i, new Point2D(x, y)).ifPresent(this::select));
        } else {
          palette.place(i, new Point2D(x, y)).ifPresent(this::select);
        }
      });
      return item.isPresent();
    });
    graphView.setClipboardHandler(new PipelineClipboard(context::document, SYSTEM_BOARD, this::selectAll));
    graphView.setContextMenuFactory(hit -> contextMenu(graphView, hit));
    graphView.getSelection().nodes().addListener((SetChangeListener<GraphNode>) c -> {
      var nodes = graphView.getSelection().nodes();
      context.selectedNodeIdProperty().set(nodes.size() == 1 ? nodes.iterator().next().id() : null);
    });
    getChildren().add(0, graphView);
    showAllOnceSized(graphView);
    view.set(graphView);
    context.selectedNodeIdProperty().set(null);
  }

  /**
   * A document opens showing all of it: as it is (100 %) when it fits in the view, else zoomed out
   * until it does. Waits for the view's first size.
   */
  private static void showAllOnceSized(GraphView graphView) {
    ChangeListener<Number> sized = new ChangeListener<>() {
      @Override
      public void changed(ObservableValue<? extends Number> o, Number was, Number now) {
        if (graphView.getWidth() <= 0 || graphView.getHeight() <= 0) {
          return;
        }
        graphView.widthProperty().removeListener(this);
        graphView.heightProperty().removeListener(this);
        graphView.showAll();
      }
    };
    graphView.widthProperty().addListener(sized);
    graphView.heightProperty().addListener(sized);
  }

  /** Selects one node by id (after adding it, or from the Problems tab) and shows it. */
  public void select(String nodeId) {
    GraphView graphView = view.get();
    GraphNode node = graphView.getModel().node(nodeId);
    if (node == null) {
      return;
    }
    graphView.getSelection().clear();
    graphView.getSelection().select(node);
    graphView.ensureVisible(node);
    graphView.requestFocus();
  }

  /** Selects several nodes (after a paste). */
  public void selectAll(java.util.Set<String> nodeIds) {
    GraphView graphView = view.get();
    graphView.getSelection().clear();
    for (String id : nodeIds) {
      GraphNode node = graphView.getModel().node(id);
      if (node != null) {
        graphView.getSelection().select(node);
      }
    }
    graphView.requestFocus();
  }

  /** Shows the step or dataset at 100 % in the middle of the canvas and selects it ("find step"). */
  public void reveal(String nodeId) {
    GraphNode node = view.get().getModel().node(nodeId);
    if (node != null) {
      select(nodeId);
      view.get().zoomToNode(node);
    }
  }

  /**
   * Lets a feature add items to the context menu of a node or a port (Run from here, Preview output):
   * {@code items} gets what it adds, shown after the editing items.
   */
  public void addContextMenuItems(java.util.function.BiConsumer<Hit, java.util.List<MenuItem>> items) {
    menuItems.add(items);
  }

  private ContextMenu contextMenu(GraphView graphView, Hit hit) {
    ContextMenu menu = new ContextMenu();
    switch (hit.kind()) {
      case NODE:
      case PORT:
        if (!graphView.getSelection().contains(hit.node())) {
          select(hit.node().id());
        }
        menu.getItems().addAll(
            menuItem("Duplicate", "Shortcut+D", () -> fire(graphView, KeyCode.D)),
            menuItem("Copy", "Shortcut+C", () -> fire(graphView, KeyCode.C)),
            menuItem("Cut", "Shortcut+X", () -> fire(graphView, KeyCode.X)),
            new SeparatorMenuItem(),
            menuItem("Delete", "Delete", graphView::deleteSelection));
        java.util.List<MenuItem> more = new java.util.ArrayList<>();
        menuItems.forEach(m -> m.accept(hit, more));
        if (!more.isEmpty()) {
          menu.getItems().add(new SeparatorMenuItem());
          menu.getItems().addAll(more);
        }
        break;
      case EDGE:
        graphView.getSelection().clear();
        graphView.getSelection().select(hit.edge());
        menu.getItems().add(menuItem("Delete edge", "Delete", graphView::deleteSelection));
        break;
      default:
        menu.getItems().addAll(
            menuItem("Paste", "Shortcut+V", () -> fire(graphView, KeyCode.V)),
            menuItem("Select all", "Shortcut+A", graphView::selectAll),
            new SeparatorMenuItem(),
            menuItem("Arrange layout", "Shortcut+L", graphView::autoLayout),
            menuItem("Fit to window", "Shortcut+0", graphView::fitToView));
        break;
    }
    return menu;
  }

  /** The context menu does what the shortcut does, through the same code path. */
  private static void fire(GraphView graphView, KeyCode code) {
    graphView.fireEvent(new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED, "", "",
        code, false, true, false, false));
  }

  private static MenuItem menuItem(String text, String shortcut, Runnable action) {
    // the shortcut is named, not registered: the canvas and the menu bar own the real ones
    MenuItem item = new MenuItem(text + "  (" + shortcut.replace("Shortcut+", "Ctrl+") + ")");
    item.setOnAction(e -> action.run());
    return item;
  }

  /** The system clipboard: a private format, and the same JSON as text for other programs. */
  private static final PipelineClipboard.Board SYSTEM_BOARD = new PipelineClipboard.Board() {
    private final DataFormat format = new DataFormat("application/x-pipewright-pipeline");

    @Override
    public void put(String json) {
      ClipboardContent content = new ClipboardContent();
      content.put(format, json);
      content.putString(json);
      Clipboard.getSystemClipboard().setContent(content);
    }

    @Override
    public java.util.Optional<String> get() {
      Clipboard clipboard = Clipboard.getSystemClipboard();
      Object own = clipboard.getContent(format);
      if (own instanceof String) {
        return java.util.Optional.of((String) own);
      }
      String text = clipboard.getString();
      return text != null && text.strip().startsWith("{") ? java.util.Optional.of(text) : java.util.Optional.empty();
    }
  };

  /** Places a palette item in the middle of what the canvas shows (double-click in the palette). */
  public void placeInView(PaletteItem item) {
    Bounds visible = view.get().visibleModelBounds();
    double x = visible.getMinX() + visible.getWidth() / 2 - GraphNode.DEFAULT_WIDTH / 2;
    double y = visible.getMinY() + visible.getHeight() / 2 - GraphNode.DEFAULT_HEIGHT / 2;
    palette.place(item, new Point2D(x, y)).ifPresent(this::select);
  }
}

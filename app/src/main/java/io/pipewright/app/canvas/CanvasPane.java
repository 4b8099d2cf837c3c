package io.pipewright.app.canvas;

import io.pipewright.app.designer.AppContext;
import io.pipewright.app.designer.Icons;
import io.pipewright.app.document.NodeKinds;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.palette.PaletteItem;
import io.pipewright.app.palette.PaletteViewModel;
import io.pipewright.graph.edit.Vocabulary;
import io.pipewright.graph.model.EdgeRules;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.view.DefaultNodeSkinFactory;
import io.pipewright.graph.view.EdgeSkin;
import io.pipewright.graph.view.GraphView;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.SetChangeListener;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;

/**
 * The canvas in the middle of the window: a {@link GraphView} of the open document's graph, made
 * anew when another document is opened. It reports the selection to the {@link AppContext} and
 * turns palette drops into edits.
 */
public final class CanvasPane extends StackPane {
  private static final EdgeSkin EDGE = new EdgeSkin(Color.web("#8a94a6"), 1.8);

  private final AppContext context;
  private final PaletteViewModel palette;
  private final ObjectProperty<GraphView> view = new SimpleObjectProperty<>(this, "view");

  public CanvasPane(AppContext context, PaletteViewModel palette) {
    this.context = context;
    this.palette = palette;
    getStyleClass().add("canvas-pane");
    context.documentProperty().addListener((o, a, b) -> show(b));
    show(context.document());
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
      old.dispose();
      getChildren().remove(old);
    }
    DefaultNodeSkinFactory skins = new DefaultNodeSkinFactory();
    for (String kind : new String[] {NodeKinds.DATASET, NodeKinds.SPARK_SQL, NodeKinds.SPARK_PYTHON,
        NodeKinds.SPARK_JAR, NodeKinds.SCRIPT}) {
      skins.color(kind, Icons.colorOf(kind)).label(kind, NodeKinds.label(kind));
    }
    GraphView graphView = new GraphView(document.graph(), document.undoStack(), skins, e -> EDGE);
    graphView.setId("canvas");
    graphView.setVocabulary(new Vocabulary("step", "steps"));
    graphView.setValidator(EdgeRules.standard());
    graphView.setDropHandler((board, x, y) -> {
      Object key = board.getContent(PaletteItem.DRAG_FORMAT);
      if (!(key instanceof String)) {
        return false;
      }
      Optional<PaletteItem> item = palette.item((String) key);
      item.ifPresent(i -> select(palette.place(i, new Point2D(x, y))));
      return item.isPresent();
    });
    graphView.getSelection().nodes().addListener((SetChangeListener<GraphNode>) c -> {
      var nodes = graphView.getSelection().nodes();
      context.selectedNodeIdProperty().set(nodes.size() == 1 ? nodes.iterator().next().id() : null);
    });
    getChildren().add(0, graphView);
    view.set(graphView);
    context.selectedNodeIdProperty().set(null);
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

  /** Places a palette item in the middle of what the canvas shows (double-click in the palette). */
  public void placeInView(PaletteItem item) {
    Bounds visible = view.get().visibleModelBounds();
    double x = visible.getMinX() + visible.getWidth() / 2 - GraphNode.DEFAULT_WIDTH / 2;
    double y = visible.getMinY() + visible.getHeight() / 2 - GraphNode.DEFAULT_HEIGHT / 2;
    select(palette.place(item, new Point2D(x, y)));
  }
}

package io.pipewright.graph.view;

import io.pipewright.graph.model.GraphChangeListener;
import io.pipewright.graph.model.GraphEdge;
import io.pipewright.graph.model.GraphModel;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.model.NodeChange;
import java.util.IdentityHashMap;
import java.util.Map;
import javafx.collections.ListChangeListener;

/**
 * Listens to a {@link GraphView}'s model and only marks what is out of date; the view catches up
 * once per pulse and takes the marks. Three listeners in all: the model's node and edge lists, and
 * one {@link GraphChangeListener} for every change to a node or an edge in it (not a listener per
 * property of each node: 14,000 for 2,000 nodes, registered before the first frame).
 */
final class ModelWatcher implements GraphChangeListener {
  private final GraphModel model;
  private final GraphSelection selection;
  private final GestureHandler gestures;
  /** Something shown changed that is not drawn into the static layer. */
  private final Runnable viewChanged;
  /** Something drawn into the static layer changed (it is drawn again, and the view updated). */
  private final Runnable staticLayerChanged;

  private final Map<GraphNode, Boolean> contentDirty = new IdentityHashMap<>();
  private boolean structureDirty = true;
  private boolean overviewDirty = true;
  private boolean flowingDirty = true;

  private final ListChangeListener<GraphNode> nodesListener = this::nodesChanged;
  private final ListChangeListener<GraphEdge> edgesListener = this::edgesChanged;

  ModelWatcher(GraphModel model, GraphSelection selection, GestureHandler gestures,
      Runnable viewChanged, Runnable staticLayerChanged) {
    this.model = model;
    this.selection = selection;
    this.gestures = gestures;
    this.viewChanged = viewChanged;
    this.staticLayerChanged = staticLayerChanged;
  }

  /** Starts listening to the model and everything in it. */
  void start() {
    model.nodes().addListener(nodesListener);
    model.edges().addListener(edgesListener);
    model.addChangeListener(this);
  }

  /** Stops listening to the model and everything in it. */
  void stop() {
    model.nodes().removeListener(nodesListener);
    model.edges().removeListener(edgesListener);
    model.removeChangeListener(this);
    contentDirty.clear();
  }

  /** Whether nodes or edges were added or removed since the last call; clears the mark. */
  boolean takeStructureChange() {
    boolean was = structureDirty;
    structureDirty = false;
    return was;
  }

  /** Whether what the minimap shows (the nodes) changed since the last call; clears the mark. */
  boolean takeOverviewChange() {
    boolean was = overviewDirty;
    overviewDirty = false;
    return was;
  }

  /** Whether an edge's flowing state may have changed since the last call; clears the mark. */
  boolean takeFlowingChange() {
    boolean was = flowingDirty;
    flowingDirty = false;
    return was;
  }

  /** Whether a node's size, title, status or badge changed since the last pulse. */
  boolean hasContentChanges() {
    return !contentDirty.isEmpty();
  }

  /** Whether this node's size, title, status or badge changed since the last pulse. */
  boolean contentChanged(GraphNode node) {
    return contentDirty.containsKey(node);
  }

  /** The skins have caught up with the content changes. */
  void clearContentChanges() {
    contentDirty.clear();
  }

  @Override
  public void nodeChanged(GraphNode node, NodeChange change) {
    if (change != NodeChange.POSITION) {
      contentDirty.put(node, Boolean.TRUE);
    }
    overviewDirty = true;
    staticLayerChanged.run();
  }

  @Override
  public void edgeChanged(GraphEdge edge) {
    flowingDirty = true;
    viewChanged.run();
  }

  private void nodesChanged(ListChangeListener.Change<? extends GraphNode> c) {
    while (c.next()) {
      for (GraphNode n : c.getRemoved()) {
        contentDirty.remove(n);
        selection.nodes().remove(n);
        if (gestures.involves(n)) {
          gestures.cancel();
        }
      }
    }
    structureDirty = true;
    overviewDirty = true;
    staticLayerChanged.run();
  }

  private void edgesChanged(ListChangeListener.Change<? extends GraphEdge> c) {
    while (c.next()) {
      for (GraphEdge e : c.getRemoved()) {
        selection.edges().remove(e);
        if (e == gestures.draggedEdge()) {
          gestures.cancel();
        }
      }
    }
    structureDirty = true;
    flowingDirty = true;
    staticLayerChanged.run();
  }
}

package io.pipewright.graph.view;

import io.pipewright.graph.model.GraphEdge;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.model.NodeStatus;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;

/**
 * Listens to a {@link GraphView}'s model (nodes and edges added or removed, their geometry, content
 * and state) and only marks what is out of date; the view catches up once per pulse.
 */
final class ModelWatcher {
  private final GraphView view;

  ModelWatcher(GraphView view) {
    this.view = view;
  }

  /** Starts listening to the model and everything in it. */
  void start() {
    for (GraphNode n : view.model.nodes()) {
      watch(n);
    }
    for (GraphEdge e : view.model.edges()) {
      watch(e);
    }
    view.model.nodes().addListener(nodesListener);
    view.model.edges().addListener(edgesListener);
  }

  /** Stops listening to the model and everything in it. */
  void stop() {
    view.model.nodes().removeListener(nodesListener);
    view.model.edges().removeListener(edgesListener);
    for (GraphNode n : view.model.nodes()) {
      unwatch(n);
    }
    for (GraphEdge e : view.model.edges()) {
      unwatch(e);
    }
  }

  private final ListChangeListener<GraphNode> nodesListener = this::nodesChanged;
  private final ListChangeListener<GraphEdge> edgesListener = this::edgesChanged;

  private final ChangeListener<Object> geometryListener = this::geometryChanged;
  private final ChangeListener<Object> contentListener = this::contentChanged;
  private final ChangeListener<Boolean> flowingListener = this::flowingChanged;

  private void geometryChanged(javafx.beans.value.ObservableValue<?> o, Object a, Object b) {
    view.overviewDirty = true;
    view.invalidateStaticLayer();
  }

  private void contentChanged(javafx.beans.value.ObservableValue<?> o, Object a, Object b) {
    Object bean = ((javafx.beans.property.ReadOnlyProperty<?>) o).getBean();
    view.contentDirty.put((GraphNode) bean, Boolean.TRUE);
    view.overviewDirty = true;
    view.invalidateStaticLayer();
  }

  private void flowingChanged(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean a,
      Boolean b) {
    view.flowingEdges += b ? 1 : -1;
    view.invalidateView();
  }

  private void watch(GraphNode n) {
    n.xProperty().addListener(geometryListener);
    n.yProperty().addListener(geometryListener);
    n.widthProperty().addListener(contentListener);
    n.heightProperty().addListener(contentListener);
    n.titleProperty().addListener(contentListener);
    n.statusProperty().addListener(contentListener);
    n.badgeProperty().addListener(contentListener);
    if (n.getStatus() == NodeStatus.RUNNING) {
      view.runningNodes++;
    }
  }

  private void unwatch(GraphNode n) {
    n.xProperty().removeListener(geometryListener);
    n.yProperty().removeListener(geometryListener);
    n.widthProperty().removeListener(contentListener);
    n.heightProperty().removeListener(contentListener);
    n.titleProperty().removeListener(contentListener);
    n.statusProperty().removeListener(contentListener);
    n.badgeProperty().removeListener(contentListener);
    view.contentDirty.remove(n);
  }

  private void watch(GraphEdge e) {
    e.flowingProperty().addListener(flowingListener);
    if (e.isFlowing()) {
      view.flowingEdges++;
    }
  }

  private void unwatch(GraphEdge e) {
    e.flowingProperty().removeListener(flowingListener);
    if (e.isFlowing()) {
      view.flowingEdges--;
    }
  }

  private void nodesChanged(ListChangeListener.Change<? extends GraphNode> c) {
    while (c.next()) {
      for (GraphNode n : c.getRemoved()) {
        unwatch(n);
        view.selection.nodes().remove(n);
        if (view.gestures.involves(n)) {
          view.gestures.cancel();
        }
      }
      for (GraphNode n : c.getAddedSubList()) {
        watch(n);
      }
    }
    view.structureDirty = true;
    view.overviewDirty = true;
    view.invalidateStaticLayer();
  }

  private void edgesChanged(ListChangeListener.Change<? extends GraphEdge> c) {
    while (c.next()) {
      for (GraphEdge e : c.getRemoved()) {
        unwatch(e);
        view.selection.edges().remove(e);
        if (e == view.gestures.draggedEdge) {
          view.gestures.cancel();
        }
      }
      for (GraphEdge e : c.getAddedSubList()) {
        watch(e);
      }
    }
    view.structureDirty = true;
    view.invalidateStaticLayer();
  }
}

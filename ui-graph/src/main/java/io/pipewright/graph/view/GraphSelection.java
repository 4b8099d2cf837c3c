package io.pipewright.graph.view;

import io.pipewright.graph.model.GraphEdge;
import io.pipewright.graph.model.GraphNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

/** The selected nodes and edges, observable. Keeps the order in which things were selected. */
public final class GraphSelection {
  private final ObservableSet<GraphNode> nodes = FXCollections.observableSet(new LinkedHashSet<>());
  private final ObservableSet<GraphEdge> edges = FXCollections.observableSet(new LinkedHashSet<>());

  public ObservableSet<GraphNode> nodes() {
    return nodes;
  }

  public ObservableSet<GraphEdge> edges() {
    return edges;
  }

  public List<GraphNode> nodeList() {
    return new ArrayList<>(nodes);
  }

  public List<GraphEdge> edgeList() {
    return new ArrayList<>(edges);
  }

  public boolean isEmpty() {
    return nodes.isEmpty() && edges.isEmpty();
  }

  public boolean contains(GraphNode node) {
    return nodes.contains(node);
  }

  public boolean contains(GraphEdge edge) {
    return edges.contains(edge);
  }

  public void clear() {
    edges.clear();
    nodes.clear();
  }

  public void select(GraphNode node) {
    edges.clear();
    nodes.retainAll(List.of(node));
    nodes.add(node);
  }

  public void select(GraphEdge edge) {
    nodes.clear();
    edges.retainAll(List.of(edge));
    edges.add(edge);
  }

  public void selectNodes(Collection<GraphNode> toSelect) {
    edges.clear();
    nodes.retainAll(toSelect);
    nodes.addAll(toSelect);
  }

  public void add(GraphNode node) {
    nodes.add(node);
  }

  public void toggle(GraphNode node) {
    if (!nodes.remove(node)) {
      nodes.add(node);
    }
  }

  public void toggle(GraphEdge edge) {
    if (!edges.remove(edge)) {
      edges.add(edge);
    }
  }
}

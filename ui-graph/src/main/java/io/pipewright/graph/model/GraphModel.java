package io.pipewright.graph.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The observable graph: nodes and edges in z-order, with lookups by id. It keeps itself
 * consistent: an edge's nodes must be in the graph, and a node with edges cannot be removed (the
 * delete command removes the edges first, in the same undo step).
 *
 * <p>Nodes and edges added or removed are reported by the observable {@link #nodes()} and {@link
 * #edges()} lists; changes to the nodes and edges in the model (position, size, title, status,
 * badge, flowing) to its {@link GraphChangeListener}s.
 *
 * <p>Not thread-safe: change it on the JavaFX application thread once it is shown.
 */
public final class GraphModel {
  private final ObservableList<GraphNode> nodes = FXCollections.observableArrayList();
  private final ObservableList<GraphEdge> edges = FXCollections.observableArrayList();
  private final ObservableList<GraphNode> nodesView = FXCollections.unmodifiableObservableList(nodes);
  private final ObservableList<GraphEdge> edgesView = FXCollections.unmodifiableObservableList(edges);
  private final Map<String, GraphNode> nodesById = new HashMap<>();
  private final Map<String, GraphEdge> edgesById = new HashMap<>();
  private final Map<GraphNode, List<GraphEdge>> edgesByNode = new HashMap<>();
  private GraphChangeListener[] changeListeners = new GraphChangeListener[0];

  /** Reports changes to the nodes and edges in this model from now on. */
  public void addChangeListener(GraphChangeListener listener) {
    GraphChangeListener[] grown = java.util.Arrays.copyOf(changeListeners, changeListeners.length + 1);
    grown[changeListeners.length] = java.util.Objects.requireNonNull(listener, "listener");
    changeListeners = grown;
  }

  public void removeChangeListener(GraphChangeListener listener) {
    List<GraphChangeListener> rest = new ArrayList<>(List.of(changeListeners));
    if (rest.remove(listener)) {
      changeListeners = rest.toArray(new GraphChangeListener[0]);
    }
  }

  void nodeChanged(GraphNode node, NodeChange change) {
    GraphChangeListener[] to = changeListeners;
    for (GraphChangeListener l : to) {
      l.nodeChanged(node, change);
    }
  }

  void edgeChanged(GraphEdge edge) {
    GraphChangeListener[] to = changeListeners;
    for (GraphChangeListener l : to) {
      l.edgeChanged(edge);
    }
  }

  public ObservableList<GraphNode> nodes() {
    return nodesView;
  }

  public ObservableList<GraphEdge> edges() {
    return edgesView;
  }

  public GraphNode node(String id) {
    return nodesById.get(id);
  }

  public GraphEdge edge(String id) {
    return edgesById.get(id);
  }

  public void addNode(GraphNode node) {
    addNode(nodes.size(), node);
  }

  public void addNode(int index, GraphNode node) {
    if (nodesById.putIfAbsent(node.id(), node) != null) {
      throw new IllegalArgumentException("A node with id " + node.id() + " is already in the graph");
    }
    edgesByNode.put(node, new ArrayList<>(2));
    node.attach(this);
    nodes.add(index, node);
  }

  /** Adds many nodes with one list change. */
  public void addNodes(List<GraphNode> toAdd) {
    for (GraphNode node : toAdd) {
      if (nodesById.putIfAbsent(node.id(), node) != null) {
        throw new IllegalArgumentException("A node with id " + node.id() + " is already in the graph");
      }
      edgesByNode.put(node, new ArrayList<>(2));
      node.attach(this);
    }
    nodes.addAll(toAdd);
  }

  /** Removes a node that has no edges; returns its index. */
  public int removeNode(GraphNode node) {
    List<GraphEdge> own = edgesByNode.get(node);
    if (own == null) {
      throw new IllegalArgumentException(node + " is not in the graph");
    }
    if (!own.isEmpty()) {
      throw new IllegalStateException(node + " still has " + own.size() + " edge(s)");
    }
    int index = nodes.indexOf(node);
    node.detach(this);
    nodes.remove(index);
    nodesById.remove(node.id());
    edgesByNode.remove(node);
    return index;
  }

  public void addEdge(GraphEdge edge) {
    addEdge(edges.size(), edge);
  }

  public void addEdge(int index, GraphEdge edge) {
    checkEdge(edge);
    edgesById.put(edge.id(), edge);
    edgesByNode.get(edge.source()).add(edge);
    edgesByNode.get(edge.target()).add(edge);
    edge.attach(this);
    edges.add(index, edge);
  }

  /** Adds many edges with one list change. */
  public void addEdges(List<GraphEdge> toAdd) {
    for (GraphEdge edge : toAdd) {
      checkEdge(edge);
      edgesById.put(edge.id(), edge);
      edgesByNode.get(edge.source()).add(edge);
      edgesByNode.get(edge.target()).add(edge);
      edge.attach(this);
    }
    edges.addAll(toAdd);
  }

  private void checkEdge(GraphEdge edge) {
    if (edgesById.containsKey(edge.id())) {
      throw new IllegalArgumentException("An edge with id " + edge.id() + " is already in the graph");
    }
    if (nodesById.get(edge.source().id()) != edge.source()
        || nodesById.get(edge.target().id()) != edge.target()) {
      throw new IllegalArgumentException(edge + " joins a node that is not in the graph");
    }
  }

  /** Removes an edge; returns its index. */
  public int removeEdge(GraphEdge edge) {
    if (edgesById.remove(edge.id()) == null) {
      throw new IllegalArgumentException(edge + " is not in the graph");
    }
    edgesByNode.get(edge.source()).remove(edge);
    edgesByNode.get(edge.target()).remove(edge);
    int index = edges.indexOf(edge);
    edge.detach(this);
    edges.remove(index);
    return index;
  }

  /** The edges that start or end at a node (a live, unmodifiable view is not offered: a copy). */
  public List<GraphEdge> edgesOf(GraphNode node) {
    List<GraphEdge> own = edgesByNode.get(node);
    return own == null ? List.of() : List.copyOf(own);
  }

  /** The edges that end at one input port. */
  /** The edges that leave a node's output port, oldest first. */
  public List<GraphEdge> edgesOutOf(GraphNode node, Port output) {
    List<GraphEdge> result = new ArrayList<>(2);
    List<GraphEdge> own = edgesByNode.get(node);
    if (own != null) {
      for (GraphEdge e : own) {
        if (e.source() == node && e.sourcePort() == output) {
          result.add(e);
        }
      }
    }
    return result;
  }

  public List<GraphEdge> edgesInto(GraphNode node, Port input) {
    List<GraphEdge> result = new ArrayList<>(1);
    List<GraphEdge> own = edgesByNode.get(node);
    if (own != null) {
      for (GraphEdge e : own) {
        if (e.target() == node && e.targetPort() == input) {
          result.add(e);
        }
      }
    }
    return result;
  }

  /** Whether {@code to} can be reached from {@code from} along edges. */
  public boolean reaches(GraphNode from, GraphNode to) {
    if (from == to) {
      return true;
    }
    ArrayList<GraphNode> stack = new ArrayList<>();
    java.util.Set<GraphNode> seen = new java.util.HashSet<>();
    stack.add(from);
    seen.add(from);
    while (!stack.isEmpty()) {
      GraphNode n = stack.remove(stack.size() - 1);
      for (GraphEdge e : edgesByNode.get(n)) {
        if (e.source() == n && seen.add(e.target())) {
          if (e.target() == to) {
            return true;
          }
          stack.add(e.target());
        }
      }
    }
    return false;
  }

  /**
   * The nodes of a shortest path along edges from {@code from} to {@code to}, both included;
   * empty when {@code to} cannot be reached. From a node to itself: that node alone.
   */
  public List<GraphNode> path(GraphNode from, GraphNode to) {
    if (from == to) {
      return List.of(from);
    }
    java.util.Map<GraphNode, GraphNode> cameFrom = new java.util.HashMap<>();
    java.util.ArrayDeque<GraphNode> queue = new java.util.ArrayDeque<>();
    cameFrom.put(from, from);
    queue.add(from);
    while (!queue.isEmpty()) {
      GraphNode n = queue.poll();
      for (GraphEdge e : edgesByNode.get(n)) {
        if (e.source() == n && cameFrom.putIfAbsent(e.target(), n) == null) {
          if (e.target() == to) {
            java.util.LinkedList<GraphNode> path = new java.util.LinkedList<>();
            for (GraphNode at = to; at != from; at = cameFrom.get(at)) {
              path.addFirst(at);
            }
            path.addFirst(from);
            return List.copyOf(path);
          }
          queue.add(e.target());
        }
      }
    }
    return List.of();
  }

  /** An id of the form {@code prefix + n} that no node or edge uses yet. */
  public String freshId(String prefix) {
    int n = nodes.size() + edges.size() + 1;
    while (nodesById.containsKey(prefix + n) || edgesById.containsKey(prefix + n)) {
      n++;
    }
    return prefix + n;
  }
}

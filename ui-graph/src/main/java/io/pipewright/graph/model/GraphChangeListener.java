package io.pipewright.graph.model;

/**
 * Told about every change to the nodes and edges of a {@link GraphModel}: one listener on the model
 * instead of one per property of each node and edge (a view of 2,000 nodes would otherwise register
 * 14,000 listeners before it can show anything). Nodes and edges added or removed are reported by
 * the model's {@link GraphModel#nodes()} and {@link GraphModel#edges()} lists, as before; only
 * nodes and edges that are in the model are reported here.
 *
 * <p>Called on the thread that made the change, after the new value is set, once per change.
 */
public interface GraphChangeListener {
  /** A node's position, size, title, status or badge changed. */
  void nodeChanged(GraphNode node, NodeChange change);

  /** An edge's "flowing" decoration changed (the only part of an edge that can change). */
  void edgeChanged(GraphEdge edge);
}

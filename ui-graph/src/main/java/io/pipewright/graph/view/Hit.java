package io.pipewright.graph.view;

import io.pipewright.graph.model.GraphEdge;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.model.Port;

/**
 * What is under a point of the view: a port, a node, an edge or the background. Context menus and
 * double-click hooks receive one.
 */
public record Hit(Kind kind, GraphNode node, Port port, GraphEdge edge, double modelX, double modelY) {
  /** What was hit. */
  public enum Kind {
    PORT,
    NODE,
    EDGE,
    BACKGROUND
  }

  static Hit background(double mx, double my) {
    return new Hit(Kind.BACKGROUND, null, null, null, mx, my);
  }
}

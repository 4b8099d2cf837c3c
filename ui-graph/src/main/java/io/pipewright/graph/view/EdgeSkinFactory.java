package io.pipewright.graph.view;

import io.pipewright.graph.model.GraphEdge;

/** Supplies the look of each edge, for example by the type of its ports; the host provides one. */
@FunctionalInterface
public interface EdgeSkinFactory {
  EdgeSkin skinFor(GraphEdge edge);
}

package io.pipewright.graph.view;

import io.pipewright.graph.model.GraphEdge;
import io.pipewright.graph.model.GraphNode;
import java.util.List;

/**
 * The host's side of copy, cut, paste and duplicate: it serializes the selection and creates the
 * pasted nodes (pushing its own commands onto the view's undo stack). Cut is copy followed by the
 * view's own delete.
 */
public interface ClipboardHandler {
  void copy(List<GraphNode> nodes, List<GraphEdge> edges);

  /** Pastes at a model position (the pointer, or the centre of the view). */
  void paste(double modelX, double modelY);

  /** Duplicates the selection next to itself. */
  void duplicate(List<GraphNode> nodes, List<GraphEdge> edges);
}

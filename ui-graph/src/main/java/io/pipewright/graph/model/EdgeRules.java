package io.pipewright.graph.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Common edge rules a host can start from and combine with {@link EdgeValidator#and}. */
public final class EdgeRules {
  private EdgeRules() {}

  /** No self loops, compatible types, one edge per input, no duplicates, no cycles. */
  public static EdgeValidator standard() {
    return EdgeRules::checkStandard;
  }

  private static EdgeCheck checkStandard(GraphModel model, GraphNode source, Port output,
      GraphNode target, Port input, GraphEdge ignored) {
    if (source == target) {
      return EdgeCheck.refuse(cycle(model, List.of(source)));
    }
    if (!output.typeCompatibleWith(input)) {
      return EdgeCheck.refuse(
          "Type mismatch: " + output.name() + " is " + output.type() + ", " + input.name()
              + " expects " + input.type());
    }
    for (GraphEdge e : model.edgesInto(target, input)) {
      if (e != ignored) {
        return EdgeCheck.refuse(input.name() + " of " + target.getTitle() + " is already connected");
      }
    }
    List<GraphNode> back = model.path(target, source);
    if (!back.isEmpty()) {
      return EdgeCheck.refuse(cycle(model, back));
    }
    return EdgeCheck.ok();
  }

  /**
   * "This edge would close a cycle: 'a' → 'b' → 'a'": the nodes by id in the direction of the
   * edges, from the one first in the model, as Pipewright's validator names a cycle of steps.
   */
  static String cycle(GraphModel model, List<GraphNode> nodes) {
    List<GraphNode> cycle = new ArrayList<>(nodes);
    int first = 0;
    for (int i = 1; i < cycle.size(); i++) {
      if (model.nodes().indexOf(cycle.get(i)) < model.nodes().indexOf(cycle.get(first))) {
        first = i;
      }
    }
    Collections.rotate(cycle, -first);
    StringBuilder names = new StringBuilder("This edge would close a cycle: ");
    for (GraphNode node : cycle) {
      names.append('\'').append(node.id()).append("' → ");
    }
    return names.append('\'').append(cycle.get(0).id()).append('\'').toString();
  }
}

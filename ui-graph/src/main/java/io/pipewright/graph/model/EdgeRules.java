package io.pipewright.graph.model;

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
      return EdgeCheck.refuse("A node cannot feed itself");
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
    if (model.reaches(target, source)) {
      return EdgeCheck.refuse("This edge would close a cycle");
    }
    return EdgeCheck.ok();
  }
}

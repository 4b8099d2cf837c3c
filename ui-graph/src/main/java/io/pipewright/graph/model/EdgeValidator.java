package io.pipewright.graph.model;

/**
 * Decides whether an edge may join an output port to an input port. The canvas asks it during a
 * connect or reconnect drag, so that illegal targets are refused with a reason before release.
 */
@FunctionalInterface
public interface EdgeValidator {
  /**
   * @param ignored an edge to disregard (the one being reconnected), or {@code null}
   */
  EdgeCheck check(GraphModel model, GraphNode source, Port output, GraphNode target, Port input,
      GraphEdge ignored);

  /** Both checks must pass; the first refusal wins. */
  default EdgeValidator and(EdgeValidator other) {
    return (m, s, o, t, i, ig) -> {
      EdgeCheck first = check(m, s, o, t, i, ig);
      return first.legal() ? other.check(m, s, o, t, i, ig) : first;
    };
  }
}

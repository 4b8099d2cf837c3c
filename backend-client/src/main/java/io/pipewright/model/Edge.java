package io.pipewright.model;

import java.util.Objects;

/**
 * A dataset edge: from a dataset node (port null) or a step output, to a step input.
 */
public record Edge(String id, End from, End to) {
  public Edge {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  /** One end of an edge: a node id and, for steps, a port name. */
  public record End(String node, String port) {
    public End {
      Objects.requireNonNull(node, "node");
    }

    @Override
    public String toString() {
      return port == null ? node : node + "." + port;
    }
  }
}

package io.pipewright.graph.edit;

import java.util.Objects;

/**
 * The words command descriptions use for nodes, so a host can say "Move 3 steps" while the kit
 * knows nothing of steps.
 */
public record Vocabulary(String node, String nodes) {
  public static final Vocabulary DEFAULT = new Vocabulary("node", "nodes");

  public Vocabulary {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(nodes, "nodes");
  }

  /** "1 step", "3 steps". */
  public String count(int n) {
    return n + " " + (n == 1 ? node : nodes);
  }
}

package io.pipewright.graph.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.graph.demo.SampleGraphs;
import org.junit.jupiter.api.Test;

class EdgeRulesTest {
  private final GraphModel model = SampleGraphs.small();
  private final EdgeValidator rules = EdgeRules.standard();

  private EdgeCheck check(String from, String out, String to, String in) {
    GraphNode s = model.node(from);
    GraphNode t = model.node(to);
    return rules.check(model, s, s.port(out), t, t.port(in), null);
  }

  @Test
  void acceptsAnEdgeBetweenCompatibleFreePorts() {
    assertThat(check("prep", "out", "train", "train").legal()).isTrue();
  }

  @Test
  void refusesMismatchedPortTypesWithBothTypesNamed() {
    EdgeCheck c = check("prep", "out", "train", "config");
    assertThat(c.legal()).isFalse();
    assertThat(c.reason()).contains("table").contains("json");
  }

  @Test
  void refusesASecondEdgeIntoAnInput() {
    assertThat(check("clean", "out", "prep", "in").reason()).contains("already connected");
  }

  @Test
  void refusesAnEdgeThatWouldCloseACycle() {
    GraphModel chain = new GraphModel();
    GraphNode a = new GraphNode("a", "k", "a", java.util.List.of(Port.input("in", "t")),
        java.util.List.of(Port.output("out", "t")));
    GraphNode b = new GraphNode("b", "k", "b", java.util.List.of(Port.input("in", "t")),
        java.util.List.of(Port.output("out", "t")));
    chain.addNodes(java.util.List.of(a, b));
    chain.addEdge(new GraphEdge("ab", a, a.port("out"), b, b.port("in")));
    EdgeCheck c = rules.check(chain, b, b.port("out"), a, a.port("in"), null);
    assertThat(c.reason()).contains("cycle");
  }
}

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
    assertThat(c.reason()).isEqualTo("This edge would close a cycle: 'a' → 'b' → 'a'");
  }

  @Test
  void namesTheCycleFromTheNodeFirstInTheModelAlongTheShortestWayBack() {
    GraphModel chain = new GraphModel();
    java.util.List<GraphNode> nodes = new java.util.ArrayList<>();
    for (String id : java.util.List.of("x", "a", "b", "c")) {
      nodes.add(new GraphNode(id, "k", id.toUpperCase(java.util.Locale.ROOT),
          java.util.List.of(Port.input("in", "t"), Port.input("side", "t")), java.util.List.of(Port.output("out", "t"))));
    }
    chain.addNodes(nodes);
    GraphNode x = nodes.get(0);
    GraphNode a = nodes.get(1);
    GraphNode b = nodes.get(2);
    GraphNode c = nodes.get(3);
    chain.addEdge(new GraphEdge("ab", a, a.port("out"), b, b.port("in")));
    chain.addEdge(new GraphEdge("bc", b, b.port("out"), c, c.port("in")));
    chain.addEdge(new GraphEdge("ac", a, a.port("out"), c, c.port("side")));
    chain.addEdge(new GraphEdge("cx", c, c.port("out"), x, x.port("in")));

    EdgeCheck closing = rules.check(chain, x, x.port("out"), a, a.port("in"), null);

    assertThat(closing.reason()).isEqualTo("This edge would close a cycle: 'x' → 'a' → 'c' → 'x'");
  }

  @Test
  void refusesAnEdgeFromANodeToItselfAsACycleOfOne() {
    GraphNode prep = model.node("prep");
    assertThat(rules.check(model, prep, prep.port("out"), prep, prep.port("in"), null).reason())
        .isEqualTo("This edge would close a cycle: 'prep' → 'prep'");
  }
}

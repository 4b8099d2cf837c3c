package io.pipewright.graph.layout;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.graph.demo.SampleGraphs;
import io.pipewright.graph.model.GraphEdge;
import io.pipewright.graph.model.GraphModel;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.model.Port;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LayeredLayoutTest {
  @Test
  void placesEveryNodeRightOfTheNodesThatFeedIt() {
    GraphModel model = SampleGraphs.pipeline(300, 380, 7);
    Map<GraphNode, double[]> at = LayeredLayout.byNode(model, new LayeredLayout().compute(model));
    for (GraphEdge e : model.edges()) {
      assertThat(at.get(e.target())[0]).as(e.toString()).isGreaterThan(at.get(e.source())[0]);
    }
  }

  @Test
  void neverOverlapsTwoNodes() {
    GraphModel model = SampleGraphs.pipeline(300, 380, 11);
    double[] xy = new LayeredLayout().compute(model);
    List<GraphNode> nodes = model.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      for (int j = i + 1; j < nodes.size(); j++) {
        boolean apart = xy[2 * i] + nodes.get(i).getWidth() <= xy[2 * j]
            || xy[2 * j] + nodes.get(j).getWidth() <= xy[2 * i]
            || xy[2 * i + 1] + nodes.get(i).getHeight() <= xy[2 * j + 1]
            || xy[2 * j + 1] + nodes.get(j).getHeight() <= xy[2 * i + 1];
        assertThat(apart).as(nodes.get(i) + " and " + nodes.get(j)).isTrue();
      }
    }
  }

  @Test
  void uncrossesTwoChainsThatStartInCrossedOrder() {
    GraphModel model = new GraphModel();
    GraphNode a1 = chainNode("a1");
    GraphNode b1 = chainNode("b1");
    GraphNode b2 = chainNode("b2");
    GraphNode a2 = chainNode("a2");
    model.addNodes(List.of(a1, b1, b2, a2));
    model.addEdge(new GraphEdge("ea", a1, a1.port("out"), a2, a2.port("in")));
    model.addEdge(new GraphEdge("eb", b1, b1.port("out"), b2, b2.port("in")));
    Map<GraphNode, double[]> at = LayeredLayout.byNode(model, new LayeredLayout().compute(model));
    boolean aAboveB1 = at.get(a1)[1] < at.get(b1)[1];
    boolean aAboveB2 = at.get(a2)[1] < at.get(b2)[1];
    assertThat(aAboveB1).isEqualTo(aAboveB2);
  }

  @Test
  void alignsTheLeftEdgesOfSelectedNodes() {
    GraphModel model = SampleGraphs.small();
    List<GraphNode> nodes = List.of(model.node("prep"), model.node("train"));
    double[] xy = Arrange.align(nodes, Arrange.Alignment.LEFT);
    assertThat(xy[0]).isEqualTo(320).isEqualTo(xy[2]);
  }

  private static GraphNode chainNode(String id) {
    return new GraphNode(id, "k", id, List.of(Port.input("in", "t")), List.of(Port.output("out", "t")));
  }
}

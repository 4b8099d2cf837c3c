package io.pipewright.graph.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.graph.demo.SampleGraphs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphChangeListenerTest {
  private final GraphModel model = SampleGraphs.small();
  private final List<String> heard = new ArrayList<>();
  private final GraphChangeListener recorder = new GraphChangeListener() {
    @Override
    public void nodeChanged(GraphNode node, NodeChange change) {
      heard.add(node.id() + " " + change);
    }

    @Override
    public void edgeChanged(GraphEdge edge) {
      heard.add(edge.id() + " flowing " + edge.isFlowing());
    }
  };

  @Test
  void reportsEachKindOfChangeToANodeInTheModel() {
    GraphNode prep = model.node("prep");
    model.addChangeListener(recorder);
    prep.moveTo(5, 7);
    prep.resize(200, 80);
    prep.setTitle("Prepare");
    prep.setStatus(NodeStatus.RUNNING);
    prep.setBadge("3 s");
    assertThat(heard).containsExactly("prep POSITION", "prep POSITION", "prep SIZE", "prep SIZE",
        "prep TITLE", "prep STATUS", "prep BADGE");
  }

  @Test
  void reportsEveryChangeEvenWhenNobodyReadsTheValueInBetween() {
    GraphNode prep = model.node("prep");
    model.addChangeListener(recorder);
    prep.setTitle("one");
    prep.setTitle("two");
    prep.setTitle("three");
    assertThat(heard).containsExactly("prep TITLE", "prep TITLE", "prep TITLE");
  }

  @Test
  void doesNotReportSettingTheValueANodeAlreadyHas() {
    GraphNode prep = model.node("prep");
    model.addChangeListener(recorder);
    prep.setTitle(prep.getTitle());
    prep.moveTo(prep.getX(), prep.getY());
    assertThat(heard).isEmpty();
  }

  @Test
  void reportsAnEdgeStartingAndStoppingToFlow() {
    GraphEdge edge = model.edges().get(0);
    model.addChangeListener(recorder);
    edge.setFlowing(true);
    edge.setFlowing(false);
    assertThat(heard).containsExactly(edge.id() + " flowing true", edge.id() + " flowing false");
  }

  @Test
  void stopsReportingANodeOnceItIsRemovedAndAgainWhenItIsBack() {
    GraphNode lone = new GraphNode("lone", "k", "Lone", List.of(), List.of());
    model.addNode(lone);
    model.addChangeListener(recorder);
    model.removeNode(lone);
    lone.setTitle("gone");
    model.addNode(lone);
    lone.setTitle("back");
    assertThat(heard).containsExactly("lone TITLE");
  }

  @Test
  void stopsReportingToARemovedListener() {
    model.addChangeListener(recorder);
    model.removeChangeListener(recorder);
    model.node("prep").setTitle("unheard");
    assertThat(heard).isEmpty();
  }

  @Test
  void reportsANodeInTwoModelsToTheListenersOfBoth() {
    GraphNode shared = new GraphNode("shared", "k", "Shared", List.of(), List.of());
    GraphModel other = new GraphModel();
    model.addNode(shared);
    other.addNode(shared);
    List<String> otherHeard = new ArrayList<>();
    other.addChangeListener(new GraphChangeListener() {
      @Override
      public void nodeChanged(GraphNode node, NodeChange change) {
        otherHeard.add(node.id() + " " + change);
      }

      @Override
      public void edgeChanged(GraphEdge edge) {
      }
    });
    model.addChangeListener(recorder);
    shared.setBadge("x");
    assertThat(heard).containsExactly("shared BADGE");
    assertThat(otherHeard).containsExactly("shared BADGE");
  }
}

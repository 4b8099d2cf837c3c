package io.pipewright.graph.edit;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.graph.demo.SampleGraphs;
import io.pipewright.graph.model.GraphModel;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.undo.UndoStack;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphCommandsTest {
  private final GraphModel model = SampleGraphs.small();
  private final GraphCommands commands = new GraphCommands(model, new Vocabulary("step", "steps"));
  private final UndoStack stack = new UndoStack();

  @Test
  void deletingANodeRemovesItsEdgesInTheSameUndoStep() {
    stack.push(commands.delete(List.of(model.node("prep")), List.of()));
    assertThat(model.node("prep")).isNull();
    assertThat(model.edges()).isEmpty();
    assertThat(stack.undoCount()).isEqualTo(1);
  }

  @Test
  void undoingADeleteRestoresTheNodeAndItsEdgesInPlace() {
    GraphNode prep = model.node("prep");
    int index = model.nodes().indexOf(prep);
    stack.push(commands.delete(List.of(prep), List.of()));
    stack.undo();
    assertThat(model.nodes().indexOf(prep)).isEqualTo(index);
    assertThat(model.edgesOf(prep)).extracting(e -> e.id()).containsExactly("e1");
  }

  @Test
  void moveDescriptionCountsNodesWithTheHostsVocabulary() {
    List<GraphNode> nodes = List.of(model.node("read"), model.node("prep"), model.node("train"));
    double[] from = GraphCommands.positions(nodes);
    assertThat(commands.move(nodes, from, from, "Move").description()).isEqualTo("Move 3 steps");
  }

  @Test
  void connectDescriptionNamesBothEnds() {
    GraphNode prep = model.node("prep");
    GraphNode train = model.node("train");
    assertThat(commands.connect("x", prep, prep.outputs().get(0), train, train.inputs().get(0))
        .description()).isEqualTo("Connect prepare → train");
  }
}

package io.pipewright.app.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.document.NodeKinds;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.document.PipelineEdits;
import io.pipewright.graph.edit.GraphCommands;
import io.pipewright.graph.edit.Vocabulary;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.model.Step;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PipelineClipboardTest {
  private final PipelineDocument document = PipelineDocument.empty();
  private String board;
  private final Set<String> selected = new HashSet<>();
  private final PipelineClipboard clipboard = new PipelineClipboard(() -> document,
      new PipelineClipboard.Board() {
        @Override
        public void put(String json) {
          board = json;
        }

        @Override
        public Optional<String> get() {
          return Optional.ofNullable(board);
        }
      }, ids -> {
        selected.clear();
        selected.addAll(ids);
      });

  private Step add(String kind, double x, double y) {
    Step step = PipelineEdits.newStep(document.pipeline(), kind);
    document.edit("Add", PipelineEdits.addStep(step, x, y));
    return step;
  }

  private List<GraphNode> nodes(Step... steps) {
    return java.util.Arrays.stream(steps).map(s -> document.graph().node(s.id())).toList();
  }

  private void connect(Step from, Step to) {
    GraphNode a = document.graph().node(from.id());
    GraphNode b = document.graph().node(to.id());
    document.undoStack().push(new GraphCommands(document.graph(), Vocabulary.DEFAULT)
        .connect("e1", a, a.port("out:output"), b, b.port("in:input")));
  }

  @Test
  void pastingCopiedStepsAddsCopiesWithFreshIdsNamesAndTheirEdgeAtThePointer() {
    Step prep = add(NodeKinds.SPARK_SQL, 100, 100);
    Step train = add(NodeKinds.SCRIPT, 400, 100);
    connect(prep, train);

    clipboard.copy(nodes(prep, train), List.of());
    clipboard.paste(1000, 500);

    assertThat(document.pipeline().steps()).hasSize(4);
    assertThat(document.pipeline().edges()).hasSize(2);
    assertThat(selected).hasSize(2).doesNotContain(prep.id(), train.id());
    Step copyOfPrep = document.pipeline().steps().get(2);
    assertThat(copyOfPrep.name()).isEqualTo(prep.name() + " (copy)");
    assertThat(document.graph().node(copyOfPrep.id()).getX()).isEqualTo(1000);
    assertThat(document.graph().node(copyOfPrep.id()).getY()).isEqualTo(500);
    assertThat(document.graph().node(document.pipeline().steps().get(3).id()).getX()).isEqualTo(1300);
  }

  @Test
  void aPasteIsOneUndoableEdit() {
    Step prep = add(NodeKinds.SPARK_SQL, 100, 100);
    clipboard.copy(nodes(prep), List.of());
    clipboard.paste(0, 0);

    document.undoStack().undo();

    assertThat(document.pipeline().steps()).containsExactly(document.pipeline().steps().get(0));
    assertThat(document.undoStack().undoDescription()).isEqualTo("Add");
  }

  @Test
  void duplicatingPlacesTheCopyBesideTheOriginalWithoutTouchingTheClipboard() {
    Step prep = add(NodeKinds.SPARK_SQL, 100, 100);

    clipboard.duplicate(nodes(prep), List.of());

    assertThat(board).isNull();
    Step copy = document.pipeline().steps().get(1);
    assertThat(document.graph().node(copy.id()).getX()).isEqualTo(100 + PipelineClipboard.DUPLICATE_OFFSET);
  }

  @Test
  void pastingTextThatIsNotAPipelineChangesNothing() {
    board = "{ not a pipeline";

    clipboard.paste(0, 0);

    assertThat(document.pipeline().steps()).isEmpty();
    assertThat(document.undoStack().canUndo()).isFalse();
  }
}

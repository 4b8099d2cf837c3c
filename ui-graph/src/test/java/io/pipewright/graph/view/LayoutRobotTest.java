package io.pipewright.graph.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.graph.layout.Arrange;
import io.pipewright.graph.model.GraphEdge;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

class LayoutRobotTest extends RobotTestBase {
  @org.testfx.framework.junit5.Start
  void start(javafx.stage.Stage stage) {
    show(stage);
  }

  @Test
  void automaticLayoutPutsEveryNodeRightOfItsInputsAfterTheAnimation(FxRobot robot) throws Exception {
    onFx(() -> model.node("prep").moveTo(0, 500));
    onFx(view::autoLayout);
    waitUntil(() -> !view.isLayoutAnimating());
    for (GraphEdge e : model.edges()) {
      assertThat(e.target().getX()).isGreaterThan(e.source().getX());
    }
  }

  @Test
  void automaticLayoutIsOneUndoStep(FxRobot robot) throws Exception {
    onFx(() -> model.node("prep").moveTo(0, 500));
    onFx(view::autoLayout);
    waitUntil(() -> !view.isLayoutAnimating());
    assertThat(fx(() -> view.getUndoStack().undoDescription())).isEqualTo("Arrange 4 steps");
    onFx(view::undo);
    assertThat(fx(() -> model.node("prep").getX())).isEqualTo(0);
    assertThat(fx(() -> model.node("prep").getY())).isEqualTo(500);
  }

  @Test
  void aligningTopMovesTheSelectedNodesToTheTopmostOne(FxRobot robot) throws Exception {
    onFx(() -> {
      view.getSelection().selectNodes(java.util.List.of(model.node("prep"), model.node("clean")));
      view.align(Arrange.Alignment.TOP);
    });
    assertThat(fx(() -> model.node("clean").getY())).isEqualTo(80);
    assertThat(fx(() -> view.getUndoStack().undoDescription())).isEqualTo("Align 2 steps");
  }
}

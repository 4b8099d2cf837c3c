package io.pipewright.graph.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.graph.model.GraphEdge;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** Shift+drag from a connected output port moves the source end of its newest edge. */
class ReconnectSourceRobotTest extends RobotTestBase {
  @org.testfx.framework.junit5.Start
  void start(javafx.stage.Stage stage) {
    show(stage);
  }

  private void shiftDrag(FxRobot robot, Point2D from, Point2D to) {
    robot.press(KeyCode.SHIFT);
    drag(robot, from, to);
    robot.release(KeyCode.SHIFT);
    settle();
  }

  @Test
  void shiftDraggingAConnectedOutputToAnotherOutputMovesTheEdgesSourceEnd(FxRobot robot) {
    shiftDrag(robot, port("read", "data"), port("clean", "out"));
    GraphEdge e1 = model.edge("e1");
    assertThat(e1.source().id()).isEqualTo("clean");
    assertThat(e1.target().id()).isEqualTo("prep");
    assertThat(model.edges()).hasSize(1);
    assertThat(view.getUndoStack().undoDescription()).isEqualTo("Reconnect clean → prepare");
  }

  @Test
  void undoingASourceReconnectRestoresTheOldSource(FxRobot robot) {
    shiftDrag(robot, port("read", "data"), port("clean", "out"));
    onFx(view::undo);
    assertThat(model.edge("e1").source().id()).isEqualTo("read");
  }

  @Test
  void aSourceEndDroppedOnAnIllegalOutputLeavesTheEdgeAsItWas(FxRobot robot) {
    // train's output is a model; prep's input wants a table
    shiftDrag(robot, port("read", "data"), port("train", "model"));
    assertThat(model.edge("e1").source().id()).isEqualTo("read");
    assertThat(view.getUndoStack().canUndo()).isFalse();
  }

  @Test
  void aPlainDragFromAConnectedOutputStillStartsANewEdge(FxRobot robot) {
    drag(robot, port("read", "data"), port("clean", "in"));
    assertThat(model.edges()).hasSize(2);
    assertThat(model.edge("e1").source().id()).isEqualTo("read");
  }
}

package io.pipewright.graph.view;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

class SelectionRobotTest extends RobotTestBase {
  @org.testfx.framework.junit5.Start
  void start(javafx.stage.Stage stage) {
    show(stage);
  }

  @Test
  void clickingANodeSelectsOnlyIt(FxRobot robot) {
    robot.clickOn(centerOf("read"));
    robot.clickOn(centerOf("prep"));
    assertThat(view.getSelection().nodes()).containsExactly(model.node("prep"));
  }

  @Test
  void ctrlClickTogglesANodeInTheSelection(FxRobot robot) {
    robot.clickOn(centerOf("read"));
    robot.press(KeyCode.CONTROL).clickOn(centerOf("prep")).clickOn(centerOf("read")).release(KeyCode.CONTROL);
    assertThat(view.getSelection().nodes()).containsExactly(model.node("prep"));
  }

  @Test
  void shiftDragOnTheBackgroundSelectsTheNodesTheBandTouches(FxRobot robot) {
    robot.press(KeyCode.SHIFT);
    drag(robot, at(280, 40), at(560, 420));
    robot.release(KeyCode.SHIFT);
    assertThat(view.getSelection().nodes()).containsExactlyInAnyOrder(model.node("prep"), model.node("clean"));
  }

  @Test
  void ctrlASelectsEveryNode(FxRobot robot) {
    robot.clickOn(centerOf("read"));
    robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
    assertThat(view.getSelection().nodes()).hasSize(4);
  }

  @Test
  void clickingTheBackgroundClearsTheSelection(FxRobot robot) {
    robot.clickOn(centerOf("read"));
    robot.clickOn(at(700, 500));
    assertThat(view.getSelection().isEmpty()).isTrue();
  }

  @Test
  void arrowKeysMoveTheSelectionToTheNeighbourInThatDirection(FxRobot robot) {
    robot.clickOn(centerOf("read"));
    robot.type(KeyCode.RIGHT);
    assertThat(view.getSelection().nodes()).containsExactly(model.node("prep"));
  }
}

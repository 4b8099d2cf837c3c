package io.pipewright.graph.view;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

class NavigationRobotTest extends RobotTestBase {
  @org.testfx.framework.junit5.Start
  void start(javafx.stage.Stage stage) {
    show(stage);
  }

  @Test
  void draggingTheBackgroundPansTheView(FxRobot robot) {
    drag(robot, at(800, 500), at(700, 450));
    assertThat(view.panXProperty().get()).isCloseTo(-100, Offset.offset(1.0));
    assertThat(view.panYProperty().get()).isCloseTo(-50, Offset.offset(1.0));
  }

  @Test
  void middleButtonDragPansEvenOverANode(FxRobot robot) {
    Point2D from = centerOf("prep");
    robot.moveTo(from).press(MouseButton.MIDDLE).moveTo(from.add(-30, 0)).moveTo(from.add(-60, 0))
        .release(MouseButton.MIDDLE);
    settle();
    assertThat(view.panXProperty().get()).isCloseTo(-60, Offset.offset(1.0));
    assertThat(model.node("prep").getX()).isEqualTo(320);
  }

  @Test
  void ctrlWheelZoomsKeepingThePointUnderThePointer(FxRobot robot) {
    Point2D pointer = at(400, 300);
    robot.moveTo(pointer);
    robot.press(KeyCode.CONTROL).scroll(3, VerticalDirection.UP).release(KeyCode.CONTROL);
    settle();
    assertThat(view.getZoom()).isNotEqualTo(1.0);
    Point2D local = view.screenToLocal(pointer);
    Point2D model = view.screenToModel(local.getX(), local.getY());
    assertThat(model.getX()).isCloseTo(400, Offset.offset(1.0));
    assertThat(model.getY()).isCloseTo(300, Offset.offset(1.0));
  }

  @Test
  void wheelWithoutCtrlPans(FxRobot robot) {
    robot.moveTo(at(400, 300)).scroll(2, VerticalDirection.DOWN);
    settle();
    assertThat(view.getZoom()).isEqualTo(1.0);
    assertThat(view.panYProperty().get()).isNotEqualTo(0.0);
  }

  @Test
  void plusZoomsInAndZeroReturnsToActualSize(FxRobot robot) {
    robot.clickOn(at(700, 500));
    robot.type(KeyCode.EQUALS);
    double zoomedIn = view.getZoom();
    robot.type(KeyCode.DIGIT0);
    assertThat(zoomedIn).isGreaterThan(1.0);
    assertThat(view.getZoom()).isEqualTo(1.0);
  }

  @Test
  void fitToViewShowsEveryNode(FxRobot robot) {
    onFx(() -> model.node("clean").moveTo(3000, 2000));
    robot.clickOn(at(700, 500));
    robot.type(KeyCode.F);
    settle();
    javafx.geometry.Bounds visible = view.visibleModelBounds();
    javafx.geometry.Bounds all = view.modelBounds();
    assertThat(visible.contains(all)).isTrue();
  }

  @Test
  void zoomingToANodeCentresAndSelectsIt(FxRobot robot) {
    onFx(() -> {
      view.zoomProperty().set(0.3);
      view.zoomToNode(model.node("clean"));
    });
    Point2D center = view.modelToScreen(model.node("clean").getX() + 90, model.node("clean").getY() + 32);
    assertThat(center.getX()).isCloseTo(500, Offset.offset(1.0));
    assertThat(view.getSelection().nodes()).containsExactly(model.node("clean"));
  }

  @Test
  void draggingTheMinimapViewportPansTheMainView(FxRobot robot) {
    onFx(() -> model.node("clean").moveTo(4000, 3000));
    settle();
    Minimap map = view.getMinimap();
    javafx.scene.shape.Rectangle rect = map.viewportRectangle();
    Point2D grab = map.localToScreen(rect.getX() + rect.getWidth() / 2, rect.getY() + rect.getHeight() / 2);
    double before = view.panXProperty().get();
    drag(robot, grab, grab.add(40, 20));
    assertThat(view.panXProperty().get()).isLessThan(before - 100);
  }
}

package io.pipewright.graph.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.graph.model.GraphEdge;
import io.pipewright.graph.model.GraphNode;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

class EditingRobotTest extends RobotTestBase {
  @org.testfx.framework.junit5.Start
  void start(javafx.stage.Stage stage) {
    show(stage);
  }

  @Test
  void draggingANodeMovesItByTheDragDistance(FxRobot robot) {
    drag(robot, centerOf("prep"), centerOf("prep").add(100, 60));
    GraphNode prep = model.node("prep");
    assertThat(prep.getX()).isCloseTo(420, org.assertj.core.data.Offset.offset(1.0));
    assertThat(prep.getY()).isCloseTo(140, org.assertj.core.data.Offset.offset(1.0));
  }

  @Test
  void undoingAMovePutsTheNodeBackAndRedoMovesItAgain(FxRobot robot) {
    drag(robot, centerOf("prep"), centerOf("prep").add(100, 60));
    robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
    settle();
    assertThat(model.node("prep").getX()).isEqualTo(320);
    robot.press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
    settle();
    assertThat(model.node("prep").getX()).isCloseTo(420, org.assertj.core.data.Offset.offset(1.0));
  }

  @Test
  void draggingOneOfSeveralSelectedNodesMovesThemTogether(FxRobot robot) {
    robot.clickOn(centerOf("prep"));
    robot.press(KeyCode.SHIFT).clickOn(centerOf("clean")).release(KeyCode.SHIFT);
    drag(robot, centerOf("prep"), centerOf("prep").add(40, 20));
    assertThat(model.node("clean").getX()).isCloseTo(360, org.assertj.core.data.Offset.offset(1.0));
    assertThat(view.getUndoStack().undoDescription()).isEqualTo("Move 2 steps");
  }

  @Test
  void snapToGridPutsTheDraggedNodeOnTheGrid(FxRobot robot) {
    onFx(() -> view.snapToGridProperty().set(true));
    drag(robot, centerOf("prep"), centerOf("prep").add(47, 33));
    assertThat(model.node("prep").getX() % 20).isEqualTo(0);
    assertThat(model.node("prep").getY() % 20).isEqualTo(0);
  }

  @Test
  void draggingFromAnOutputToACompatibleInputCreatesAnEdge(FxRobot robot) {
    drag(robot, port("prep", "out"), port("train", "train"));
    assertThat(model.edges()).anyMatch(e -> e.source().id().equals("prep") && e.target().id().equals("train"));
    assertThat(view.getUndoStack().undoDescription()).isEqualTo("Connect prepare → train");
  }

  @Test
  void undoingAConnectRemovesTheEdge(FxRobot robot) {
    drag(robot, port("prep", "out"), port("train", "train"));
    onFx(view::undo);
    assertThat(model.edges()).extracting(GraphEdge::id).containsExactly("e1");
  }

  @Test
  void hoveringAnIllegalInputShowsWhyItIsRefused(FxRobot robot) {
    robot.moveTo(port("prep", "out")).press(MouseButton.PRIMARY);
    robot.moveTo(port("prep", "out").add(60, 10)).moveTo(port("train", "config"));
    settle();
    String reason = view.refusalProperty().get();
    robot.release(MouseButton.PRIMARY);
    assertThat(reason).contains("Type mismatch");
  }

  @Test
  void releasingOnAnIllegalInputCreatesNoEdge(FxRobot robot) {
    drag(robot, port("prep", "out"), port("train", "config"));
    assertThat(model.edges()).hasSize(1);
    assertThat(view.getUndoStack().canUndo()).isFalse();
  }

  @Test
  void legalTargetsAreHighlightedDuringTheDrag(FxRobot robot) {
    robot.moveTo(port("prep", "out")).press(MouseButton.PRIMARY);
    robot.moveTo(port("prep", "out").add(60, 10)).moveTo(port("prep", "out").add(120, 40));
    settle();
    DefaultNodeSkin train = (DefaultNodeSkin) view.skinOf(model.node("train"));
    javafx.scene.shape.Circle trainInput = (javafx.scene.shape.Circle) train.root().lookupAll("Circle").stream()
        .filter(n -> ((javafx.scene.shape.Circle) n).getCenterX() == 0 && n.isVisible())
        .findFirst().orElseThrow();
    javafx.scene.paint.Paint stroke = trainInput.getStroke();
    robot.release(MouseButton.PRIMARY);
    assertThat(stroke).isEqualTo(DefaultNodeSkin.LEGAL);
  }

  @Test
  void draggingAnEdgeEndToAnotherInputReconnectsIt(FxRobot robot) {
    drag(robot, port("prep", "in"), port("clean", "in"));
    GraphEdge e1 = model.edge("e1");
    assertThat(e1.target().id()).isEqualTo("clean");
    assertThat(view.getUndoStack().undoDescription()).isEqualTo("Reconnect titanic.csv → clean");
  }

  @Test
  void undoingAReconnectRestoresTheOldTarget(FxRobot robot) {
    drag(robot, port("prep", "in"), port("clean", "in"));
    onFx(view::undo);
    assertThat(model.edge("e1").target().id()).isEqualTo("prep");
  }

  @Test
  void droppingAnEdgeEndOnTheBackgroundDisconnectsIt(FxRobot robot) {
    drag(robot, port("prep", "in"), port("prep", "in").add(-120, 250));
    assertThat(model.edges()).isEmpty();
  }

  @Test
  void deleteKeyRemovesTheSelectedNodeWithItsEdges(FxRobot robot) {
    robot.clickOn(centerOf("prep"));
    robot.type(KeyCode.DELETE);
    settle();
    assertThat(model.node("prep")).isNull();
    assertThat(model.edges()).isEmpty();
  }

  @Test
  void oneUndoRestoresADeletedNodeAndItsEdges(FxRobot robot) {
    robot.clickOn(centerOf("prep"));
    robot.type(KeyCode.DELETE);
    robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
    settle();
    assertThat(model.node("prep")).isNotNull();
    assertThat(model.edges()).extracting(GraphEdge::id).containsExactly("e1");
  }

  @Test
  void clickingAnEdgeSelectsItAndDeleteRemovesIt(FxRobot robot) {
    GraphEdge e1 = model.edge("e1");
    double mx = (e1.source().anchorX(e1.sourcePort()) + e1.target().anchorX(e1.targetPort())) / 2;
    double my = e1.source().anchorY(e1.sourcePort());
    robot.clickOn(at(mx, my));
    assertThat(view.getSelection().edges()).containsExactly(e1);
    robot.type(KeyCode.DELETE);
    settle();
    assertThat(model.edges()).isEmpty();
  }

  @Test
  void savingAndEditingDrivesTheDirtyFlag(FxRobot robot) {
    onFx(() -> view.getUndoStack().markSaved());
    drag(robot, centerOf("prep"), centerOf("prep").add(30, 0));
    assertThat(view.getUndoStack().isDirty()).isTrue();
    onFx(view::undo);
    assertThat(view.getUndoStack().isDirty()).isFalse();
  }

}

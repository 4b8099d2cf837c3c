package io.pipewright.graph.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.graph.model.GraphEdge;
import io.pipewright.graph.model.GraphNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.PickResult;
import javafx.scene.input.ZoomEvent;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

class HostHooksRobotTest extends RobotTestBase {
  @org.testfx.framework.junit5.Start
  void start(javafx.stage.Stage stage) {
    show(stage);
  }

  @Test
  void doubleClickingANodeHandsItsHitToTheHost(FxRobot robot) {
    AtomicReference<Hit> hit = new AtomicReference<>();
    onFx(() -> view.setOnDoubleClick(hit::set));
    robot.moveTo(centerOf("train")).doubleClickOn(MouseButton.PRIMARY);
    settle();
    assertThat(hit.get()).isNotNull();
    assertThat(hit.get().kind()).isEqualTo(Hit.Kind.NODE);
    assertThat(hit.get().node()).isSameAs(model.node("train"));
  }

  @Test
  void spaceAndDragPansEvenOverANode(FxRobot robot) {
    Point2D from = centerOf("prep");
    robot.moveTo(from).press(KeyCode.SPACE).press(MouseButton.PRIMARY)
        .moveTo(from.add(-20, 0)).moveTo(from.add(-40, 0)).moveTo(from.add(-40, -20))
        .release(MouseButton.PRIMARY).release(KeyCode.SPACE);
    settle();
    assertThat(view.panXProperty().get()).isCloseTo(-40, Offset.offset(1.0));
    assertThat(view.panYProperty().get()).isCloseTo(-20, Offset.offset(1.0));
    assertThat(model.node("prep").getX()).isEqualTo(320);
  }

  @Test
  void aContextMenuRequestOnANodeSelectsItAndAsksTheHostForAMenu() {
    AtomicReference<Hit> hit = new AtomicReference<>();
    onFx(() -> view.setContextMenuFactory(h -> {
      hit.set(h);
      return null;
    }));
    Point2D local = view.modelToScreen(660, 110);
    onFx(() -> Event.fireEvent(view, new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED,
        local.getX(), local.getY(), 0, 0, false, new PickResult(view, local.getX(), local.getY()))));
    assertThat(hit.get().kind()).isEqualTo(Hit.Kind.NODE);
    assertThat(hit.get().node()).isSameAs(model.node("train"));
    assertThat(view.getSelection().contains(model.node("train"))).isTrue();
  }

  @Test
  void copyAndPasteKeysGoThroughTheClipboardHandler(FxRobot robot) {
    List<String> copied = new ArrayList<>();
    double[] pastedAt = new double[2];
    onFx(() -> view.setClipboardHandler(new ClipboardHandler() {
      @Override
      public void copy(List<GraphNode> nodes, List<GraphEdge> edges) {
        nodes.forEach(n -> copied.add(n.id()));
      }

      @Override
      public void paste(double modelX, double modelY) {
        pastedAt[0] = modelX;
        pastedAt[1] = modelY;
      }

      @Override
      public void duplicate(List<GraphNode> nodes, List<GraphEdge> edges) {}
    }));
    robot.clickOn(centerOf("prep"));
    robot.press(KeyCode.CONTROL).type(KeyCode.C).release(KeyCode.CONTROL);
    robot.moveTo(at(500, 500));
    robot.press(KeyCode.CONTROL).type(KeyCode.V).release(KeyCode.CONTROL);
    settle();
    assertThat(copied).containsExactly("prep");
    assertThat(pastedAt[0]).isCloseTo(500, Offset.offset(1.0));
    assertThat(pastedAt[1]).isCloseTo(500, Offset.offset(1.0));
  }

  @Test
  void aPinchZoomsAboutThePointBetweenTheFingers() {
    onFx(() -> Event.fireEvent(view, new ZoomEvent(ZoomEvent.ZOOM, 300, 200, 300, 200, false,
        false, false, false, false, false, 2.0, 2.0, new PickResult(view, 300, 200))));
    assertThat(view.getZoom()).isCloseTo(2.0, Offset.offset(1e-9));
    Point2D model = view.screenToModel(300, 200);
    assertThat(model.getX()).isCloseTo(300, Offset.offset(1e-6));
    assertThat(model.getY()).isCloseTo(200, Offset.offset(1e-6));
  }
}

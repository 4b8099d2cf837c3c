package io.pipewright.graph.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.graph.demo.SampleGraphs;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The view's first pulse shows the graph and nothing else: the minimap is made, drawn and shown
 * after it, and the dynamic layer's canvas only when there is something to draw on it.
 */
@ExtendWith(ApplicationExtension.class)
class FirstPulseRobotTest {
  private GraphView view;
  /** In the first pulse (after the view's update): whether the minimap was shown, or null. */
  private final AtomicReference<Boolean> minimapInFirstPulse = new AtomicReference<>();
  private final AtomicReference<Boolean> firstPulseDoneInFirstPulse = new AtomicReference<>();

  @Start
  void start(Stage stage) {
    view = new GraphView(SampleGraphs.small());
    Scene scene = new Scene(view, 1000, 700);
    scene.addPostLayoutPulseListener(() -> {
      if (firstPulseDoneInFirstPulse.get() == null) {
        firstPulseDoneInFirstPulse.set(view.isFirstPulseDone());
        minimapInFirstPulse.set(view.getChildrenUnmodifiable().stream()
            .anyMatch(n -> n instanceof Minimap && n.isVisible()));
      }
    });
    stage.setScene(scene);
    stage.show();
  }

  @Test
  void theMinimapIsDrawnAndShownAfterTheFirstPulse() throws Exception {
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, view::isFirstPulseDone);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(firstPulseDoneInFirstPulse.get()).isFalse();
    assertThat(minimapInFirstPulse.get()).isFalse();
    Minimap map = view.getMinimap();
    assertThat(map.getParent()).isSameAs(view);
    assertThat(map.isVisible()).isTrue();
    assertThat(map.getWidth()).isPositive();
    assertThat(map.viewportRectangle().getWidth()).isPositive();
  }

  @Test
  void theMinimapFollowsShowMinimapOnceShown() throws Exception {
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, view::isFirstPulseDone);
    WaitForAsyncUtils.asyncFx(() -> view.showMinimapProperty().set(false));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(view.getMinimap().isVisible()).isFalse();
    WaitForAsyncUtils.asyncFx(() -> view.showMinimapProperty().set(true));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(view.getMinimap().isVisible()).isTrue();
  }

  @Test
  void theMinimapStepsAsideOverAViewTooSmallToLeaveRoomForTheGraph() throws Exception {
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, view::isFirstPulseDone);
    WaitForAsyncUtils.asyncFx(() -> view.getScene().getWindow().setHeight(400));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(view.getHeight()).isLessThan(3 * view.getMinimap().prefHeight(-1));
    assertThat(view.getMinimap().isVisible()).isFalse();
    WaitForAsyncUtils.asyncFx(() -> view.getScene().getWindow().setHeight(700));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(view.getMinimap().isVisible()).isTrue();
  }

  @Test
  void noCanvasIsMadeWhileNothingDynamicIsShown() throws Exception {
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, view::isFirstPulseDone);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(view.getChildrenUnmodifiable()).noneMatch(n -> n instanceof Canvas);
  }

  @Test
  void anEdgeThatStartsFlowingIsDrawnOnTheDynamicCanvasAndHiddenWhenItStops() throws Exception {
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, view::isFirstPulseDone);
    io.pipewright.graph.model.GraphEdge edge = view.getModel().edges().get(0);
    WaitForAsyncUtils.asyncFx(() -> edge.setFlowing(true));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(view.getChildrenUnmodifiable()).anyMatch(n -> n instanceof Canvas && n.isVisible());
    WaitForAsyncUtils.asyncFx(() -> edge.setFlowing(false));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(view.getChildrenUnmodifiable()).noneMatch(n -> n instanceof Canvas && n.isVisible());
  }
}

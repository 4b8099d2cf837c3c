package io.pipewright.graph.view;

import io.pipewright.graph.demo.SampleGraphs;
import io.pipewright.graph.edit.Vocabulary;
import io.pipewright.graph.model.GraphModel;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.model.Port;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** A stage with a GraphView of {@link SampleGraphs#small()} at 100 %, pan 0. */
@ExtendWith(ApplicationExtension.class)
abstract class RobotTestBase {
  protected GraphModel model;
  protected GraphView view;

  /** Each test class calls this from its own {@code @Start} method (TestFX finds only declared ones). */
  protected void show(Stage stage) {
    model = SampleGraphs.small();
    view = new GraphView(model);
    view.setVocabulary(new Vocabulary("step", "steps"));
    view.layoutAnimationProperty().set(Duration.millis(150));
    stage.setScene(new Scene(view, 1000, 700));
    stage.show();
    view.requestFocus();
  }

  /** Screen point of a model point. */
  protected Point2D at(double mx, double my) {
    Point2D local = view.modelToScreen(mx, my);
    return view.localToScreen(local.getX(), local.getY());
  }

  protected Point2D centerOf(String nodeId) {
    GraphNode n = model.node(nodeId);
    return at(n.getX() + n.getWidth() / 2, n.getY() + n.getHeight() / 3);
  }

  protected Point2D port(String nodeId, String portId) {
    GraphNode n = model.node(nodeId);
    Port p = n.port(portId);
    return at(n.anchorX(p), n.anchorY(p));
  }

  /**
   * Waits up to 5 s for the condition, asked on the FX thread: the view's state belongs to that
   * thread, and a read from the test thread can see a half-done update.
   */
  protected static void waitUntil(BooleanSupplier condition) throws Exception {
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
        () -> WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get(5, TimeUnit.SECONDS));
  }

  /** A value read on the FX thread. */
  protected static <T> T fx(java.util.concurrent.Callable<T> read) throws Exception {
    return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
  }

  protected static void settle() {
    WaitForAsyncUtils.waitForFxEvents();
  }

  protected static void onFx(Runnable r) {
    WaitForAsyncUtils.asyncFx(r);
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** Drags with the primary button in small steps, as a hand would. */
  protected static void drag(FxRobot robot, Point2D from, Point2D to) {
    robot.moveTo(from);
    robot.press(javafx.scene.input.MouseButton.PRIMARY);
    for (int i = 1; i <= 4; i++) {
      robot.moveTo(new Point2D(from.getX() + (to.getX() - from.getX()) * i / 4,
          from.getY() + (to.getY() - from.getY()) * i / 4));
    }
    robot.release(javafx.scene.input.MouseButton.PRIMARY);
    settle();
  }
}

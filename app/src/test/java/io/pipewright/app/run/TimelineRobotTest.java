package io.pipewright.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.fx.FxTaskExecutor;
import io.pipewright.app.history.TimelineView;
import io.pipewright.app.testing.FxWait;
import io.pipewright.workspace.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.control.Tooltip;
import javafx.scene.shape.Rectangle;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The timeline of a run's steps: a bar per started step, its times on hover, a running step's bar growing. */
@ExtendWith(ApplicationExtension.class)
class TimelineRobotTest {
  private final ObservableList<StepRunState> steps = FXCollections.observableArrayList();
  private final FxTaskExecutor executor = new FxTaskExecutor();
  private final StepRunState done = new StepRunState("a", "Step a");
  private final StepRunState running = new StepRunState("b", "Step b");
  private final StepRunState waiting = new StepRunState("c", "Step c");

  @Start
  void start(Stage stage) {
    Instant now = Instant.now();
    done.setStartedAt(now.minusSeconds(10));
    done.setEndedAt(now.minusSeconds(6));
    done.setDuration(Duration.ofSeconds(4));
    done.setStatus(RunStatus.COMPLETED, null);
    running.setStartedAt(now.minusSeconds(3));
    running.setStatus(RunStatus.RUNNING, "local-process");
    steps.setAll(done, running, waiting);
    stage.setScene(new Scene(new TimelineView(steps, executor), 700, 200));
    stage.show();
  }

  @AfterEach
  void close() {
    executor.close();
  }

  /** Looked up on the FX thread: the view redraws its bars there. */
  private static Rectangle bar(FxRobot robot, String stepId) {
    try {
      return WaitForAsyncUtils.asyncFx(() -> robot.lookup("#bar-" + stepId).queryAs(Rectangle.class)).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void eachStartedStepHasABarWithItsTimesAndARunningOneGrows(FxRobot robot) throws Exception {
    assertThat(WaitForAsyncUtils.asyncFx(() -> robot.lookup("#bar-c").tryQuery()).get(30, TimeUnit.SECONDS)).as("not started: no bar").isEmpty();
    Tooltip tip = (Tooltip) bar(robot, "a").getProperties().get("javafx.scene.control.Tooltip");
    assertThat(tip.getText()).startsWith("Step a · Completed\nstarted ").contains("\nended ").endsWith(" · 4.0 s");
    Tooltip runningTip = (Tooltip) bar(robot, "b").getProperties().get("javafx.scene.control.Tooltip");
    assertThat(runningTip.getText()).contains("still running");
    assertThat(bar(robot, "a").getX()).isLessThan(bar(robot, "b").getX());
    double before = bar(robot, "b").getWidth();

    FxWait.until(10, () -> bar(robot, "b").getWidth() > before + 2);

    robot.interact(() -> {
      running.setEndedAt(Instant.now());
      running.setStatus(RunStatus.FAILED, "exit code 1");
    });
    WaitForAsyncUtils.waitForFxEvents();
    double ended = bar(robot, "b").getWidth();
    Tooltip failedTip = (Tooltip) bar(robot, "b").getProperties().get("javafx.scene.control.Tooltip");
    assertThat(failedTip.getText()).startsWith("Step b · Failed");
    assertThat(bar(robot, "b").getFill()).isNotEqualTo(bar(robot, "a").getFill());
    assertThat(ended).isGreaterThan(0);
  }
}

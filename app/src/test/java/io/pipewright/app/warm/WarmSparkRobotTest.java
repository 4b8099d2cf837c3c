package io.pipewright.app.warm;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.designer.MainWindow;
import io.pipewright.app.designer.RunningDesigner;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.model.NodeStatus;
import io.pipewright.workspace.WarmSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The designer runs the Titanic sample's SQL step in a warm Spark driver: the status bar shows the
 * driver, a rerun after an edit of the SQL runs in it again, and Stop warm Spark makes it go.
 */
@ExtendWith(ApplicationExtension.class)
class WarmSparkRobotTest {
  @TempDir Path home;
  private final RunningDesigner designer = new RunningDesigner();

  @Start
  void start(Stage stage) {
    designer.stage(stage);
  }

  @AfterEach
  void stop(FxRobot robot) {
    designer.stop(robot);
  }

  private static GraphNode node(MainWindow window, String id) {
    return window.graphView().getModel().node(id);
  }

  /** Clicks Run, then Run in the dialog with what it proposes. */
  private void run(FxRobot robot) {
    designer.waitUntil(60, "Run to be enabled", () -> !RunningDesigner.find(robot, "#runButton").isDisabled());
    robot.clickOn("#runButton");
    designer.waitUntil(10, "the Run dialog", () -> robot.lookup("#runDialog").tryQuery().isPresent());
    Button confirm = robot.lookup("#runDialog .button").queryAllAs(Button.class).stream()
        .filter(b -> "Run".equals(b.getText())).findFirst().orElseThrow();
    robot.clickOn(confirm);
  }

  /** Runs the pipeline and waits for the run to complete and the window to show it; returns its id. */
  private String runToCompletion(FxRobot robot, MainWindow window) throws Exception {
    String before = newestRun();
    run(robot);
    // A warm driver's first start, Spark's and the training script: minutes while other builds load the machine.
    designer.waitUntil(480, "the run to complete", () -> {
      String newest = newestRun();
      return !newest.equals(before) && newestStatus() == io.pipewright.workspace.RunStatus.COMPLETED;
    });
    designer.waitUntil(30, "the window to show both steps succeeded", () ->
        node(window, "prep").getStatus() == NodeStatus.SUCCEEDED && node(window, "train").getStatus() == NodeStatus.SUCCEEDED
        && ((Label) RunningDesigner.find(robot, "#runState")).getText().startsWith("Completed after "));
    return newestRun();
  }

  private io.pipewright.workspace.Workspace workspace() {
    return designer.app().context().workspace().orElseThrow();
  }

  private String newestRun() {
    try {
      var newest = workspace().runs(1);
      return newest.isEmpty() ? "" : newest.get(0).runId();
    } catch (io.pipewright.workspace.WorkspaceException e) {
      throw new IllegalStateException(e);
    }
  }

  private io.pipewright.workspace.RunStatus newestStatus() {
    try {
      return workspace().runs(1).get(0).status();
    } catch (io.pipewright.workspace.WorkspaceException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<WarmSpark.Driver> drivers(RunningDesigner designer) {
    return designer.app().context().workspace().orElseThrow().warmSpark().orElseThrow().drivers();
  }

  @Test
  void theSampleRunsInAWarmDriverThatTheStatusBarShowsAndStopWarmSparkStops(FxRobot robot) throws Exception {
    MainWindow window = designer.launch(robot, home);
    MenuButton item = RunningDesigner.find(robot, "#warmSparkStatus");
    assertThat(item.isVisible()).as("no warm driver before the first run").isFalse();
    designer.waitUntil(30, "the sample on the canvas", () -> node(window, "prep") != null);

    runToCompletion(robot, window);

    designer.waitUntil(30, "the warm Spark item", () -> item.isVisible() && item.getText().startsWith("Spark warm · "));
    long pid = drivers(designer).get(0).pid();
    assertThat(io.pipewright.app.fx.Tips.text(item)).contains("pid " + pid);

    // The user edits the SQL step's file and runs again: the step reruns in the same driver.
    Path sql = home.resolve("samples/titanic/prep.sql");
    Files.writeString(sql, "-- edited\n" + Files.readString(sql));
    String rerun = runToCompletion(robot, window);
    assertThat(workspace().stepDetails(rerun, "prep").launch()).as("the rerun's SQL step ran in the same warm driver")
        .contains("warm Spark driver pid " + pid);
    designer.waitUntil(10, "the warm Spark item after the rerun", () -> item.getText().startsWith("Spark warm · "));
    robot.interact(() -> window.canvas().select("prep"));
    Label footprint = RunningDesigner.find(robot, "#footprint");
    designer.waitUntil(10, "the footprint line", () -> footprint.getText().contains("(this machine)"));
    assertThat(footprint.getText()).endsWith(": fits · runs in the warm Spark driver (heap 1g, shared with other steps)");

    String screenshot = System.getProperty("pipewright.screenshot.warm");
    if (screenshot != null) {
      // Once more, as a user iterating on the SQL does: the driver has run the step before.
      Files.writeString(sql, "-- edited again\n" + Files.readString(sql));
      runToCompletion(robot, window);
      robot.interact(() -> window.canvas().select("prep"));
      designer.waitUntil(30, "Spark's show() output in the Log tab",
          () -> RunningDesigner.log(robot).contains("|PassengerId|Survived|Pclass|Name"));
      designer.screenshot(robot, Path.of(screenshot));
    }

    robot.clickOn("#warmSparkStatus");
    robot.clickOn("Stop warm Spark");

    designer.waitUntil(60, "the warm Spark item to go", () -> !item.isVisible());
    assertThat(((Label) RunningDesigner.find(robot, "#status")).getText())
        .isEqualTo("Stopped warm Spark: the next run starts it again");
    ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join());
    assertThat(drivers(designer)).isEmpty();
  }
}

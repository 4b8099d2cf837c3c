package io.pipewright.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.designer.RunningDesigner;
import io.pipewright.app.designer.MainWindow;
import io.pipewright.app.fx.Tips;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.model.NodeStatus;
import io.pipewright.model.PipelineFormat;
import io.pipewright.workspace.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The designer, started as a user starts it but on a temporary workspace, running pipelines from
 * the toolbar. The Titanic sample runs on real Spark.
 */
@ExtendWith(ApplicationExtension.class)
class RunRobotTest {
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

  /** Starts the designer on {@code home}; it opens the pipeline in {@code home/samples/titanic}. */
  private MainWindow launch(FxRobot robot) throws Exception {
    return designer.launch(robot, home);
  }

  /** Puts a pipeline where the designer looks on its first start (the sample's files it keeps). */
  private void firstPipeline(String json) throws IOException {
    Path dir = Files.createDirectories(home.resolve("samples/titanic"));
    Files.writeString(dir.resolve("titanic.pipeline.json"), json);
  }

  private static GraphNode node(MainWindow window, String id) {
    return window.graphView().getModel().node(id);
  }

  /** Clicks Run, then Run in the dialog with what it proposes. */
  private void run(FxRobot robot) {
    designer.waitUntil(30, "Run to be enabled", () -> !RunningDesigner.find(robot, "#runButton").isDisabled());
    robot.clickOn("#runButton");
    designer.waitUntil(10, "the Run dialog", () -> robot.lookup("#runDialog").tryQuery().isPresent());
    javafx.scene.control.ComboBox<?> sparkTarget = RunningDesigner.find(robot, "#sparkTargetChoice");
    assertThat(sparkTarget.getValue()).as("Spark steps run where the pipeline says unless chosen otherwise")
        .hasToString("Each step's own compute (as in the pipeline)");
    Button confirm = robot.lookup("#runDialog .button").queryAllAs(Button.class).stream()
        .filter(b -> "Run".equals(b.getText())).findFirst().orElseThrow();
    robot.clickOn(confirm);
  }

  private static java.util.List<String> cellTexts(FxRobot robot) {
    return robot.lookup("#runsTable .table-cell").queryAllAs(javafx.scene.control.TableCell.class).stream()
        .map(c -> c.getText()).filter(java.util.Objects::nonNull).toList();
  }

  @Test
  void theTitanicSampleRunsOnSparkFromTheDesignerToCompletion(FxRobot robot) throws Exception {
    MainWindow window = launch(robot);
    designer.waitUntil(30, "the sample on the canvas", () -> window.graphView().getModel().node("prep") != null);

    run(robot);

    // About 40 s on an idle 2-core machine; several minutes while other builds load it.
    designer.waitUntil(480, "both steps to succeed", () -> node(window, "prep").getStatus() == NodeStatus.SUCCEEDED
        && node(window, "train").getStatus() == NodeStatus.SUCCEEDED);
    assertThat(node(window, "prep").getBadge()).matches("\\d+\\.\\d s|\\d+ min \\d\\d s");
    robot.interact(() -> window.bottomTabs().getSelectionModel().select(window.runsTab()));
    TableView<StepRunState> runs = RunningDesigner.find(robot, "#runsTable");
    designer.waitUntil(10, "the Runs rows", () -> runs.getItems().size() == 2
        && runs.getItems().stream().allMatch(s -> s.status() == RunStatus.COMPLETED));
    designer.waitUntil(10, "the Runs tab to show both steps completed", () -> cellTexts(robot).stream()
        .filter("Completed"::equals).count() == 2);
    robot.clickOn(robot.lookup("#runsTable .table-row-cell").nth(0).queryAs(Node.class));
    assertThat(window.graphView().getSelection().nodes()).extracting(GraphNode::id).containsExactly("prep");
    robot.interact(() -> window.bottomTabs().getSelectionModel().select(window.logTab()));
    designer.waitUntil(10, "Spark's show() output in the Log tab", () -> RunningDesigner.log(robot).contains("|PassengerId|Survived|Pclass|Name"));
    assertThat(((Label) RunningDesigner.find(robot, "#logTitle")).getText()).isEqualTo("Prepare data · driver/stdout");
    io.pipewright.app.log.LogViewModel log = RunningDesigner.<io.pipewright.app.log.LogView>find(robot, "#logView")
        .viewModel();
    designer.waitUntil(5, "the Log tab to show the last line", () -> log.followingProperty().get()
        && log.topRowProperty().get() + log.visibleRowsProperty().get() >= log.rowCountProperty().get());
    assertThat(((Label) RunningDesigner.find(robot, "#runState")).getText()).startsWith("Completed after ");

    String screenshot = System.getProperty("pipewright.screenshot");
    if (screenshot != null) {
      designer.screenshot(robot, Path.of(screenshot));
    }
    String runsShot = System.getProperty("pipewright.screenshot.runs");
    if (runsShot != null) {
      robot.interact(() -> window.bottomTabs().getSelectionModel().select(window.runsTab()));
      WaitForAsyncUtils.waitForFxEvents();
      designer.screenshot(robot, Path.of(runsShot));
    }
  }

  @Test
  void runIsOffAndSaysWhyWhileThePipelineHasErrors(FxRobot robot) throws Exception {
    String broken = Files.readString(Path.of(System.getProperty("pipewright.samples", "../resources/samples"))
        .resolve("titanic/titanic.pipeline.json"))
        .replace("\"executors\": 2,", "\"executors\": 2, \"driverMemory\": \"7 GB\",");
    firstPipeline(broken);
    MainWindow window = launch(robot);

    Label state = RunningDesigner.find(robot, "#runState");
    designer.waitUntil(30, "the reason Run is off", () -> state.getText().startsWith("Cannot run: 1 error: "));
    assertThat(state.getText()).contains("7 GB");
    assertThat(RunningDesigner.find(robot, "#runButton").isDisabled()).isTrue();
    assertThat(Tips.text(RunningDesigner.find(robot, "#runButtonWrapper"))).as("what its tooltip says")
        .isEqualTo(state.getText());

    robot.push(KeyCode.F5);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#runDialog").tryQuery()).isEmpty();

    robot.clickOn(state);
    assertThat(window.bottomTabs().getSelectionModel().getSelectedItem()).isSameAs(window.problemsTab());
  }

  @Test
  void stopCancelsALongStepAndTheCanvasShowsItCanceled(FxRobot robot) throws Exception {
    firstPipeline(PipelineFormat.write(ScriptSteps.pipeline("long").step("a", "echo started; sleep 120").build()));
    MainWindow window = launch(robot);
    designer.waitUntil(30, "the pipeline on the canvas", () -> window.graphView().getModel().node("a") != null);

    run(robot);
    designer.waitUntil(30, "the step to run and print", () -> node(window, "a").getStatus() == NodeStatus.RUNNING
        && RunningDesigner.log(robot).contains("started"));
    assertThat(RunningDesigner.find(robot, "#stopButton").isDisabled()).isFalse();
    robot.clickOn("#stopButton");

    designer.waitUntil(30, "the step to show canceled", () -> node(window, "a").getBadge().startsWith("canceled"));
    assertThat(node(window, "a").getStatus()).isEqualTo(NodeStatus.CANCELED);
    designer.waitUntil(10, "the run to end canceled", () -> ((Label) RunningDesigner.find(robot, "#runState")).getText().startsWith("Canceled after "));
    robot.interact(() -> window.bottomTabs().getSelectionModel().select(window.runsTab()));
    designer.waitUntil(5, "the Runs tab to show the step canceled", () -> cellTexts(robot).contains("Canceled")
        && cellTexts(robot).contains("canceled while running"));
    designer.waitUntil(5, "Run to be possible again", () -> !RunningDesigner.find(robot, "#runButton").isDisabled());
    assertThat(RunningDesigner.find(robot, "#stopButton").isDisabled()).isTrue();
  }

}

package io.pipewright.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.designer.RunningDesigner;
import io.pipewright.app.designer.MainWindow;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.model.NodeStatus;
import io.pipewright.model.PipelineFormat;
import io.pipewright.workspace.RunStatus;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
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
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
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

  private void waitUntil(int seconds, String what, BooleanSupplier condition) {
    try {
      WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition::getAsBoolean);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("timed out after " + seconds + " s waiting for " + what + "\n" + screen(), e);
    }
  }

  /** What the window shows, for a failure message. */
  private String screen() {
    if (stage.getScene() == null || !(stage.getScene().getRoot() instanceof MainWindow)) {
      return "(no window)";
    }
    MainWindow window = (MainWindow) stage.getScene().getRoot();
    StringBuilder out = new StringBuilder();
    for (GraphNode n : window.graphView().getModel().nodes()) {
      out.append("node ").append(n.id()).append(' ').append(n.getStatus()).append(" '").append(n.getBadge()).append("'\n");
    }
    out.append("status line: ").append(((Label) stage.getScene().lookup("#status")).getText()).append('\n');
    out.append("run state: ").append(((Label) stage.getScene().lookup("#runState")).getText()).append('\n');
    window.problems().problems().forEach(d -> out.append("problem: ").append(d).append('\n'));
    TableView<?> runs = (TableView<?>) stage.getScene().lookup("#runsTable");
    runs.getItems().forEach(r -> out.append("runs row: ").append(r).append('\n'));
    ListView<?> log = (ListView<?>) stage.getScene().lookup("#logLines");
    int size = log.getItems().size();
    log.getItems().subList(Math.max(0, size - 30), size).forEach(l -> out.append("log: ").append(l).append('\n'));
    return out.toString();
  }

  private static GraphNode node(MainWindow window, String id) {
    return window.graphView().getModel().node(id);
  }

  private static <T extends Node> T find(FxRobot robot, String query) {
    return robot.lookup(query).query();
  }

  /** Clicks Run, then Run in the dialog with what it proposes. */
  private void run(FxRobot robot) {
    waitUntil(30, "Run to be enabled", () -> !find(robot, "#runButton").isDisabled());
    robot.clickOn("#runButton");
    waitUntil(10, "the Run dialog", () -> robot.lookup("#runDialog").tryQuery().isPresent());
    javafx.scene.control.ComboBox<?> sparkTarget = find(robot, "#sparkTargetChoice");
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

  private static String log(FxRobot robot) {
    ListView<String> lines = find(robot, "#logLines");
    return String.join("\n", lines.getItems());
  }

  @Test
  void theTitanicSampleRunsOnSparkFromTheDesignerToCompletion(FxRobot robot) throws Exception {
    MainWindow window = launch(robot);
    waitUntil(30, "the sample on the canvas", () -> window.graphView().getModel().node("prep") != null);

    run(robot);

    // About 40 s on an idle 2-core machine; several minutes while other builds load it.
    waitUntil(480, "both steps to succeed", () -> node(window, "prep").getStatus() == NodeStatus.SUCCEEDED
        && node(window, "train").getStatus() == NodeStatus.SUCCEEDED);
    assertThat(node(window, "prep").getBadge()).matches("\\d+\\.\\d s|\\d+ min \\d\\d s");
    robot.interact(() -> window.bottomTabs().getSelectionModel().select(window.runsTab()));
    TableView<StepRunState> runs = find(robot, "#runsTable");
    waitUntil(10, "the Runs rows", () -> runs.getItems().size() == 2
        && runs.getItems().stream().allMatch(s -> s.status() == RunStatus.COMPLETED));
    waitUntil(10, "the Runs tab to show both steps completed", () -> cellTexts(robot).stream()
        .filter("Completed"::equals).count() == 2);
    robot.clickOn(robot.lookup("#runsTable .table-row-cell").nth(0).queryAs(Node.class));
    assertThat(window.graphView().getSelection().nodes()).extracting(GraphNode::id).containsExactly("prep");
    robot.interact(() -> window.bottomTabs().getSelectionModel().select(window.logTab()));
    waitUntil(10, "Spark's show() output in the Log tab", () -> log(robot).contains("|PassengerId|Survived|Pclass|Name"));
    assertThat(((Label) find(robot, "#logTitle")).getText()).isEqualTo("Prepare data · driver/stdout");
    ListView<String> lines = find(robot, "#logLines");
    waitUntil(5, "the Log tab to show the last line", () -> {
      var flow = (javafx.scene.control.skin.VirtualFlow<?>) lines.lookup(".virtual-flow");
      return flow.getLastVisibleCell() != null && flow.getLastVisibleCell().getIndex() == lines.getItems().size() - 1;
    });
    assertThat(((Label) find(robot, "#runState")).getText()).startsWith("Completed after ");

    String screenshot = System.getProperty("pipewright.screenshot");
    if (screenshot != null) {
      robot.interact(() -> save(stage.getScene().snapshot(null), Path.of(screenshot)));
    }
    String runsShot = System.getProperty("pipewright.screenshot.runs");
    if (runsShot != null) {
      robot.interact(() -> window.bottomTabs().getSelectionModel().select(window.runsTab()));
      WaitForAsyncUtils.waitForFxEvents();
      robot.interact(() -> save(stage.getScene().snapshot(null), Path.of(runsShot)));
    }
  }

  @Test
  void runIsOffAndSaysWhyWhileThePipelineHasErrors(FxRobot robot) throws Exception {
    String broken = Files.readString(Path.of(System.getProperty("pipewright.samples", "../resources/samples"))
        .resolve("titanic/titanic.pipeline.json"))
        .replace("\"executors\": 2,", "\"executors\": 2, \"driverMemory\": \"7 GB\",");
    firstPipeline(broken);
    MainWindow window = launch(robot);

    Label state = find(robot, "#runState");
    waitUntil(30, "the reason Run is off", () -> state.getText().startsWith("Cannot run: 1 error: "));
    assertThat(state.getText()).contains("7 GB");
    assertThat(find(robot, "#runButton").isDisabled()).isTrue();
    Tooltip tip = (Tooltip) find(robot, "#runButtonWrapper").getProperties().get("javafx.scene.control.Tooltip");
    assertThat(tip.getText()).isEqualTo(state.getText());

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
    waitUntil(30, "the pipeline on the canvas", () -> window.graphView().getModel().node("a") != null);

    run(robot);
    waitUntil(30, "the step to run and print", () -> node(window, "a").getStatus() == NodeStatus.RUNNING
        && log(robot).contains("started"));
    assertThat(find(robot, "#stopButton").isDisabled()).isFalse();
    robot.clickOn("#stopButton");

    waitUntil(30, "the step to show canceled", () -> node(window, "a").getBadge().startsWith("canceled"));
    assertThat(node(window, "a").getStatus()).isEqualTo(NodeStatus.CANCELED);
    waitUntil(10, "the run to end canceled", () -> ((Label) find(robot, "#runState")).getText().startsWith("Canceled after "));
    robot.interact(() -> window.bottomTabs().getSelectionModel().select(window.runsTab()));
    waitUntil(5, "the Runs tab to show the step canceled", () -> cellTexts(robot).contains("Canceled")
        && cellTexts(robot).contains("canceled while running"));
    waitUntil(5, "Run to be possible again", () -> !find(robot, "#runButton").isDisabled());
    assertThat(find(robot, "#stopButton").isDisabled()).isTrue();
  }

  private static void save(WritableImage image, Path file) {
    try {
      BufferedImage rendered = SwingFXUtils.fromFXImage(image, null);
      Files.createDirectories(file.toAbsolutePath().getParent());
      ImageIO.write(rendered, "png", file.toFile());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

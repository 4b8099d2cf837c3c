package io.pipewright.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.designer.MainWindow;
import io.pipewright.app.designer.RunningDesigner;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.model.NodeStatus;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.testing.LivyServer;
import io.pipewright.testing.SparkCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The designer running the Titanic sample unchanged on a real Spark standalone cluster and a real
 * Livy server started on loopback: the Run dialog sends its Spark step there, the nodes show the
 * remote step's status, the Log tab streams the remote driver's stdout, and Stop kills a remote job.
 */
@ExtendWith(ApplicationExtension.class)
class RemoteRunRobotTest {
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

  /** Attaches the test cluster and Livy server to the workspace, then starts the designer on it. */
  private MainWindow launch(FxRobot robot) throws Exception {
    return launch(robot, "prep");
  }

  /** As {@link #launch(FxRobot)}, waiting for the step {@code firstStep} of the pipeline it opens. */
  private MainWindow launch(FxRobot robot, String firstStep) throws Exception {
    SparkCluster cluster = SparkCluster.shared();
    LivyServer livy = LivyServer.shared();
    try (LocalWorkspace workspace = LocalWorkspace.open(home)) {
      workspace.attachCompute("cluster", "spark-standalone",
          Map.of("masterUrl", cluster.masterUrl(), "restUrl", cluster.restUrl(), "webUrl", cluster.webUrl()));
      workspace.attachCompute("livy", "livy", Map.of("url", livy.url()));
    }
    MainWindow window = designer.launch(robot, home);
    designer.waitUntil(30, "the pipeline on the canvas", () -> window.graphView().getModel().node(firstStep) != null);
    return window;
  }

  private static GraphNode node(MainWindow window, String id) {
    return window.graphView().getModel().node(id);
  }

  /** Clicks Run, chooses where Spark steps run, and runs. */
  private void runOn(FxRobot robot, String target) {
    designer.waitUntil(30, "Run to be enabled", () -> !RunningDesigner.find(robot, "#runButton").isDisabled());
    robot.clickOn("#runButton");
    designer.waitUntil(10, "the Run dialog", () -> robot.lookup("#runDialog").tryQuery().isPresent());
    ComboBox<SparkTargetChoice> choice = RunningDesigner.find(robot, "#sparkTargetChoice");
    SparkTargetChoice wanted = choice.getItems().stream().filter(c -> target.equals(c.target())).findFirst()
        .orElseThrow(() -> new AssertionError("the Run dialog does not offer " + target + ": " + choice.getItems()));
    robot.interact(() -> choice.getSelectionModel().select(wanted));
    Button confirm = robot.lookup("#runDialog .button").queryAllAs(Button.class).stream()
        .filter(b -> "Run".equals(b.getText())).findFirst().orElseThrow();
    robot.clickOn(confirm);
  }

  /** The Compute column of the Runs tab. */
  private static java.util.List<String> computes(FxRobot robot) {
    javafx.scene.control.TableView<StepRunState> runs = RunningDesigner.find(robot, "#runsTable");
    return runs.getItems().stream().map(StepRunState::compute).toList();
  }

  @Test
  void theTitanicSampleRunsItsSparkStepOnAStandaloneClusterFromTheDesigner(FxRobot robot) throws Exception {
    MainWindow window = launch(robot);

    runOn(robot, "cluster");

    designer.waitUntil(60, "the Spark step to run on the cluster", () -> node(window, "prep").getStatus() == NodeStatus.RUNNING);
    designer.waitUntil(300, "both steps to succeed", () -> node(window, "prep").getStatus() == NodeStatus.SUCCEEDED
        && node(window, "train").getStatus() == NodeStatus.SUCCEEDED);
    robot.interact(() -> window.bottomTabs().getSelectionModel().select(window.runsTab()));
    designer.waitUntil(10, "the Runs tab to say where each step ran", () -> computes(robot).contains("cluster")
        && computes(robot).contains("local-process"));
    String runsShot = System.getProperty("pipewright.screenshot.remote.runs");
    if (runsShot != null) {
      designer.screenshot(robot, Path.of(runsShot));
    }
    robot.clickOn(robot.lookup("#runsTable .table-row-cell").nth(0).queryAs(Node.class));
    robot.interact(() -> window.bottomTabs().getSelectionModel().select(window.logTab()));
    designer.waitUntil(20, "the remote driver's show() output in the Log tab",
        () -> RunningDesigner.log(robot).contains("|PassengerId|Survived|Pclass|Name"));
    assertThat(((Label) RunningDesigner.find(robot, "#runState")).getText()).startsWith("Completed after ");

    String screenshot = System.getProperty("pipewright.screenshot.remote");
    if (screenshot != null) {
      designer.screenshot(robot, Path.of(screenshot));
    }
  }

  @Test
  void theJarSampleRunsOnLivyFromTheDesigner(FxRobot robot) throws Exception {
    Path samples = Path.of(System.getProperty("pipewright.samples"));
    Path folder = Files.createDirectories(home.resolve("samples/titanic/job/target"));
    Files.copy(samples.resolve("titanic-jvm/job/target/titanic-jvm-job.jar"), folder.resolve("titanic-jvm-job.jar"));
    Files.writeString(home.resolve("samples/titanic/titanic.pipeline.json"),
        Files.readString(samples.resolve("titanic-jvm/titanic-jvm.pipeline.json")));
    MainWindow window = launch(robot, "survival");

    runOn(robot, "livy");

    designer.waitUntil(300, "the JAR step to succeed on Livy", () -> node(window, "survival").getStatus() == NodeStatus.SUCCEEDED);
    robot.interact(() -> window.bottomTabs().getSelectionModel().select(window.runsTab()));
    designer.waitUntil(10, "the Runs tab to say it ran on Livy", () -> computes(robot).equals(java.util.List.of("livy")));
    robot.clickOn(robot.lookup("#runsTable .table-row-cell").nth(0).queryAs(Node.class));
    robot.interact(() -> window.bottomTabs().getSelectionModel().select(window.logTab()));
    designer.waitUntil(20, "the job's output in the Log tab", () -> RunningDesigner.log(robot).contains("wrote 35 groups"));
  }

  @Test
  void stopKillsTheSparkStepRunningOnLivy(FxRobot robot) throws Exception {
    MainWindow window = launch(robot);
    Path sample = home.resolve("samples/titanic");
    Files.writeString(sample.resolve("prep.sql"), "SELECT count(*) FROM range(0, 100000000000000) a;\n");

    runOn(robot, "livy");

    designer.waitUntil(120, "the Spark step to run on Livy", () -> node(window, "prep").getStatus() == NodeStatus.RUNNING);
    robot.clickOn("#stopButton");

    designer.waitUntil(60, "the step to show canceled", () -> node(window, "prep").getStatus() == NodeStatus.CANCELED);
    designer.waitUntil(10, "the run to end canceled", () -> ((Label) RunningDesigner.find(robot, "#runState")).getText().startsWith("Canceled after "));
    assertThat(node(window, "train").getStatus()).isNotEqualTo(NodeStatus.SUCCEEDED);
  }

}

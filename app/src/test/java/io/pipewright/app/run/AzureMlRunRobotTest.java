package io.pipewright.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.designer.MainWindow;
import io.pipewright.app.designer.RunningDesigner;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.model.NodeStatus;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.testing.AzureMlAnswers;
import io.pipewright.testing.FakeAzureMlServer;
import io.pipewright.workspace.LinkedService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The designer running the synapse-titanic sample on Azure ML (a local fake of its hosts answering
 * with the published examples, see AzureMlAnswers): the nodes show the child jobs' statuses, the
 * Runs tab says where each ran, the Log tab shows a child's driver stdout, and the status line the
 * job's Studio page.
 */
@ExtendWith(ApplicationExtension.class)
class AzureMlRunRobotTest {
  @TempDir Path home;
  private final RunningDesigner designer = new RunningDesigner();
  private FakeAzureMlServer server;

  @BeforeAll
  static void pollFast() {
    System.setProperty("pipewright.azureml.pollMillis", "50");
  }

  @AfterAll
  static void pollAsUsual() {
    System.clearProperty("pipewright.azureml.pollMillis");
  }

  @Start
  void start(Stage stage) {
    designer.stage(stage);
  }

  @AfterEach
  void stop(FxRobot robot) {
    designer.stop(robot);
    if (server != null) {
      server.close();
    }
  }

  private static GraphNode node(MainWindow window, String id) {
    return window.graphView().getModel().node(id);
  }

  @Test
  void theDesignerShowsTheChildJobsStatusesAndLogs(FxRobot robot) throws Exception {
    server = new FakeAzureMlServer();
    AzureMlAnswers.acceptTheJob(server);
    AzureMlAnswers.completeTheRun(server);
    try (LocalWorkspace workspace = LocalWorkspace.open(home)) {
      workspace.attachCompute("aml", "azureml", Map.of("subscriptionId", AzureMlAnswers.SUB,
          "resourceGroup", "test-rg", "workspaceName", "my-aml-workspace"));
      workspace.addLinkedService(new LinkedService("synapse-link", AzureMlAnswers.SUB, "test-rg", "contoso-synapse"));
      workspace.attachCompute("synapse-pool", "synapse-spark-pool", Map.of("linkedService", "synapse-link",
          "pool", "sparkpool1", "nodeSize", "Medium", "nodeCount", "3"));
      workspace.attachCompute("cpu-cluster", "azureml-cluster", Map.of("workspace", "aml",
          "vmSize", "STANDARD_DS3_V2", "minNodes", "0", "maxNodes", "4"));
    }
    // The designer opens samples/titanic/titanic.pipeline.json of its workspace: the synapse-titanic sample there.
    Path samples = Path.of(System.getProperty("pipewright.samples")).resolve("synapse-titanic");
    Path folder = Files.createDirectories(home.resolve("samples/titanic"));
    Files.writeString(folder.resolve("titanic.pipeline.json"),
        Files.readString(samples.resolve("synapse-titanic.pipeline.json")));
    Files.copy(samples.resolve("prep.sql"), folder.resolve("prep.sql"));
    Files.copy(samples.resolve("train.py"), folder.resolve("train.py"));
    MainWindow window = designer.launch(robot, home);
    designer.waitUntil(30, "the pipeline on the canvas", () -> node(window, "prep") != null);
    designer.waitUntil(30, "the workspace", () -> designer.app().context().workspace().isPresent());
    designer.app().context().workspace().orElseThrow().setAzureSession(server.session());

    designer.waitUntil(30, "Run to be enabled", () -> !RunningDesigner.find(robot, "#runButton").isDisabled());
    robot.clickOn("#runButton");
    designer.waitUntil(10, "the Run dialog", () -> robot.lookup("#runDialog").tryQuery().isPresent());
    Button confirm = robot.lookup("#runDialog .button").queryAllAs(Button.class).stream()
        .filter(b -> "Run".equals(b.getText())).findFirst().orElseThrow();
    robot.clickOn(confirm);

    designer.waitUntil(60, "both child jobs to complete", () -> node(window, "prep").getStatus() == NodeStatus.SUCCEEDED
        && node(window, "train").getStatus() == NodeStatus.SUCCEEDED);
    robot.interact(() -> window.bottomTabs().getSelectionModel().select(window.runsTab()));
    designer.waitUntil(10, "the Runs tab to say where each step ran", () -> computes(robot)
        .containsAll(List.of("synapse-pool", "cpu-cluster")));
    designer.waitUntil(20, "the run to complete", () -> ((Label) RunningDesigner.find(robot, "#runState")).getText()
        .startsWith("Completed after "));
    List<String> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
    designer.app().context().setBrowser(opened::add);
    designer.waitUntil(10, "the Studio link in the Runs tab", () -> RunningDesigner.find(robot, "#studioLink").isVisible());
    String runsShot = System.getProperty("pipewright.screenshot.azureml.runs");
    if (runsShot != null) {
      designer.screenshot(robot, Path.of(runsShot));
    }
    robot.clickOn("#studioLink");
    designer.waitUntil(10, "the Studio page to open", () -> !opened.isEmpty());
    assertThat(opened.get(0)).startsWith(AzureMlAnswers.STUDIO);
    robot.clickOn(robot.lookup("#runsTable .table-row-cell").nth(0).queryAs(Node.class));
    robot.interact(() -> window.bottomTabs().getSelectionModel().select(window.logTab()));
    designer.waitUntil(20, "the Spark driver's stdout in the Log tab",
        () -> RunningDesigner.log(robot).contains("wrote output 'prepared': 891 rows"));
    assertThat(((Label) RunningDesigner.find(robot, "#runState")).getText()).startsWith("Completed after ");
    designer.waitUntil(10, "the Studio link in the status line", () -> ((Label) RunningDesigner.find(robot, "#status"))
        .getText().contains(AzureMlAnswers.STUDIO));
    String logShot = System.getProperty("pipewright.screenshot.azureml");
    if (logShot != null) {
      designer.screenshot(robot, Path.of(logShot));
    }
  }

  private static List<String> computes(FxRobot robot) {
    TableView<StepRunState> runs = RunningDesigner.find(robot, "#runsTable");
    return runs.getItems().stream().map(StepRunState::compute).toList();
  }
}

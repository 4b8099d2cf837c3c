package io.pipewright.app.compute;

import static io.pipewright.testing.SpecExamples.responseText;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.designer.MainViewModel;
import io.pipewright.app.designer.MainWindow;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.fx.FxDialogService;
import io.pipewright.app.fx.FxTaskExecutor;
import io.pipewright.app.testing.FxWait;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.model.Capacity;
import io.pipewright.testing.FakeArmServer;
import io.pipewright.workspace.ComputeKind;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.LinkedService;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Synapse pool wizard in a main window, driven by the robot, listing the pools of the linked
 * Synapse workspace from a fake Resource Manager that answers with the published
 * ListBigDataPoolsInWorkspace example. With {@code -Dpipewright.screenshots=DIR} under Xvfb it also
 * takes screenshots of the pool page.
 */
@ExtendWith(ApplicationExtension.class)
class SynapsePoolWizardRobotTest {
  private static final String SUB = "00000000-1111-2222-3333-444444444444";

  @TempDir Path home;
  private LocalWorkspace workspace;
  private FxTaskExecutor executor;
  private AppContext context;
  private ComputesFeature feature;
  private Scene mainScene;
  private FakeArmServer server;

  @Start
  void start(Stage stage) throws Exception {
    javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
    executor = new FxTaskExecutor();
    context = new AppContext(executor, new FxDialogService(stage), new PipelineDocument(Workspaces.titanic(Map.of()),
        null));
    MainWindow window = new MainWindow(new MainViewModel(context));
    feature = ComputesFeature.install(window, context);
    server = new FakeArmServer();
    feature.azureSessionProperty().set(server.session());
    mainScene = new Scene(window, 1200, 760);
    mainScene.getStylesheets().add(MainWindow.class.getResource("/io/pipewright/app/designer/app.css").toExternalForm());
    stage.setScene(mainScene);
    stage.setX(0);
    stage.setY(0);
    stage.show();
  }

  @BeforeEach
  void openWorkspace() throws Exception {
    workspace = Workspaces.seeded(home);
    workspace.addLinkedService(new LinkedService("link1", SUB, "rg-ml", "contoso-synapse"));
    WaitForAsyncUtils.asyncFx(() -> context.workspaceProperty().set(workspace)).get(30, TimeUnit.SECONDS);
    WaitForAsyncUtils.waitForFxEvents();
  }

  @AfterEach
  void stop() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> executor.close()).get(30, TimeUnit.SECONDS);
    server.close();
    workspace.close();
  }

  /** Waits until {@code condition} holds, asking it on the FX thread (it reads the window and its lists). */
  private static void waitUntil(BooleanSupplier condition) throws Exception {
    FxWait.until(10, condition::getAsBoolean);
  }

  private Button wizardButton(FxRobot robot, String text) {
    return robot.lookup((Node n) -> n instanceof Button && text.equals(((Button) n).getText())
        && n.getScene() != mainScene).queryButton();
  }

  private static void screenshot(String name) throws Exception {
    String dir = System.getProperty("pipewright.screenshots", "");
    if (dir.isBlank()) {
      return;
    }
    WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
    Process p = new ProcessBuilder("import", "-window", "root", Path.of(dir).resolve(name).toString())
        .inheritIO().start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void pickingAListedPoolFillsItsSizeAndCountAndAttachesIt(FxRobot robot) throws Exception {
    server.json(200, responseText("synapse/2021-06-01/ListBigDataPoolsInWorkspace.json", 200));
    WaitForAsyncUtils.asyncFx(() -> feature.attach(ComputeKind.of(ComputeKind.SYNAPSE_SPARK_POOL).orElseThrow()));
    waitUntil(() -> robot.lookup("#field-linkedService").tryQuery().isPresent());
    @SuppressWarnings("unchecked")
    ComboBox<String> services = robot.lookup("#field-linkedService").queryAs(ComboBox.class);
    waitUntil(() -> "link1".equals(services.getValue()));

    robot.clickOn(wizardButton(robot, "Next"));
    TableView<?> table = robot.lookup("#poolTable").queryAs(TableView.class);
    waitUntil(() -> table.getItems().size() == 2);
    assertThat(server.take().getTarget()).isEqualTo("/subscriptions/" + SUB
        + "/resourceGroups/rg-ml/providers/Microsoft.Synapse/workspaces/contoso-synapse/bigDataPools"
        + "?api-version=2021-06-01");
    assertThat(robot.lookup("#poolsNote").queryAs(Label.class).getText()).startsWith("2 Spark pools");

    java.util.function.Predicate<Node> firstRow = n -> n instanceof TableRow && ((TableRow<?>) n).getItem() != null
        && ((TableRow<?>) n).getIndex() == 0;
    waitUntil(() -> robot.from(table).lookup(firstRow).tryQuery().isPresent());
    robot.clickOn(robot.from(table).lookup(firstRow).queryAs(TableRow.class));
    waitUntil(() -> "50".equals(robot.lookup("#field-nodeCount").queryAs(TextField.class).getText()));
    assertThat(robot.lookup("#field-pool").queryAs(TextField.class).getText()).isEqualTo("ExamplePool");
    assertThat(robot.lookup("#field-nodeSize").queryAs(ComboBox.class).getValue()).isEqualTo("Medium");
    assertThat(robot.lookup("#poolCapacity").queryAs(Label.class).getText())
        .startsWith("Capacity: 50 × Medium nodes, 400 cores, 3200 GiB");
    screenshot("synapse-pool-wizard-pools.png");

    robot.clickOn(wizardButton(robot, "Next"));
    waitUntil(() -> "link1-ExamplePool".equals(robot.lookup("#computeName").queryAs(TextField.class).getText()));
    screenshot("synapse-pool-wizard-name.png");
    robot.clickOn("#attachOk");
    waitUntil(() -> context.computes().stream().anyMatch(t -> t.name().equals("link1-ExamplePool")));

    ComputeTarget saved = workspace.computes().stream().filter(t -> t.name().equals("link1-ExamplePool"))
        .findFirst().orElseThrow();
    assertThat(saved.settings()).containsEntry("pool", "ExamplePool").containsEntry("nodeSize", "Medium")
        .containsEntry("nodeCount", "50").containsEntry("linkedService", "link1");
    Capacity capacity = workspace.capacityOf(saved).orElseThrow();
    assertThat(capacity.cores()).isEqualTo(400);
  }

  @Test
  void signedOutThePoolPageSaysSoAndThePoolIsTyped(FxRobot robot) throws Exception {
    WaitForAsyncUtils.asyncFx(() -> feature.azureSessionProperty().set(io.pipewright.workspace.AzureSession.NONE)).get(30, TimeUnit.SECONDS);
    WaitForAsyncUtils.asyncFx(() -> feature.attach(ComputeKind.of(ComputeKind.SYNAPSE_SPARK_POOL).orElseThrow()));
    waitUntil(() -> robot.lookup("#field-linkedService").tryQuery().isPresent());
    @SuppressWarnings("unchecked")
    ComboBox<String> services = robot.lookup("#field-linkedService").queryAs(ComboBox.class);
    waitUntil(() -> "link1".equals(services.getValue()));

    robot.clickOn(wizardButton(robot, "Next"));
    waitUntil(() -> robot.lookup("#poolsNote").tryQuery().isPresent());
    assertThat(robot.lookup("#poolsNote").queryAs(Label.class).getText()).isEqualTo(AzureLookups.SIGNED_OUT);
    robot.clickOn("#field-pool").write("spark01");
    waitUntil(() -> !wizardButton(robot, "Next").isDisabled());
    screenshot("synapse-pool-wizard-signed-out.png");
    assertThat(server.requestCount()).isZero();
    robot.clickOn(wizardButton(robot, "Cancel"));
  }

  @Test
  void theLinkedServicesDialogListsWhatIsLinkedInAzureAndPickingFillsTheForm(FxRobot robot) throws Exception {
    workspace.attachCompute("ml-ws", ComputeKind.AZUREML,
        Map.of("subscriptionId", SUB, "resourceGroup", "rg-ml", "workspaceName", "ml-workspace"));
    WaitForAsyncUtils.asyncFx(() -> feature.catalog().refresh()).get(30, TimeUnit.SECONDS);
    waitUntil(() -> context.computes().stream().anyMatch(t -> t.name().equals("ml-ws")));
    String ml = "/subscriptions/" + SUB + "/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices"
        + "/workspaces/ml-workspace";
    server.json(200, "{\"value\":[{\"id\":\"" + ml + "/linkedServices/synapse-link\",\"name\":\"synapse-link\","
        + "\"type\":\"Microsoft.MachineLearningServices/workspaces/linkedServices\",\"location\":\"westus\","
        + "\"properties\":{\"linkedServiceResourceId\":\"/subscriptions/" + SUB + "/resourceGroups/rg-data/providers"
        + "/Microsoft.Synapse/workspaces/contoso-analytics\",\"linkType\":\"Synapse\"}}]}");

    WaitForAsyncUtils.asyncFx(() -> feature.linkedServices());
    waitUntil(() -> robot.lookup("#linkedInAzure").tryQuery().isPresent()
        && !robot.lookup("#linkedInAzure").queryListView().getItems().isEmpty());
    assertThat(server.take().getTarget()).isEqualTo(ml + "/linkedServices?api-version=2020-09-01-preview");
    java.util.function.Predicate<Node> cell = n -> n instanceof javafx.scene.control.ListCell
        && "synapse-link → contoso-analytics · rg-data".equals(((javafx.scene.control.ListCell<?>) n).getText());
    waitUntil(() -> robot.lookup(cell).tryQuery().isPresent());
    robot.clickOn(robot.lookup(cell).queryAs(javafx.scene.control.ListCell.class));
    waitUntil(() -> "contoso-analytics".equals(robot.lookup("#linked-synapseWorkspace").queryAs(TextField.class)
        .getText()));
    assertThat(robot.lookup("#linked-resourceGroup").queryAs(TextField.class).getText()).isEqualTo("rg-data");
    assertThat(robot.lookup("#linked-name").queryAs(TextField.class).getText()).isEqualTo("synapse-link");
    screenshot("linked-services-from-azure.png");
    robot.clickOn("#addLinkedService");
    waitUntil(() -> robot.lookup("#linkedServices").queryListView().getItems().size() == 2);
    robot.clickOn(wizardButton(robot, "Close"));
  }

  @Test
  void theAzureMlComputesDialogListsAndDetaches(FxRobot robot) throws Exception {
    workspace.attachCompute("ml-ws", ComputeKind.AZUREML,
        Map.of("subscriptionId", SUB, "resourceGroup", "rg-ml", "workspaceName", "ml-workspace"));
    WaitForAsyncUtils.asyncFx(() -> feature.catalog().refresh()).get(30, TimeUnit.SECONDS);
    waitUntil(() -> context.computes().stream().anyMatch(t -> t.name().equals("ml-ws")));
    String list = io.pipewright.testing.SpecExamples.response("machinelearningservices/2024-10-01/Compute/list.json",
        200).path("value").get(0).toString();
    String cluster = responseText("machinelearningservices/2024-10-01/Compute/get/AmlCompute.json", 200)
        .replace("compute123", "cpu-cluster");
    server.json(200, "{\"value\":[" + list + "," + cluster + "]}");

    WaitForAsyncUtils.asyncFx(() -> feature.azureMlComputes());
    waitUntil(() -> robot.lookup("#azureMlComputesStatus").tryQuery().isPresent()
        && "ml-ws has 2 computes.".equals(robot.lookup("#azureMlComputesStatus").queryAs(Label.class).getText()));
    assertThat(robot.lookup("#azureMlComputes").queryTableView().getItems()).hasSize(2);
    assertThat(server.take().getTarget()).isEqualTo("/subscriptions/" + SUB + "/resourceGroups/rg-ml/providers"
        + "/Microsoft.MachineLearningServices/workspaces/ml-workspace/computes?api-version=2024-10-01");
    screenshot("azureml-computes.png");
    robot.clickOn(wizardButton(robot, "Close"));
  }

  @Test
  void theClusterDialogListsTheVmSizesOfTheWorkspacesRegion(FxRobot robot) throws Exception {
    workspace.attachCompute("ml-ws", ComputeKind.AZUREML,
        Map.of("subscriptionId", SUB, "resourceGroup", "rg-ml", "workspaceName", "ml-workspace"));
    WaitForAsyncUtils.asyncFx(() -> feature.catalog().refresh()).get(30, TimeUnit.SECONDS);
    waitUntil(() -> context.computes().stream().anyMatch(t -> t.name().equals("ml-ws")));
    server.json(200, responseText("machinelearningservices/2024-10-01/Workspace/get.json", 200))
        .json(200, responseText("machinelearningservices/2024-10-01/VirtualMachineSize/list.json", 200));

    WaitForAsyncUtils.asyncFx(() -> feature.attach(ComputeKind.of(ComputeKind.AZUREML_CLUSTER).orElseThrow()));
    waitUntil(() -> robot.lookup("#vmSizesNote").tryQuery().isPresent()
        && "3 VM sizes for clusters in ml-ws's region.".equals(robot.lookup("#vmSizesNote").queryAs(Label.class)
            .getText()));
    @SuppressWarnings("unchecked")
    ComboBox<String> sizes = robot.lookup("#field-vmSize").queryAs(ComboBox.class);
    assertThat(sizes.getItems()).containsExactly("Standard_DS1_v2", "Standard_DS2_v2", "Standard_DS3_v2");
    robot.clickOn("#computeName").write("cpu-cluster");
    robot.clickOn(sizes.lookup(".arrow-button"));
    java.util.function.Predicate<Node> size = n -> n instanceof javafx.scene.control.ListCell
        && "Standard_DS2_v2".equals(((javafx.scene.control.ListCell<?>) n).getText());
    waitUntil(() -> robot.lookup(size).tryQuery().isPresent());
    robot.clickOn(robot.lookup(size).queryAs(javafx.scene.control.ListCell.class));
    waitUntil(() -> "Standard_DS2_v2".equals(sizes.getValue()));
    screenshot("azureml-cluster-vm-sizes.png");
    robot.clickOn("#attachOk");
    waitUntil(() -> context.computes().stream().anyMatch(t -> t.name().equals("cpu-cluster")));
    assertThat(workspace.computes().stream().filter(t -> t.name().equals("cpu-cluster")).findFirst().orElseThrow()
        .settings()).containsEntry("vmSize", "Standard_DS2_v2").containsEntry("workspace", "ml-ws");
  }
}

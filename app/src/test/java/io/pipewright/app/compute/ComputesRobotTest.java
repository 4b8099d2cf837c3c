package io.pipewright.app.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.designer.MainViewModel;
import io.pipewright.app.designer.MainWindow;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.fx.FxDialogService;
import io.pipewright.app.fx.FxTaskExecutor;
import io.pipewright.app.testing.FxWait;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.workspace.ComputeKind;
import io.pipewright.workspace.ComputeTarget;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
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

/** The Compute tab and its dialogs in a main window on a real workspace, driven by the robot. */
@ExtendWith(ApplicationExtension.class)
class ComputesRobotTest {
  @TempDir Path home;
  private LocalWorkspace workspace;
  private FxTaskExecutor executor;
  private AppContext context;
  private Scene mainScene;

  @Start
  void start(Stage stage) throws Exception {
    javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
    executor = new FxTaskExecutor();
    context = new AppContext(executor, new FxDialogService(stage),
        new PipelineDocument(Workspaces.titanic(Map.of("prep", "cluster-a")), null));
    MainWindow window = new MainWindow(new MainViewModel(context));
    ComputesFeature.install(window, context);
    mainScene = new Scene(window, 1200, 760);
    mainScene.getStylesheets().add(MainWindow.class.getResource("/io/pipewright/app/designer/app.css").toExternalForm());
    stage.setScene(mainScene);
    stage.show();
  }

  /** Opened on the test thread after the window is up (the FX thread never waits on disk). */
  @BeforeEach
  void openWorkspace() throws Exception {
    workspace = Workspaces.seeded(home);
    workspace.attachCompute("cluster-a", ComputeKind.SPARK_STANDALONE,
        Map.of("masterUrl", "spark://127.0.0.1:7077", "restUrl", "http://127.0.0.1:9"));
    WaitForAsyncUtils.asyncFx(() -> context.workspaceProperty().set(workspace)).get(30, TimeUnit.SECONDS);
    WaitForAsyncUtils.waitForFxEvents();
  }

  @AfterEach
  void stop() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> executor.close()).get(30, TimeUnit.SECONDS);
    if (workspace != null) {
      workspace.close();
    }
  }

  /** Waits until {@code condition} holds, asking it on the FX thread (it reads the window and its lists). */
  static void waitUntil(BooleanSupplier condition) throws Exception {
    FxWait.until(10, condition::getAsBoolean);
  }

  /** Compute → Compute targets… by its shortcut. */
  private void openComputeTab(FxRobot robot) throws Exception {
    robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.K);
    waitUntil(() -> robot.lookup("#computeTable").queryTableView().getItems().size() >= 3);
  }

  private static Node cell(FxRobot robot, String text) throws Exception {
    waitUntil(() -> robot.lookup((Node n) -> n instanceof TableCell && n.isVisible()
        && text.equals(((TableCell<?, ?>) n).getText())).tryQuery().isPresent());
    return robot.lookup((Node n) -> n instanceof TableCell && n.isVisible()
        && text.equals(((TableCell<?, ?>) n).getText())).query();
  }

  private Button dialogButton(FxRobot robot, String text) {
    return robot.lookup((Node n) -> n instanceof Button && text.equals(((Button) n).getText())
        && n.getScene() != mainScene).queryButton();
  }

  private static void replaceText(FxRobot robot, String query, String text) {
    robot.clickOn(query);
    robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
    robot.write(text);
  }

  @Test
  void attachingALocalSparkPoolThroughTheDialogAddsItToTheListAndTheWorkspace(FxRobot robot) throws Exception {
    openComputeTab(robot);
    robot.clickOn("#attachMenu").clickOn("Local Spark…");
    robot.clickOn("#computeName").write("spark-2");
    replaceText(robot, "#field-cores", "2");
    assertThat(robot.lookup("#field-cores").queryAs(TextField.class).getText()).isEqualTo("2");
    robot.clickOn("#attachOk");
    waitUntil(() -> context.computes().stream().anyMatch(t -> t.name().equals("spark-2")));
    WaitForAsyncUtils.waitForFxEvents();
    robot.clickOn(cell(robot, "spark-2"));
    assertThat(robot.lookup("#computeTable").queryTableView().getSelectionModel().getSelectedItem())
        .isInstanceOfSatisfying(TargetRow.class, r -> assertThat(r.details()).startsWith("2 cores"));
    assertThat(workspace.computes()).filteredOn(t -> t.name().equals("spark-2"))
        .singleElement().satisfies(t -> assertThat(t.settings()).containsEntry("cores", "2"));
  }

  @Test
  void aBadMasterUrlShowsTheReasonOnTheFieldAndKeepsAttachDisabled(FxRobot robot) throws Exception {
    openComputeTab(robot);
    robot.clickOn("#attachMenu").clickOn("Spark standalone cluster…");
    robot.clickOn("#computeName").write("cluster-b");
    robot.clickOn("#field-restUrl").write("http://10.0.0.5:6066");
    robot.clickOn("#field-masterUrl").write("http://10.0.0.5");
    Label reason = robot.lookup((Node n) -> n instanceof Label && n.isVisible() && n.getStyleClass().contains("field-problem")
        && ((Label) n).getText().startsWith("Master URL")).queryAs(Label.class);
    assertThat(reason.getText()).contains("must start with spark://");
    assertThat(robot.lookup("#attachOk").queryButton().isDisabled()).isTrue();
    replaceText(robot, "#field-masterUrl", "spark://10.0.0.5:7077");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(reason.isVisible()).isFalse();
    assertThat(robot.lookup("#attachOk").queryButton().isDisabled()).isFalse();
    robot.clickOn(dialogButton(robot, "Cancel"));
    assertThat(workspace.computes()).extracting(ComputeTarget::name).doesNotContain("cluster-b");
  }

  @Test
  void detachAsksWithTheStepsOfTheOpenPipelineThatRunOnTheTarget(FxRobot robot) throws Exception {
    openComputeTab(robot);
    robot.clickOn(cell(robot, "cluster-a"));
    robot.clickOn("#detachCompute");
    Label question = robot.lookup((Node n) -> n instanceof Label && ((Label) n).getText() != null
        && ((Label) n).getText().contains("runs on cluster-a")).queryAs(Label.class);
    assertThat(question.getText()).contains("“Prepare data”").doesNotContain("Train model");
    robot.clickOn(dialogButton(robot, "Detach"));
    waitUntil(() -> context.computes().stream().noneMatch(t -> t.name().equals("cluster-a")));
    assertThat(workspace.computes()).extracting(ComputeTarget::name).doesNotContain("cluster-a");
  }

  @Test
  void theBuiltInLocalSparkCannotBeDetached(FxRobot robot) throws Exception {
    openComputeTab(robot);
    robot.clickOn(cell(robot, "local-spark"));
    assertThat(robot.lookup("#detachCompute").queryButton().isDisabled()).isTrue();
  }
}

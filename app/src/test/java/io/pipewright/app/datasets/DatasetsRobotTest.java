package io.pipewright.app.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.compute.ComputesFeature;
import io.pipewright.app.compute.Workspaces;
import io.pipewright.app.context.AppContext;
import io.pipewright.app.designer.MainViewModel;
import io.pipewright.app.designer.MainWindow;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.fx.FxDialogService;
import io.pipewright.app.fx.FxTaskExecutor;
import io.pipewright.app.testing.FxWait;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.workspace.DatasetVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeCell;
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

/** The Datasets tab on a real workspace seeded with Titanic.csv, driven by the robot. */
@ExtendWith(ApplicationExtension.class)
class DatasetsRobotTest {
  @TempDir Path home;
  private LocalWorkspace workspace;
  private FxTaskExecutor executor;
  private MainWindow window;
  private AppContext context;

  @Start
  void start(Stage stage) throws Exception {
    javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
    executor = new FxTaskExecutor();
    context = new AppContext(executor, new FxDialogService(stage), PipelineDocument.empty());
    window = new MainWindow(new MainViewModel(context));
    ComputesFeature.install(window, context);
    Scene scene = new Scene(window, 1200, 760);
    stage.setScene(scene);
    stage.show();
  }

  /** Opened on the test thread after the window is up (the FX thread never waits on disk). */
  @BeforeEach
  void openWorkspace() throws Exception {
    workspace = Workspaces.seeded(home);
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

  static void waitUntil(BooleanSupplier condition) throws Exception {
    FxWait.until(10, condition::getAsBoolean);
  }

  private static Node treeCell(FxRobot robot, String label) {
    return robot.lookup((Node n) -> n instanceof TreeCell && ((TreeCell<?>) n).getItem() instanceof BrowseItem
        && ((BrowseItem) ((TreeCell<?>) n).getItem()).label().equals(label)).query();
  }

  private static boolean hasTreeCell(FxRobot robot, String label) {
    return robot.lookup((Node n) -> n instanceof TreeCell && ((TreeCell<?>) n).getItem() instanceof BrowseItem
        && ((BrowseItem) ((TreeCell<?>) n).getItem()).label().equals(label)).tryQuery().isPresent();
  }

  @Test
  void registeringTheSeededTitanicCsvShowsItsFirstHundredRows(FxRobot robot) throws Exception {
    robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D);
    waitUntil(() -> hasTreeCell(robot, "titanic"));
    robot.clickOn(treeCell(robot, "titanic")).push(KeyCode.RIGHT);
    waitUntil(() -> hasTreeCell(robot, "Titanic.csv"));
    robot.clickOn(treeCell(robot, "Titanic.csv"));
    robot.clickOn("#registerDataset");
    assertThat(robot.lookup("#datasetName").queryAs(TextField.class).getText()).isEqualTo("titanic");
    robot.clickOn("#registerOk");
    waitUntil(() -> robot.lookup("#registerDatasetDialog").tryQuery().isEmpty());
    waitUntil(() -> robot.lookup("#previewMessage").queryLabeled().getText().startsWith("titanic version 1"));
    @SuppressWarnings("unchecked")
    TableView<List<String>> table = robot.lookup("#previewTable").queryAs(TableView.class);
    assertThat(table.getItems()).hasSize(100);
    assertThat(table.getColumns()).extracting(c -> c.getText()).contains("#", "PassengerId", "Survived", "Name");
    assertThat(robot.lookup("#previewLoading").query().isVisible()).isFalse();
    assertThat(workspace.datasets()).extracting(DatasetVersion::name, DatasetVersion::version)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("titanic", 1));
    waitUntil(() -> window.palette().shownItems().stream().anyMatch(i -> i.title().contains("titanic")));
  }
}

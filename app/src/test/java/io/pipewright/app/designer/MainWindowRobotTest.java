package io.pipewright.app.designer;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.document.NodeKinds;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.fx.FxDialogService;
import io.pipewright.app.fx.FxTaskExecutor;
import io.pipewright.app.samples.Samples;
import io.pipewright.app.testing.FxWait;
import io.pipewright.graph.model.GraphNode;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class MainWindowRobotTest {
  private FxTaskExecutor executor;
  private AppContext context;
  private MainWindow window;
  private MainViewModel viewModel;

  @Start
  void start(Stage stage) {
    io.pipewright.app.LeftoverWindows.hideAllBut(stage);
    executor = new FxTaskExecutor();
    context = new AppContext(executor, new FxDialogService(stage), PipelineDocument.empty());
    viewModel = new MainViewModel(context);
    window = new MainWindow(viewModel);
    Scene scene = new Scene(window, 1400, 900);
    Theme.apply(false);
    Theme.style(scene);
    stage.setScene(scene);
    stage.show();
  }

  @AfterEach
  void stop() {
    executor.close();
  }

  private Point2D canvasCentre() {
    Bounds b = window.graphView().localToScreen(window.graphView().getBoundsInLocal());
    return new Point2D(b.getCenterX(), b.getCenterY());
  }

  @Test
  void draggingAStepKindFromThePaletteOntoTheCanvasAddsThatStepThereAndSelectsIt(FxRobot robot) {
    robot.drag(robot.lookup("Spark · SQL").queryLabeled(), MouseButton.PRIMARY);
    robot.moveTo(canvasCentre().add(-40, 0)).moveTo(canvasCentre()).drop();
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(context.document().pipeline().steps()).singleElement()
        .satisfies(s -> assertThat(NodeKinds.of(s)).isEqualTo(NodeKinds.SPARK_SQL));
    String id = context.document().pipeline().steps().get(0).id();
    GraphNode node = context.document().graph().node(id);
    Point2D dropped = window.graphView().screenToModel(
        window.graphView().screenToLocal(canvasCentre()).getX(),
        window.graphView().screenToLocal(canvasCentre()).getY());
    assertThat(node.getX()).isCloseTo(dropped.getX(), org.assertj.core.data.Offset.offset(2.0));
    assertThat(context.selectedNodeIdProperty().get()).isEqualTo(id);
  }

  @Test
  void doubleClickingAPaletteItemAddsItAndCtrlZTakesItAway(FxRobot robot) {
    robot.doubleClickOn("Script");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(context.document().pipeline().steps()).hasSize(1);

    robot.clickOn(window.graphView()).press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(context.document().pipeline().steps()).isEmpty();
    assertThat(context.document().graph().nodes()).isEmpty();
  }

  @Test
  void theDarkThemeDarkensTheCanvasOfThisAndTheNextDocument(FxRobot robot) {
    assertThat(window.graphView().getColors()).isEqualTo(io.pipewright.graph.view.GraphColors.LIGHT);

    robot.interact(() -> viewModel.darkProperty().set(true));
    assertThat(window.graphView().getColors()).isEqualTo(io.pipewright.graph.view.GraphColors.DARK);
    robot.interact(() -> context.documentProperty().set(io.pipewright.app.document.PipelineDocument.empty()));
    assertThat(window.graphView().getColors()).isEqualTo(io.pipewright.graph.view.GraphColors.DARK);

    robot.interact(() -> viewModel.darkProperty().set(false));
    assertThat(window.graphView().getColors()).isEqualTo(io.pipewright.graph.view.GraphColors.LIGHT);
  }

  @Test
  void f7ValidatesNowShowsTheProblemsAndSaysWhatItFound(FxRobot robot) throws Exception {
    robot.interact(() -> window.bottomTabs().getSelectionModel().select(window.logTab()));
    robot.doubleClickOn("Spark · JAR"); // a JAR step without its JAR: an error
    robot.clickOn("#canvas");

    robot.press(javafx.scene.input.KeyCode.F7).release(javafx.scene.input.KeyCode.F7);

    FxWait.until(5, () -> context.statusProperty().get().startsWith("Validated: "));
    assertThat(context.statusProperty().get()).contains("error");
    assertThat(window.bottomTabs().getSelectionModel().getSelectedItem()).isSameAs(window.problemsTab());
    assertThat(window.problems().problems()).isNotEmpty();
  }

  @Test
  void aDocumentOpensShowingAllOfItZoomedOutOnlyWhenItDoesNotFit(FxRobot robot, @org.junit.jupiter.api.io.TempDir java.nio.file.Path home)
      throws Exception {
    io.pipewright.model.Pipeline sample = io.pipewright.model.PipelineFormat.read(Samples.titanic(home)).pipeline();
    io.pipewright.app.document.PipelineDocument small = new io.pipewright.app.document.PipelineDocument(sample, null);
    small.graph().node("train").moveTo(320, 300);
    robot.interact(() -> context.documentProperty().set(small));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(window.graphView().zoomProperty().get()).as("it fits at 100 %").isEqualTo(1.0);
    assertThat(window.graphView().panXProperty().get()).isEqualTo(0.0);

    io.pipewright.app.document.PipelineDocument wide = new io.pipewright.app.document.PipelineDocument(sample, null);
    wide.graph().node("train").moveTo(5000, 140);
    robot.interact(() -> context.documentProperty().set(wide));
    WaitForAsyncUtils.waitForFxEvents();

    javafx.geometry.Bounds b = window.graphView().modelBounds();
    double z = window.graphView().zoomProperty().get();
    assertThat(z).isLessThan(1.0);
    assertThat(b.getMaxX() * z + window.graphView().panXProperty().get()).isLessThanOrEqualTo(window.graphView().getWidth());
    assertThat(b.getMinX() * z + window.graphView().panXProperty().get()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void searchingThePaletteShowsOnlyMatchingItems(FxRobot robot) {
    robot.clickOn("#paletteSearch").write("jar");
    WaitForAsyncUtils.waitForFxEvents();

    ListView<?> list = robot.lookup("#palette").queryAs(ListView.class);
    assertThat(list.getItems()).hasSize(1);
  }

  @Test
  void aProblemShowsInTheProblemsTabAndClickingItSelectsItsStep(FxRobot robot) throws Exception {
    robot.doubleClickOn("Spark · JAR");
    FxWait.until(5,
        () -> !window.problems().problems().isEmpty());
    robot.clickOn(window.graphView());
    robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(context.selectedNodeIdProperty().get()).isNull();

    robot.clickOn(".table-row-cell");
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(context.selectedNodeIdProperty().get())
        .isEqualTo(context.document().pipeline().steps().get(0).id());
  }

  @Test
  void ctrlFFindsAStepByNameAndSelectsIt(FxRobot robot) {
    robot.doubleClickOn("Script");
    robot.doubleClickOn("Spark · SQL");
    WaitForAsyncUtils.waitForFxEvents();
    String sqlId = context.document().pipeline().steps().get(1).id();
    robot.clickOn(window.graphView());
    robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);

    robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    robot.write("sql").press(KeyCode.ENTER).release(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(context.selectedNodeIdProperty().get()).isEqualTo(sqlId);
  }

  @Test
  void ctrlDDuplicatesTheSelectedStepAndOneUndoRemovesTheCopy(FxRobot robot) {
    robot.doubleClickOn("Script");
    WaitForAsyncUtils.waitForFxEvents();

    robot.press(KeyCode.CONTROL, KeyCode.D).release(KeyCode.D, KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(context.document().pipeline().steps()).hasSize(2);

    robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(context.document().pipeline().steps()).hasSize(1);
  }
}

package io.pipewright.app.properties;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.Styles;
import io.pipewright.app.context.AppContext;
import io.pipewright.app.designer.MainWindow;
import io.pipewright.app.testing.FxWait;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.model.Diagnostic;
import io.pipewright.model.SparkStep;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
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

/** The property panel in the main window, driven as a user would: the Titanic sample on a real workspace. */
@ExtendWith(ApplicationExtension.class)
class PropertiesRobotTest {
  @TempDir Path home;
  private PropertiesWindow shown;
  private AppContext context;
  private MainWindow window;
  private LocalWorkspace workspace;
  private PropertiesFeature feature;

  @Start
  void start(Stage stage) throws Exception {
    shown = PropertiesWindow.show(stage, home);
    context = shown.context;
    window = shown.window;
    workspace = shown.workspace;
    feature = shown.feature;
  }

  @AfterEach
  void stop() {
    shown.close();
  }

  private static void waitUntil(BooleanSupplier condition) throws Exception {
    FxWait.until(5, condition::getAsBoolean);
  }

  private Point2D onCanvas(String nodeId) {
    GraphNode n = context.document().graph().node(nodeId);
    Point2D local = window.graphView().modelToScreen(n.getX() + n.getWidth() / 2, n.getY() + n.getHeight() / 3);
    return window.graphView().localToScreen(local.getX(), local.getY());
  }

  private String driverMemory() {
    return ((SparkStep) context.document().pipeline().step("prep").orElseThrow().kind()).settings().driverMemory();
  }

  private void selectPrepOnTheCanvas(FxRobot robot) throws Exception {
    robot.clickOn(onCanvas("prep"));
    waitUntil(() -> "prep".equals(context.selectedNodeIdProperty().get()));
    waitUntil(() -> !feature.viewModel().computes().isEmpty());
    // The step's form is built on a later pulse than the selection: wait for it to be shown.
    waitUntil(() -> robot.lookup("#stepName").tryQuery().filter(Node::isVisible).isPresent());
  }

  private void typeInto(FxRobot robot, String query, String text) {
    robot.clickOn(query);
    robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
    robot.write(text);
  }

  private static void enter(FxRobot robot) {
    robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static void ctrl(FxRobot robot, KeyCode key) {
    robot.press(KeyCode.CONTROL, key).release(key, KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void selectingAStepOnTheCanvasShowsItInThePanel(FxRobot robot) throws Exception {
    selectPrepOnTheCanvas(robot);

    assertThat(robot.lookup("#stepName").queryAs(TextField.class).getText()).isEqualTo("Prepare data");
    assertThat(robot.lookup("#driverMemory").queryAs(TextField.class).getText()).isEqualTo("1g");
    assertThat(robot.lookup("Spark · SQL step").tryQuery()).isPresent();
  }

  @Test
  void aDriverMemoryTypedAndEnteredIsInThePipeline(FxRobot robot) throws Exception {
    selectPrepOnTheCanvas(robot);

    typeInto(robot, "#driverMemory", "4g");
    enter(robot);

    assertThat(driverMemory()).isEqualTo("4g");
    assertThat(context.document().undoStack().undoDescriptionProperty().get())
        .isEqualTo("Set driver memory of Prepare data to 4g");
  }

  @Test
  void anInvalidDriverMemoryIsDecoratedWithTheReasonAndLeavesThePipelineAlone(FxRobot robot) throws Exception {
    selectPrepOnTheCanvas(robot);

    typeInto(robot, "#driverMemory", "4x");
    enter(robot);
    robot.clickOn("#driverCores");

    TextField field = robot.lookup("#driverMemory").queryAs(TextField.class);
    assertThat(field.getText()).isEqualTo("4x");
    assertThat(field.getPseudoClassStates()).contains(Styles.STATE_DANGER);
    assertThat(robot.lookup(".field-error").queryAllAs(Label.class)).filteredOn(Node::isVisible)
        .extracting(Label::getText).anySatisfy(t -> assertThat(t).contains("'4x' is not a size Spark accepts"));
    assertThat(driverMemory()).isEqualTo("1g");
  }

  @Test
  void ctrlZInTheFieldUndoesTheEditAndTheFieldShowsTheOldValue(FxRobot robot) throws Exception {
    selectPrepOnTheCanvas(robot);
    typeInto(robot, "#driverCores", "2");
    enter(robot);
    typeInto(robot, "#driverMemory", "4g");
    enter(robot);
    assertThat(driverMemory()).isEqualTo("4g");

    ctrl(robot, KeyCode.Z);

    assertThat(driverMemory()).isEqualTo("1g");
    assertThat(robot.lookup("#driverMemory").queryAs(TextField.class).getText()).isEqualTo("1g");
    assertThat(((SparkStep) context.document().pipeline().step("prep").orElseThrow().kind()).settings().driverCores())
        .as("one Ctrl+Z undoes one edit").isEqualTo(2);
    ctrl(robot, KeyCode.Y);
    assertThat(driverMemory()).isEqualTo("4g");
  }

  @Test
  void theFootprintLineUpdatesAsTheMemoryIsTyped(FxRobot robot) throws Exception {
    selectPrepOnTheCanvas(robot);
    Label footprint = robot.lookup("#footprint").queryAs(Label.class);
    waitUntil(() -> footprint.getText().contains("(this machine)"));
    assertThat(footprint.getText()).contains("1g heap");

    typeInto(robot, "#driverMemory", "4096g");
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(footprint.getText()).contains("4096g heap").contains("does not fit");
    assertThat(footprint.getStyleClass()).contains("does-not-fit");
  }

  @Test
  void clickingAProblemSelectsItsStepAndFocusesTheFieldConcerned(FxRobot robot) throws Exception {
    waitUntil(() -> window.problems().problems().stream().anyMatch(d -> d.pointer().equals("/steps/0/spark/executors")));
    robot.clickOn(window.graphView());
    robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);

    robot.clickOn(window.problemsTab().getText());
    robot.clickOn("PW121");
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(context.selectedNodeIdProperty().get()).isEqualTo("prep");
    assertThat(window.getScene().getFocusOwner()).isSameAs(robot.lookup("#executors").query());
  }

  @Test
  void enterOnAProblemOpensItsFieldToo(FxRobot robot) throws Exception {
    waitUntil(() -> window.problems().problems().stream().anyMatch(d -> d.pointer().equals("/steps/0/spark/executors")));
    @SuppressWarnings("unchecked")
    javafx.scene.control.TableView<io.pipewright.model.Diagnostic> table =
        (javafx.scene.control.TableView<io.pipewright.model.Diagnostic>) window.problemsTab().getContent();
    WaitForAsyncUtils.asyncFx(() -> {
      table.getSelectionModel().select(table.getItems().stream()
          .filter(d -> d.pointer().equals("/steps/0/spark/executors")).findFirst().orElseThrow());
      table.requestFocus();
    });
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(context.selectedNodeIdProperty().get()).isNull();

    robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(window.getScene().getFocusOwner()).isSameAs(robot.lookup("#executors").query());
  }

  @Test
  void tabLeavesTheDescriptionForTheNextField(FxRobot robot) throws Exception {
    selectPrepOnTheCanvas(robot);
    robot.clickOn("#stepName");

    robot.press(KeyCode.TAB).release(KeyCode.TAB);
    robot.press(KeyCode.TAB).release(KeyCode.TAB);
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(window.getScene().getFocusOwner()).isSameAs(robot.lookup("#stepCompute").query());
    assertThat(context.document().pipeline().step("prep").orElseThrow().description()).doesNotContain("\t");
  }

  @Test
  void f2FocusesTheNameOfTheSelectedStep(FxRobot robot) throws Exception {
    selectPrepOnTheCanvas(robot);

    robot.press(KeyCode.F2).release(KeyCode.F2);
    WaitForAsyncUtils.waitForFxEvents();
    robot.write("Clean data");
    enter(robot);

    assertThat(context.document().pipeline().step("prep").orElseThrow().name()).isEqualTo("Clean data");
  }

  @Test
  void aProblemWithoutAStepShowsThePipelineAndFocusesItsField(FxRobot robot) throws Exception {
    selectPrepOnTheCanvas(robot);

    WaitForAsyncUtils.asyncFx(() -> feature.open(new Diagnostic(io.pipewright.model.Severity.ERROR, "PW117",
        "default compute target 'x' does not exist", null, null, "/defaultCompute")));
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(context.selectedNodeIdProperty().get()).isNull();
    assertThat(feature.viewModel().panel()).isInstanceOf(PipelinePanelModel.class);
    assertThat(window.getScene().getFocusOwner()).isInstanceOf(javafx.scene.control.ComboBox.class);
  }
}

package io.pipewright.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.designer.MainWindow;
import io.pipewright.app.designer.RunningDesigner;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.fx.Tips;
import io.pipewright.app.history.HistoryRows;
import io.pipewright.app.history.RunComparison;
import io.pipewright.app.history.RunRow;
import io.pipewright.graph.model.NodeStatus;
import io.pipewright.graph.view.GraphView;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.model.Pipeline;
import io.pipewright.model.PipelineFormat;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.SubmitOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
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

/**
 * The Runs tab of the whole designer on a workspace with real runs of a script pipeline whose second
 * step fails (and, for the list, hundreds of older runs written into its history).
 */
@ExtendWith(ApplicationExtension.class)
class RunsHistoryRobotTest {
  @TempDir Path home;
  private final RunningDesigner designer = new RunningDesigner();
  private final List<String> runIds = new ArrayList<>();
  /** What the pipeline file holds once the runs are made (edited since), when not null. */
  private Pipeline editedSince;
  private final Pipeline pipeline = ScriptSteps.pipeline("three")
      .step("a", "echo preparing")
      .after("a", "b", "echo preparing b; echo ValueError: could not convert string to float: male >&2; exit 3")
      .after("b", "c", "echo c")
      .build();

  @Start
  void start(Stage stage) {
    designer.stage(stage);
  }

  @AfterEach
  void stop(FxRobot robot) {
    designer.stop(robot);
  }

  /**
   * Writes the pipeline where the designer opens it, runs it in {@code experiments} (one run each,
   * oldest first), adds {@code seeded} older runs, and starts the designer on the Runs tab.
   */
  private MainWindow launch(FxRobot robot, int seeded, String... experiments) throws Exception {
    Path file = Files.createDirectories(home.resolve("samples/titanic")).resolve("titanic.pipeline.json");
    PipelineFormat.save(pipeline, file);
    try (LocalWorkspace workspace = LocalWorkspace.open(home)) {
      for (String experiment : experiments) {
        RunHandle run = workspace.submit(pipeline, new SubmitOptions(experiment, file, Map.of(), false));
        EngineTestSupport.end(run);
        runIds.add(run.runId());
      }
    }
    if (editedSince != null) {
      PipelineFormat.save(editedSince, file);
    }
    if (seeded > 0) {
      HistoryRows.insert(home, seeded, List.of("titanic", "churn"));
    }
    MainWindow window = designer.launch(robot, home);
    designer.waitUntil(30, "the pipeline on the canvas", () -> window.graphView().getModel().node("b") != null);
    robot.interact(() -> window.showTab(window.runsTab()));
    return window;
  }

  private static String count(FxRobot robot) {
    return RunningDesigner.<Label>find(robot, "#runCount").getText();
  }

  private static TableView<RunRow> history(FxRobot robot) {
    return RunningDesigner.find(robot, "#runHistoryTable");
  }

  /** Clicks a run's row in the history (with Ctrl to add it to the selection). */
  private void clickRun(FxRobot robot, String runId, boolean add) {
    designer.waitUntil(10, "run " + runId + " listed", () -> history(robot).getItems().stream()
        .anyMatch(r -> r.run() != null && r.run().runId().equals(runId)));
    robot.interact(() -> history(robot).getItems().stream().filter(r -> r.run() != null && r.run().runId().equals(runId))
        .findFirst().ifPresent(r -> history(robot).scrollTo(r.index())));
    java.util.function.Supplier<java.util.Optional<Node>> cell = () -> robot.lookup("#runHistoryTable .table-row-cell")
        .match((TableRow<RunRow> r) -> r.getItem() != null && r.getItem().run() != null
            && r.getItem().run().runId().equals(runId)).tryQuery();
    designer.waitUntil(10, "run " + runId + "'s row drawn", () -> cell.get().isPresent());
    Node row = cell.get().orElseThrow();
    if (add) {
      robot.press(KeyCode.CONTROL).clickOn(row).release(KeyCode.CONTROL);
    } else {
      robot.clickOn(row);
    }

  }

  private void clickStep(FxRobot robot, String stepId) {
    java.util.function.Supplier<java.util.Optional<Node>> cell = () -> robot.lookup("#runsTable .table-row-cell")
        .match((TableRow<StepRunState> r) -> r.getItem() != null && r.getItem().stepId().equals(stepId)).tryQuery();
    designer.waitUntil(10, "the step's row drawn", () -> cell.get().isPresent());
    robot.clickOn(cell.get().orElseThrow());
  }

  /** A screenshot when asked for one, with the bottom panel as high as a user looking at runs makes it. */
  private static void screenshot(RunningDesigner designer, FxRobot robot, String property) {
    String file = System.getProperty(property);
    if (file != null) {
      robot.interact(() -> ((MainWindow) robot.lookup(".main-window").query()).verticalSplit().setDividerPositions(0.5));
      WaitForAsyncUtils.waitForFxEvents();
      designer.screenshot(robot, Path.of(file));
    }
  }

  @Test
  void listsTheRunsNewestFirstAndSearchesThem(FxRobot robot) throws Exception {
    launch(robot, 250, "nightly", "adhoc");

    designer.waitUntil(20, "the history's count", () -> count(robot).equals("252 runs"));
    assertThat(history(robot).getItems().get(0).run().runId()).isEqualTo(runIds.get(1));
    assertThat(history(robot).getItems().get(0).run().experiment()).isEqualTo("adhoc");
    designer.waitUntil(10, "the experiments with their counts", () -> robot.lookup("#experimentChoice").queryComboBox()
        .getItems().stream().map(Object::toString).toList().containsAll(List.of("All experiments (252)",
            "titanic (125)", "churn (125)", "nightly (1)", "adhoc (1)")));

    clickRun(robot, runIds.get(1), false);
    robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
    assertThat(RunningDesigner.<TextField>find(robot, "#runSearch").isFocused()).as("Ctrl+F searches the runs").isTrue();
    robot.write("run-00012");
    designer.waitUntil(10, "the search's result", () -> count(robot).equals("10 runs"));
    assertThat(history(robot).getItems()).extracting(r -> r.run().runId()).startsWith("run-000129", "run-000128");

    robot.push(KeyCode.ESCAPE);
    designer.waitUntil(10, "every run again", () -> count(robot).equals("252 runs"));
    robot.interact(() -> robot.lookup("#statusFilter").queryComboBox().getSelectionModel().select(
        io.pipewright.app.history.StatusFilter.FAILED));
    designer.waitUntil(10, "only the failed runs", () -> history(robot).getItems().size() > 0
        && history(robot).getItems().stream().limit(20).allMatch(r -> r.run() != null
            && r.run().status() == io.pipewright.workspace.RunStatus.FAILED));
    assertThat(count(robot)).isEqualTo((2 + java.util.stream.IntStream.range(0, 250).filter(HistoryRows::failed).count()) + " runs");

    robot.interact(() -> robot.lookup("#statusFilter").queryComboBox().getSelectionModel().select(
        io.pipewright.app.history.StatusFilter.ALL));
    designer.waitUntil(10, "every run again", () -> count(robot).equals("252 runs"));
    HistoryRows.insert(home, 250, 260, List.of("churn")); // written by another Pipewright meanwhile
    robot.clickOn(robot.lookup("#runHistoryTable .table-row-cell").match((TableRow<RunRow> r) -> r.getIndex() == 0)
        .queryAs(Node.class));
    robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);
    designer.waitUntil(10, "Ctrl+R to list them", () -> count(robot).equals("262 runs"));
  }

  @Test
  void aStepsDetailsShowItsFailureAndTheTimelineItsBars(FxRobot robot) throws Exception {
    launch(robot, 40, "nightly", "adhoc");
    clickRun(robot, runIds.get(1), false);

    clickStep(robot, "b");

    designer.waitUntil(10, "the step's details", () -> robot.lookup("#detailsTitle").tryQuery().isPresent()
        && RunningDesigner.<Label>find(robot, "#detailsTitle").getText().equals("Step b"));
    designer.waitUntil(10, "the failure in the details", () -> robot.lookup("#stepDetails .label").queryAllAs(Label.class)
        .stream().anyMatch(l -> l.getText() != null && l.getText().contains("exited with code 3")));
    designer.waitUntil(10, "the exit code the history recorded", () -> robot.lookup("#stepDetails .label")
        .queryAllAs(Label.class).stream().map(Label::getText).toList().containsAll(List.of("Exit code", "3")));
    assertThat(RunningDesigner.<Button>find(robot, "#runUpTo").isDisabled()).isFalse();
    assertThat(RunningDesigner.<Button>find(robot, "#rerunFromFailed").isDisabled()).isFalse();
    assertThat(RunningDesigner.<Label>find(robot, "#runHeader").getText()).startsWith("Run " + runIds.get(1) + " · Failed");
    screenshot(designer, robot, "pipewright.screenshot.runs.history");

    // the cause in the log, at its line
    designer.waitUntil(10, "Show in log", () -> robot.lookup("#stepDetails #showInLog").tryQuery().isPresent());
    robot.clickOn("#stepDetails #showInLog");
    designer.waitUntil(20, "the cause's line highlighted in the Log tab", () -> {
      String line = RunningDesigner.highlightedLogLine(robot);
      return line != null && line.contains("ValueError: could not convert");
    });
    MainWindow window = (MainWindow) robot.lookup(".main-window").query();
    assertThat(window.bottomTabs().getSelectionModel().getSelectedItem()).isSameAs(window.logTab());
    robot.interact(() -> window.showTab(window.runsTab()));

    robot.clickOn("#timelineTab");
    designer.waitUntil(10, "the bars of the steps that ran", () -> robot.lookup("#bar-a").tryQuery().isPresent()
        && robot.lookup("#bar-b").tryQuery().isPresent());
    assertThat(robot.lookup("#bar-c").tryQuery()).as("c never started: no bar").isEmpty();
    screenshot(designer, robot, "pipewright.screenshot.runs.timeline");

    // what step a wrote, previewed from its details (the panel made as high as a user reading details makes it)
    robot.interact(() -> ((MainWindow) robot.lookup(".main-window").query()).verticalSplit().setDividerPositions(0.4));
    robot.clickOn("#stepsTab");
    clickStep(robot, "a");
    designer.waitUntil(10, "Preview of a's output", () -> robot.lookup("#stepDetails #preview-out").tryQuery()
        .map(Node::isVisible).orElse(false));
    robot.clickOn("#stepDetails #preview-out");
    designer.waitUntil(10, "the output preview", () -> robot.lookup("#outputPreview").tryQuery().isPresent());
    robot.push(KeyCode.ESCAPE);
  }

  @Test
  void anOldRunOpensReadOnlyAndBackLeavesTheUsersPipelineAsItWas(FxRobot robot) throws Exception {
    editedSince = pipeline.withSteps(pipeline.steps().stream()
        .map(st -> st.id().equals("b") ? st.withName("Step b, renamed since") : st).toList());
    MainWindow window = launch(robot, 0, "nightly", "adhoc");
    PipelineDocument mine = designer.app().context().document();
    robot.interact(() -> mine.edit("Rename the pipeline", p -> new Pipeline(p.id(), "My unsaved name", p.description(),
        p.parameters(), p.defaultCompute(), p.datasets(), p.steps(), p.edges(), p.layout())));
    Pipeline before = mine.snapshot();
    GraphView myCanvas = window.graphView();

    clickRun(robot, runIds.get(0), false);
    robot.push(KeyCode.ENTER);

    designer.waitUntil(10, "the run's banner", () -> robot.lookup("#openedRunBanner").tryQuery().isPresent());
    String banner = RunningDesigner.<Label>find(robot, "#openedRunTitle").getText();
    assertThat(banner).startsWith("Run " + runIds.get(0) + " of nightly · ").contains(" · read-only");
    GraphView recorded = RunningDesigner.find(robot, "#recordedCanvas");
    assertThat(recorded.getModel().node("a").getStatus()).isEqualTo(NodeStatus.SUCCEEDED);
    assertThat(recorded.getModel().node("b").getStatus()).isEqualTo(NodeStatus.FAILED);
    assertThat(recorded.getModel().node("b").getBadge()).startsWith("failed · ");
    assertThat(recorded.getModel().node("c").getStatus()).isEqualTo(NodeStatus.SKIPPED);
    assertThat(recorded.getModel().node("c").getBadge()).isEqualTo("not run");
    assertThat(recorded.getModel().node("b").getTitle()).as("the pipeline as the run submitted it, not the file now")
        .isEqualTo("Step b");
    assertThat(myCanvas.getModel().node("b").getTitle()).isEqualTo("Step b, renamed since");
    assertThat(myCanvas.isVisible()).as("the user's canvas is hidden, not replaced").isFalse();
    designer.waitUntil(5, "the run's properties", () -> robot.lookup("#openedRunProperties").tryQuery().isPresent());
    screenshot(designer, robot, "pipewright.screenshot.run.opened");

    // edits are refused: a step neither moves nor goes away
    double x = recorded.getModel().node("b").getX();
    javafx.geometry.Point2D at = recorded.modelToScreen(x + 40, recorded.getModel().node("b").getY() + 20);
    Node canvasNode = recorded;
    // A click, not a drag: under Monocle a press-drag on this canvas leaves the next test's
    // drag-and-drop from the palette broken (see the issue 12 note); a press starts no gesture here.
    robot.moveTo(canvasNode.localToScreen(at.getX(), at.getY())).clickOn(javafx.scene.input.MouseButton.PRIMARY);
    robot.push(KeyCode.DELETE);
    robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(recorded.getModel().node("b")).isNotNull();
    assertThat(recorded.getModel().node("b").getX()).isEqualTo(x);
    TableView<StepRunState> steps = RunningDesigner.find(robot, "#runsTable");
    assertThat(steps.getSelectionModel().getSelectedItem().stepId()).as("the step pressed on the run's canvas")
        .isEqualTo("b");
    assertThat(mine.pipeline().name()).as("Ctrl+Z did not undo the user's hidden edit").isEqualTo("My unsaved name");
    assertThat(window.editMenu().isDisable()).as("nothing to undo in a run").isTrue();
    double zoom = recorded.getZoom();
    robot.clickOn(robot.lookup(".tool-bar .button").match((Button b) -> Tips.text(b) != null
        && Tips.text(b).startsWith("Zoom in")).queryAs(Button.class));
    assertThat(recorded.getZoom()).as("the toolbar zooms the run's canvas").isGreaterThan(zoom);
    robot.clickOn(robot.lookup(".tool-bar .button").match((Button b) -> Tips.text(b) != null
        && Tips.text(b).startsWith("Undo")).queryAs(Button.class));
    assertThat(mine.pipeline().name()).as("nor did the toolbar's Undo").isEqualTo("My unsaved name");
    double myZoom = myCanvas.getZoom();
    double runZoom = recorded.getZoom();
    robot.interact(() -> window.viewMenu().getItems().stream().filter(i -> "Zoom _out".equals(i.getText()))
        .findFirst().orElseThrow().fire());
    robot.interact(() -> window.viewMenu().getItems().stream().filter(i -> "Arrange _layout".equals(i.getText()))
        .findFirst().orElseThrow().fire());
    assertThat(recorded.getZoom()).as("View › Zoom out zooms the run's canvas").isLessThan(runZoom);
    assertThat(myCanvas.getZoom()).isEqualTo(myZoom);
    assertThat(mine.snapshot()).as("View › Arrange layout did not move the hidden pipeline's steps").isEqualTo(before);

    robot.push(KeyCode.ESCAPE);

    designer.waitUntil(5, "the banner to go", () -> robot.lookup("#openedRunBanner").tryQuery().isEmpty());
    assertThat(designer.app().context().document()).isSameAs(mine);
    assertThat(mine.isDirty()).isTrue();
    assertThat(mine.snapshot()).isEqualTo(before);
    assertThat(window.graphView()).isSameAs(myCanvas);
    assertThat(myCanvas.isVisible()).isTrue();
    assertThat(robot.lookup("#openedRunProperties").tryQuery()).isEmpty();
    assertThat(window.editMenu().isDisable()).isFalse();
    robot.interact(() -> window.viewMenu().getItems().stream().filter(i -> "Zoom _out".equals(i.getText()))
        .findFirst().orElseThrow().fire());
    assertThat(myCanvas.getZoom()).as("the View menu is the user's canvas's again").isLessThan(myZoom);
  }

  @Test
  void twoRunsCompareSideBySideShowingOnlyWhatDiffers(FxRobot robot) throws Exception {
    launch(robot, 0, "nightly", "adhoc");
    clickRun(robot, runIds.get(1), false); // the newest, first
    robot.press(KeyCode.SHIFT, KeyCode.DOWN).release(KeyCode.DOWN, KeyCode.SHIFT); // and the one below
    designer.waitUntil(5, "Compare to be on", () -> !RunningDesigner.<Button>find(robot, "#compareRuns").isDisabled());

    robot.clickOn("#compareRuns");

    designer.waitUntil(10, "the comparison", () -> robot.lookup("#compareTable").tryQuery().isPresent());
    TableView<RunComparison.Row> table = RunningDesigner.find(robot, "#compareTable");
    assertThat(table.getItems()).allMatch(r -> !r.same());
    assertThat(table.getItems()).anySatisfy(r -> {
      assertThat(r.what()).isEqualTo("Experiment");
      assertThat(r.left()).isEqualTo("nightly"); // the older run on the left
      assertThat(r.right()).isEqualTo("adhoc");
    });
    int differing = table.getItems().size();
    robot.clickOn("#showSameRows");
    assertThat(table.getItems().size()).isGreaterThan(differing);
    assertThat(table.getItems()).anyMatch(r -> r.same() && r.what().equals("Command"));
    screenshot(designer, robot, "pipewright.screenshot.runs.compare");
    robot.push(KeyCode.ESCAPE);
  }

  @Test
  void rerunFromTheFailedStepStartsARunThatTheHistoryListsAndShows(FxRobot robot) throws Exception {
    launch(robot, 0, "nightly");
    designer.waitUntil(20, "the run listed", () -> count(robot).equals("1 run"));
    clickRun(robot, runIds.get(0), false);
    designer.waitUntil(30, "Rerun from failed to be on", () ->
        !RunningDesigner.<Button>find(robot, "#rerunFromFailed").isDisabled());

    robot.clickOn("#rerunFromFailed");

    designer.waitUntil(30, "the new run listed", () -> count(robot).equals("2 runs"));
    designer.waitUntil(30, "the new run shown and ended", () -> {
      String header = RunningDesigner.<Label>find(robot, "#runHeader").getText();
      return !header.contains(runIds.get(0)) && header.contains("Failed after");
    });
    assertThat(history(robot).getItems().get(0).run().experiment()).isEqualTo("nightly");
    assertThat(history(robot).getSelectionModel().getSelectedItem().run().runId())
        .isEqualTo(history(robot).getItems().get(0).run().runId());
  }
}

package io.pipewright.app.run;

import io.pipewright.app.designer.MainWindow;
import io.pipewright.app.designer.RunningDesigner;
import io.pipewright.app.history.HistoryRows;
import io.pipewright.app.history.RunRow;
import io.pipewright.graph.view.GraphView;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.model.Edge;
import io.pipewright.model.Environment;
import io.pipewright.model.InputMode;
import io.pipewright.model.InputPort;
import io.pipewright.model.OutputPort;
import io.pipewright.model.Parameter;
import io.pipewright.model.Pipeline;
import io.pipewright.model.PipelineFormat;
import io.pipewright.model.ScriptStep;
import io.pipewright.model.Step;
import io.pipewright.workspace.RunHandle;
import io.pipewright.workspace.SubmitOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Takes the Runs view's screenshots in docs/screenshots from a real window. Not a test: it runs only
 * when asked, under Xvfb: {@code DISPLAY=:94 ./mvnw -o -q test -pl app -am -Dxvfb
 * -Dtest=RunsScreenshots -Dpipewright.screenshots=$PWD/docs/screenshots}.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "pipewright.screenshots", matches = ".+")
class RunsScreenshots {
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

  private static Step step(String id, String name, String script, List<String> from) {
    List<InputPort> inputs = new ArrayList<>();
    for (String f : from) {
      inputs.add(new InputPort(f, InputMode.DIRECT, false));
    }
    return new Step(id, name, null, new ScriptStep(ScriptSteps.command(script)), "local-process", ".", inputs,
        List.of(new OutputPort("out", null)), List.of("{outputs.out}"), Environment.EMPTY, true);
  }

  private static Pipeline pipeline() {
    List<Step> steps = List.of(
        step("ingest", "Ingest passengers", "sleep 2; echo ingested", List.of()),
        step("clean", "Clean and impute", "sleep 3; echo cleaned", List.of("ingest")),
        step("features", "Build features", "sleep 2; echo features", List.of("ingest")),
        step("train", "Train model", "sleep 2; if [ -f fail.flag ]; then echo \"ValueError: could not convert"
            + " string to float: male\" >&2; exit 2; fi; echo trained", List.of("clean", "features")),
        step("report", "Write report", "sleep 1; echo reported", List.of("train")));
    List<Edge> edges = new ArrayList<>();
    for (Step s : steps) {
      for (InputPort in : s.inputs()) {
        edges.add(new Edge("e" + (edges.size() + 1), new Edge.End(in.name(), "out"), new Edge.End(s.id(), in.name())));
      }
    }
    Map<String, io.pipewright.model.Layout.Position> at = new java.util.LinkedHashMap<>();
    at.put("ingest", new io.pipewright.model.Layout.Position(60, 120));
    at.put("clean", new io.pipewright.model.Layout.Position(300, 50));
    at.put("features", new io.pipewright.model.Layout.Position(300, 190));
    at.put("train", new io.pipewright.model.Layout.Position(540, 120));
    at.put("report", new io.pipewright.model.Layout.Position(780, 120));
    return new Pipeline("titanic-survival", "Titanic survival", null,
        List.of(new Parameter("sample", "1.0", "Fraction of rows")), "local-process", List.of(), steps, edges,
        new io.pipewright.model.Layout(at));
  }

  private void shoot(FxRobot robot, MainWindow window, String name) {
    WaitForAsyncUtils.waitForFxEvents();
    designer.screenshot(robot, Path.of(System.getProperty("pipewright.screenshots")).resolve(name));
  }

  @Test
  void runsView(FxRobot robot) throws Exception {
    Path file = Files.createDirectories(home.resolve("samples/titanic")).resolve("titanic.pipeline.json");
    Pipeline pipeline = pipeline();
    PipelineFormat.save(pipeline, file);
    List<String> ids = new ArrayList<>();
    try (LocalWorkspace workspace = LocalWorkspace.open(home)) {
      RunHandle first = workspace.submit(pipeline, new SubmitOptions("titanic-survival", file, Map.of("sample", "1.0"), false));
      EngineTestSupport.end(first);
      ids.add(first.runId());
      Files.writeString(file.resolveSibling("fail.flag"), "");
      RunHandle second = workspace.submit(pipeline, new SubmitOptions("titanic-survival", file, Map.of("sample", "0.5"), true));
      EngineTestSupport.end(second);
      ids.add(second.runId());
      Files.delete(file.resolveSibling("fail.flag"));
    }
    HistoryRows.insert(home, 1_234, List.of("titanic-survival", "churn-weekly", "nightly-etl"));
    MainWindow window = designer.launch(robot, home);
    designer.waitUntil(30, "the pipeline", () -> window.graphView().getModel().node("train") != null);
    robot.interact(() -> window.showTab(window.runsTab()));
    robot.interact(() -> window.verticalSplit().setDividerPositions(0.46));
    TableView<RunRow> history = RunningDesigner.find(robot, "#runHistoryTable");
    designer.waitUntil(20, "the history", () -> history.getItems().size() == 1_236 && history.getItems().get(0).run() != null);
    robot.clickOn(robot.lookup("#runHistoryTable .table-row-cell").match((TableRow<RunRow> r) -> r.getIndex() == 0)
        .queryAs(javafx.scene.Node.class));
    designer.waitUntil(10, "the steps", () -> RunningDesigner.<TableView<?>>find(robot, "#runsTable").getItems().size() == 5);
    robot.clickOn(robot.lookup("#runsTable .table-row-cell").match((TableRow<StepRunState> r) -> r.getItem() != null
        && r.getItem().stepId().equals("train")).queryAs(javafx.scene.Node.class));
    designer.waitUntil(10, "the details", () -> robot.lookup("#detailsTitle").tryQuery().isPresent());
    shoot(robot, window, "designer-runs-history.png");

    robot.clickOn("#timelineTab");
    designer.waitUntil(10, "the bars", () -> robot.lookup("#bar-train").tryQuery().isPresent());
    shoot(robot, window, "designer-runs-timeline.png");
    robot.clickOn("#stepsTab");

    // the two runs of the pipeline compared: Shift+Down adds the older one
    robot.clickOn(robot.lookup("#runHistoryTable .table-row-cell").match((TableRow<RunRow> r) -> r.getIndex() == 0)
        .queryAs(javafx.scene.Node.class));
    robot.press(KeyCode.SHIFT, KeyCode.DOWN).release(KeyCode.DOWN, KeyCode.SHIFT);
    robot.clickOn("#compareRuns");
    designer.waitUntil(10, "the comparison", () -> robot.lookup("#compareTable").tryQuery().isPresent());
    WaitForAsyncUtils.waitForFxEvents();
    javafx.scene.Scene dialog = robot.lookup("#compareDialog").query().getScene();
    robot.interact(() -> {
      try {
        javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(dialog.snapshot(null), null), "png",
            Path.of(System.getProperty("pipewright.screenshots")).resolve("designer-runs-compare.png").toFile());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    robot.push(KeyCode.ESCAPE);

    robot.clickOn(robot.lookup("#runHistoryTable .table-row-cell").match((TableRow<RunRow> r) -> r.getIndex() == 0)
        .queryAs(javafx.scene.Node.class));
    robot.push(KeyCode.ENTER);
    designer.waitUntil(10, "the run opened", () -> robot.lookup("#recordedCanvas").tryQuery().isPresent());
    GraphView recorded = RunningDesigner.find(robot, "#recordedCanvas");
    robot.interact(() -> {
      recorded.getSelection().select(recorded.getModel().node("train"));
    });
    shoot(robot, window, "designer-run-opened.png");

    robot.interact(() -> window.viewMenu().getItems().stream()
        .filter(i -> "darkThemeItem".equals(i.getId())).findFirst()
        .ifPresent(i -> ((javafx.scene.control.CheckMenuItem) i).setSelected(true)));
    robot.clickOn(robot.lookup("#runsTable .table-row-cell").match((TableRow<StepRunState> r) -> r.getItem() != null
        && r.getItem().stepId().equals("train")).queryAs(javafx.scene.Node.class));
    shoot(robot, window, "designer-run-opened-dark.png");
    robot.clickOn("#backToPipeline");
    robot.clickOn("#timelineTab");
    shoot(robot, window, "designer-runs-dark.png");
  }
}

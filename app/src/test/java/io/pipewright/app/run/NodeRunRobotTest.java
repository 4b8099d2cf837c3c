package io.pipewright.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.designer.MainWindow;
import io.pipewright.app.designer.RunningDesigner;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.model.NodeStatus;
import io.pipewright.graph.model.Port;
import io.pipewright.graph.view.GraphView;
import io.pipewright.model.PipelineFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.PickResult;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the canvas shows after a run and what can be done from a step's node: a real Spark step that
 * fails on purpose shows its cause on the node and "Show in log" opens the log at its line; a Spark
 * step's Parquet output and a script's CSV output are previewed; steps run from the context menu.
 */
@ExtendWith(ApplicationExtension.class)
class NodeRunRobotTest {
  @TempDir Path home;
  private final RunningDesigner designer = new RunningDesigner();

  @Start
  void start(Stage stage) {
    designer.stage(stage);
  }

  @AfterEach
  void stop(FxRobot robot) {
    robot.interact(() -> List.copyOf(Window.getWindows()).stream()
        .filter(w -> w instanceof Stage s && s.getOwner() != null).forEach(w -> ((Stage) w).close()));
    designer.stop(robot);
  }

  /**
   * Titanic.csv → "Prepare data" (Spark SQL writing Parquet) → "Fare per class" (Spark SQL dividing
   * by zero: ANSI mode fails the job) → "Train model" (a script, never run).
   */
  private static final String FAILING = """
      {
        "schemaVersion": 1, "id": "titanic", "name": "Titanic, failing on purpose", "defaultCompute": "local-spark",
        "datasets": [
          {"id": "titanic", "name": "Titanic.csv", "kind": "tabular", "datastore": "default", "path": "titanic/Titanic.csv"}
        ],
        "steps": [
          {"id": "prep", "name": "Prepare data", "type": "spark", "compute": "local-spark", "entry": {"sql": "prep.sql"},
           "spark": {"conf": {"spark.sql.shuffle.partitions": "2"}},
           "inputs": [{"name": "titanic"}], "outputs": [{"name": "prepared"}]},
          {"id": "fares", "name": "Fare per class", "type": "spark", "compute": "local-spark", "entry": {"sql": "fares.sql"},
           "spark": {"conf": {"spark.sql.shuffle.partitions": "2"}},
           "inputs": [{"name": "prepared"}], "outputs": [{"name": "fares"}]},
          {"id": "train", "name": "Train model", "type": "script", "compute": "local-process", "command": "python3 train.py",
           "inputs": [{"name": "fares", "mode": "download"}], "outputs": [{"name": "model"}],
           "arguments": ["--data", "{inputs.fares}", "--model-out", "{outputs.model}"]}
        ],
        "edges": [
          {"id": "e1", "from": {"node": "titanic"}, "to": {"node": "prep", "port": "titanic"}},
          {"id": "e2", "from": {"node": "prep", "port": "prepared"}, "to": {"node": "fares", "port": "prepared"}},
          {"id": "e3", "from": {"node": "fares", "port": "fares"}, "to": {"node": "train", "port": "fares"}}
        ],
        "layout": {"nodes": {"titanic": {"x": 40.0, "y": 140.0}, "prep": {"x": 320.0, "y": 140.0},
                             "fares": {"x": 600.0, "y": 140.0}, "train": {"x": 880.0, "y": 140.0}}}
      }
      """;

  private static final String PREP_SQL = """
      -- The passengers, written as Parquet by the script itself.
      INSERT OVERWRITE DIRECTORY '{outputs.prepared}' USING parquet
      SELECT PassengerId, Survived, Pclass, Name, Sex, Age, Fare FROM titanic;
      """;

  private static final String FARES_SQL = """
      -- Fare per class, divided by a count that is zero on purpose (ANSI mode: the job fails).
      CREATE OR REPLACE TEMPORARY VIEW fares AS
      SELECT Pclass, sum(Fare) / (count(*) - count(*)) AS fare_per_head FROM prepared GROUP BY Pclass;
      SELECT * FROM fares ORDER BY Pclass;
      """;

  private MainWindow launchWith(FxRobot robot, String pipelineJson, String... files) throws IOException {
    Path dir = Files.createDirectories(home.resolve("samples/titanic"));
    if (System.getProperty("pipewright.screenshot.failure") != null) {
      Files.writeString(home.resolve("designer.properties"), "window.bounds=0,0,1600,1000\n");
    }
    Files.writeString(dir.resolve("titanic.pipeline.json"), pipelineJson);
    for (int i = 0; i + 1 < files.length; i += 2) {
      Files.writeString(dir.resolve(files[i]), files[i + 1]);
    }
    return designer.launch(robot, home);
  }

  private static GraphNode node(MainWindow window, String id) {
    return window.graphView().getModel().node(id);
  }

  /** Where a model point of the canvas is on the screen. */
  private static Point2D onScreen(GraphView view, double mx, double my) {
    Point2D local = view.modelToScreen(mx, my);
    return view.localToScreen(local.getX(), local.getY());
  }

  private static Point2D centreOf(GraphView view, GraphNode n) {
    return onScreen(view, n.getX() + n.getWidth() / 2, n.getY() + 14);
  }

  /** Confirms the Run dialog (which says {@code note} when given) with what it proposes. */
  private void confirmRunDialog(FxRobot robot, String note) {
    designer.waitUntil(10, "the Run dialog", () -> robot.lookup("#runDialog").tryQuery().isPresent());
    if (note != null) {
      assertThat(((Label) RunningDesigner.find(robot, "#runNote")).getText()).startsWith(note);
    }
    Button confirm = robot.lookup("#runDialog .button").queryAllAs(Button.class).stream()
        .filter(b -> "Run".equals(b.getText())).findFirst().orElseThrow();
    robot.clickOn(confirm);
  }

  private void runAll(FxRobot robot) {
    designer.waitUntil(30, "Run to be enabled", () -> !RunningDesigner.find(robot, "#runButton").isDisabled());
    robot.clickOn("#runButton");
    confirmRunDialog(robot, null);
  }

  /** Opens the canvas's context menu on a node, as a right-click near its top does. */
  private static void openContextMenu(FxRobot robot, GraphView view, GraphNode node) {
    WaitForAsyncUtils.waitForFxEvents();
    robot.interact(() -> {
      Point2D local = view.modelToScreen(node.getX() + node.getWidth() / 2, node.getY() + 14);
      Point2D screen = view.localToScreen(local.getX(), local.getY());
      Point2D scene = view.localToScene(local.getX(), local.getY());
      // an event made without a source takes x and y for scene coordinates
      Event.fireEvent(view, new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, scene.getX(), scene.getY(),
          screen.getX(), screen.getY(), false, new PickResult(view, scene.getX(), scene.getY())));
    });
  }

  static void dump(FxRobot robot) {
    robot.interact(() -> {
      for (Window w : Window.getWindows()) {
        System.out.println("WINDOW " + w + " showing=" + w.isShowing());
        if (w.getScene() != null && !(w.getScene().getRoot() instanceof io.pipewright.app.designer.MainWindow)) {
          w.getScene().getRoot().lookupAll("*").forEach(n -> System.out.println("  " + n.getClass().getSimpleName() + " " + n.getStyleClass()
              + (n instanceof Labeled l ? " '" + l.getText() + "'" : "")));
        }
      }
    });
  }

  /** The shown menu entry with this text (in a context menu or its submenu). */
  private static Optional<Node> menuEntry(FxRobot robot, String text) {
    return robot.lookup(".context-menu .menu-item").queryAll().stream()
        .filter(Node::isVisible)
        .filter(n -> ((Parent) n).lookupAll(".label").stream().anyMatch(l -> text.equals(((Labeled) l).getText())))
        .findFirst();
  }

  private void choose(FxRobot robot, String text) {
    designer.waitUntil(5, "the menu entry '" + text + "'", () -> menuEntry(robot, text).isPresent());
    robot.clickOn(menuEntry(robot, text).orElseThrow());
  }

  /** The texts the skin of a node draws (title, badge, detail lines, progress). */
  private static List<String> drawnTexts(MainWindow window, String nodeId) {
    Node root = window.graphView().skinOf(node(window, nodeId)).root();
    return root.lookupAll("Text").stream().filter(Node::isVisible).map(t -> ((Text) t).getText()).toList();
  }

  @SuppressWarnings("unchecked")
  private static TableView<List<String>> previewTable(FxRobot robot) {
    return (TableView<List<String>>) robot.lookup("#outputPreview #previewTable").query();
  }

  @Test
  void aSparkStepThatFailsShowsItsCauseOnTheNodeAndShowInLogOpensItsLine(FxRobot robot) throws Exception {
    MainWindow window = launchWith(robot, FAILING, "prep.sql", PREP_SQL, "fares.sql", FARES_SQL);
    designer.waitUntil(30, "the pipeline on the canvas", () -> node(window, "fares") != null);

    runAll(robot);
    // Two Spark steps one after the other: about a minute on an idle 2-core machine, several under load.
    designer.waitUntil(600, "the fares step to fail", () -> node(window, "fares").getStatus() == NodeStatus.FAILED
        && node(window, "train").getStatus() == NodeStatus.SKIPPED);

    // the cause, on the node itself, in words: the exception and its message
    GraphNode fares = node(window, "fares");
    assertThat(node(window, "prep").getStatus()).isEqualTo(NodeStatus.SUCCEEDED);
    assertThat(fares.getDetail()).contains("DIVIDE_BY_ZERO").contains("Division by zero");
    robot.interact(() -> window.graphView().ensureVisible(fares));
    WaitForAsyncUtils.waitForFxEvents();
    String drawn = String.join(" ", drawnTexts(window, "fares"));
    assertThat(drawn).contains("DIVIDE_BY_ZERO");
    assertThat(node(window, "train").getDetail()).isEqualTo("not run: upstream 'Fare per class' failed");
    assertThat(String.join(" ", drawnTexts(window, "train"))).contains("not run: upstream");
    Label runState = RunningDesigner.find(robot, "#runState");
    designer.waitUntil(10, "the run line", () -> runState.getText().startsWith("Failed after "));
    assertThat(runState.getText()).contains(": step 'Fare per class' failed first — ").contains("DIVIDE_BY_ZERO");
    MenuItem rerunFailed = window.runMenu().getItems().stream().filter(i -> "rerunFailedMenuItem".equals(i.getId()))
        .findFirst().orElseThrow();
    assertThat(rerunFailed.isDisable()).as("Rerun from failed step after a failed run").isFalse();

    // a click on the cause opens the log at its line
    robot.interact(() -> window.bottomTabs().getSelectionModel().select(window.runsTab()));
    robot.clickOn(onScreen(window.graphView(), fares.getX() + 40, fares.getY() + 36));
    designer.waitUntil(20, "the cause's line highlighted in the Log tab", () -> {
      String line = RunningDesigner.highlightedLogLine(robot);
      return line != null && line.contains("DIVIDE_BY_ZERO");
    });
    assertThat(window.bottomTabs().getSelectionModel().getSelectedItem()).isSameAs(window.logTab());
    assertThat(((Label) RunningDesigner.find(robot, "#logTitle")).getText()).isEqualTo("Fare per class · driver/stderr");

    // and so does "Show in log" in its context menu, after looking elsewhere
    io.pipewright.app.log.LogViewModel log = RunningDesigner.<io.pipewright.app.log.LogView>find(robot, "#logView")
        .viewModel();
    robot.interact(() -> {
      window.bottomTabs().getSelectionModel().select(window.runsTab());
      log.goToLine(1); // the first line highlighted instead
    });
    openContextMenu(robot, window.graphView(), fares);
    choose(robot, "Show in log");
    designer.waitUntil(20, "the cause's line highlighted again, in view", () -> {
      String line = RunningDesigner.highlightedLogLine(robot);
      return line != null && line.contains("DIVIDE_BY_ZERO");
    });

    String screenshot = System.getProperty("pipewright.screenshot.failure");
    if (screenshot != null) {
      // the failed step in the middle at 100 %, nothing selected
      robot.interact(() -> {
        GraphView view = window.graphView();
        view.getSelection().clear();
        view.zoomProperty().set(1);
        view.panXProperty().set(view.getWidth() / 2 - (fares.getX() + fares.getWidth() / 2));
        view.panYProperty().set(view.getHeight() / 2 - (fares.getY() + fares.getHeight() / 2));
      });
      robot.moveTo(onScreen(window.graphView(), fares.getX() + fares.getWidth() / 2, fares.getY() + 260));
      WaitForAsyncUtils.waitForFxEvents();
      designer.screenshot(robot, Path.of(screenshot));
    }

    // the Parquet that the first Spark step wrote, previewed from its node's context menu
    GraphNode prep = node(window, "prep");
    openContextMenu(robot, window.graphView(), prep);
    designer.waitUntil(5, "the Preview output menu", () -> menuEntry(robot, "Preview output").isPresent());
    robot.moveTo(menuEntry(robot, "Preview output").orElseThrow());
    choose(robot, "prepared");
    designer.waitUntil(60, "the Parquet rows", () -> robot.lookup("#outputPreview #previewTable").tryQuery().isPresent()
        && previewTable(robot).getItems().size() == 100);
    TableView<List<String>> table = previewTable(robot);
    assertThat(table.getColumns()).extracting(c -> c.getText())
        .containsExactly("#", "PassengerId", "Survived", "Pclass", "Name", "Sex", "Age", "Fare");
    assertThat(table.getItems().get(0)).containsExactly("1", "0", "3", "Braund, Mr. Owen Harris", "male", "22.0", "7.25");
    Label message = robot.lookup("#outputPreview #previewMessage").queryAs(Label.class);
    assertThat(message.getText()).contains("first 100 rows").contains("Parquet, 891 rows");
    String previewShot = System.getProperty("pipewright.screenshot.preview");
    if (previewShot != null) {
      robot.interact(() -> {
        var image = javafx.embed.swing.SwingFXUtils.fromFXImage(table.getScene().snapshot(null), null);
        try {
          javax.imageio.ImageIO.write(image, "png", Path.of(previewShot).toFile());
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    }
  }

  /** a → b, script steps: b writes a CSV file. */
  private static String csvPipeline() {
    var a = ScriptSteps.step("a", "echo a", List.of());
    var b = new io.pipewright.model.Step("b", "Step b", null, new io.pipewright.model.ScriptStep(
        "sh -c 'printf \"id,name\\n1,Ada\\n2,Alan\\n3,Grace\\n\" > \"$0/people.csv\"'"), "local-process", ".",
        List.of(new io.pipewright.model.InputPort("in", io.pipewright.model.InputMode.DIRECT, false)),
        List.of(new io.pipewright.model.OutputPort("people", null)), List.of("{outputs.people}"),
        io.pipewright.model.Environment.EMPTY, true);
    return PipelineFormat.write(new io.pipewright.model.Pipeline("csv", "csv", null, List.of(), "local-process", List.of(),
        List.of(a, b), List.of(new io.pipewright.model.Edge("e1", new io.pipewright.model.Edge.End("a", "out"),
            new io.pipewright.model.Edge.End("b", "in"))), null));
  }

  @Test
  void aStepsCsvOutputIsPreviewedFromItsOutputPortAndStepsRunFromTheContextMenu(FxRobot robot) throws Exception {
    MainWindow window = launchWith(robot, csvPipeline());
    designer.waitUntil(30, "the pipeline on the canvas", () -> node(window, "b") != null);
    GraphView view = window.graphView();

    designer.waitUntil(30, "Run to be possible", () -> !RunningDesigner.find(robot, "#runButton").isDisabled());
    // before any run: the preview has nothing to show yet
    openContextMenu(robot, view, node(window, "b"));
    designer.waitUntil(5, "the context menu", () -> menuEntry(robot, "Run from here").isPresent());
    assertThat(menuEntry(robot, "Preview output").orElseThrow().getPseudoClassStates())
        .contains(javafx.css.PseudoClass.getPseudoClass("disabled"));
    assertThat(menuEntry(robot, "Run up to here")).isPresent();
    robot.type(javafx.scene.input.KeyCode.ESCAPE);
    // a first run of every step: "Run only" below takes a's outputs from it (a step that never ran has none)
    runAll(robot);
    Label runState = RunningDesigner.find(robot, "#runState");
    designer.waitUntil(60, "the first run to end", () -> runState.getText().startsWith("Completed after ")
        && !RunningDesigner.find(robot, "#runButton").isDisabled());
    // "Run only this step" on b: the Run dialog says what runs
    openContextMenu(robot, view, node(window, "b"));
    designer.waitUntil(5, "the context menu", () -> menuEntry(robot, "Run only this step").isPresent());
    choose(robot, "Run only this step");
    confirmRunDialog(robot, "Runs only 'Step b', with the inputs its upstream steps last wrote.");
    designer.waitUntil(60, "the run to end", () -> runState.getText().startsWith("Completed after ")
        && !RunningDesigner.find(robot, "#runButton").isDisabled());

    // a double-click on b's output port previews the CSV the step wrote
    GraphNode b = node(window, "b");
    Port people = b.outputs().get(0);
    robot.doubleClickOn(onScreen(view, b.anchorX(people), b.anchorY(people)));
    designer.waitUntil(30, "the CSV rows", () -> robot.lookup("#outputPreview #previewTable").tryQuery().isPresent()
        && previewTable(robot).getItems().size() == 3);
    TableView<List<String>> table = previewTable(robot);
    assertThat(table.getColumns()).extracting(c -> c.getText()).containsExactly("#", "id", "name");
    assertThat(table.getItems()).containsExactly(List.of("1", "Ada"), List.of("2", "Alan"), List.of("3", "Grace"));
    assertThat(robot.lookup("#outputPreview #previewMessage").queryAs(Label.class).getText())
        .startsWith("Run ").contains("3 rows (all)").endsWith("from people (1 file)");
    assertThat(((Stage) table.getScene().getWindow()).getTitle()).isEqualTo("Output 'people' of Step b");
    robot.interact(() -> ((Stage) table.getScene().getWindow()).close());

    // the Run menu's items act on the selected step
    MenuItem upTo = window.runMenu().getItems().stream().filter(i -> "runUpToHereMenuItem".equals(i.getId()))
        .findFirst().orElseThrow();
    robot.interact(() -> view.getSelection().clear());
    assertThat(upTo.isDisable()).as("no step selected").isTrue();
    robot.interact(() -> window.canvas().select("a"));
    assertThat(upTo.isDisable()).isFalse();
    WaitForAsyncUtils.asyncFx(upTo::fire); // not interact: the Run dialog waits for an answer on the FX thread
    confirmRunDialog(robot, "Runs 'Step a' and the steps before it; nothing after it.");
    designer.waitUntil(60, "the run up to a to end", () -> runState.getText().startsWith("Completed after ")
        && !RunningDesigner.find(robot, "#runButton").isDisabled());

    // "Run from here" on a: asks as Run does, then runs
    openContextMenu(robot, view, node(window, "a"));
    choose(robot, "Run from here");
    confirmRunDialog(robot, "Runs 'Step a' and the steps after it");
    designer.waitUntil(60, "the second run to end", () -> runState.getText().startsWith("Completed after ")
        && !RunningDesigner.find(robot, "#runButton").isDisabled());

    // a step that wrote nothing there says so
    openContextMenu(robot, view, node(window, "a"));
    designer.waitUntil(5, "the Preview output menu", () -> menuEntry(robot, "Preview output").isPresent());
    robot.moveTo(menuEntry(robot, "Preview output").orElseThrow());
    choose(robot, "out");
    designer.waitUntil(30, "the reason", () -> robot.lookup("#outputPreview #previewError").tryQuery()
        .map(n -> ((Label) n).getText()).filter(t -> !t.isEmpty()).isPresent());
    assertThat(robot.lookup("#outputPreview #previewError").queryAs(Label.class).getText())
        .contains("holds done: only delimited text (.csv, .tsv, .psv, .txt) and Parquet can be previewed");
  }
}

package io.pipewright.app.designer;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.document.NodeKinds;
import io.pipewright.app.testing.FxWait;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.model.NodeStatus;
import io.pipewright.graph.model.Port;
import io.pipewright.model.Edge;
import io.pipewright.model.LoadedPipeline;
import io.pipewright.model.Pipeline;
import io.pipewright.model.PipelineFormat;
import io.pipewright.model.SparkSettings;
import io.pipewright.model.SparkStep;
import io.pipewright.model.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
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
 * The journey, by hand: from an empty pipeline file, drag the Titanic dataset, a Spark SQL
 * step and a script step onto the canvas, connect them, write the SQL, set the driver and the
 * executors, attach a local Spark pool through the dialog and choose it, save with Ctrl+S, start the
 * designer again (it reopens the file) and find the same pipeline, then run it on real Spark until
 * every node is green.
 */
@ExtendWith(ApplicationExtension.class)
class ComposeSeedPipelineRobotTest {
  private static final String SQL = "CREATE OR REPLACE TEMPORARY VIEW output AS\n"
      + "SELECT Pclass, count(*) AS passengers FROM input GROUP BY Pclass;\n"
      + "SELECT * FROM output ORDER BY Pclass;\n";

  @TempDir Path home;
  private final RunningDesigner designer = new RunningDesigner();

  @Start
  void start(Stage stage) {
    io.pipewright.app.LeftoverWindows.hideAllBut(stage);
    designer.stage(stage);
  }

  @AfterEach
  void stop(FxRobot robot) {
    designer.stop(robot);
  }

  private MainWindow launch(FxRobot robot) {
    return designer.launch(robot, home);
  }

  private static void waitUntil(int seconds, String what, BooleanSupplier condition) {
    try {
      FxWait.until(seconds, condition::getAsBoolean);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("timed out after " + seconds + " s waiting for " + what, e);
    }
  }

  private static Point2D screenOf(MainWindow w, double mx, double my) {
    Point2D local = w.graphView().modelToScreen(mx, my);
    return w.graphView().localToScreen(local.getX(), local.getY());
  }

  private static Point2D canvasPoint(MainWindow w, double fx, double fy) {
    var b = w.graphView().localToScreen(w.graphView().getBoundsInLocal());
    return new Point2D(b.getMinX() + b.getWidth() * fx, b.getMinY() + b.getHeight() * fy);
  }

  private static void dragFromPalette(FxRobot robot, String title, Point2D to) {
    robot.drag(robot.lookup(title).queryLabeled(), MouseButton.PRIMARY);
    robot.moveTo(to.add(-30, 0)).moveTo(to).drop();
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static void connect(FxRobot robot, MainWindow w, GraphNode from, String out, GraphNode to, String in) {
    Port o = from.port(out);
    Port i = to.port(in);
    Point2D a = screenOf(w, from.anchorX(o), from.anchorY(o));
    Point2D b = screenOf(w, to.anchorX(i), to.anchorY(i));
    robot.moveTo(a).press(MouseButton.PRIMARY);
    for (int k = 1; k <= 5; k++) {
      robot.moveTo(new Point2D(a.getX() + (b.getX() - a.getX()) * k / 5, a.getY() + (b.getY() - a.getY()) * k / 5));
    }
    robot.release(MouseButton.PRIMARY);
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** Scrolls the property panel so that {@code node} is in view, as a user would. */
  private static void reveal(FxRobot robot, Node node) {
    robot.interact(() -> {
      Node n = node;
      while (n != null && !(n instanceof javafx.scene.control.ScrollPane)) {
        n = n.getParent();
      }
      if (n != null) {
        javafx.scene.control.ScrollPane pane = (javafx.scene.control.ScrollPane) n;
        Node content = pane.getContent();
        double y = content.sceneToLocal(node.localToScene(0, 0)).getY();
        double extra = content.getBoundsInLocal().getHeight() - pane.getViewportBounds().getHeight();
        if (extra > 0) {
          pane.setVvalue(Math.max(0, Math.min(1, (y - 40) / extra)));
        }
      }
    });
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static void typeInto(FxRobot robot, String query, String text) {
    TextField field = robot.lookup(query).queryAs(TextField.class);
    reveal(robot, field);
    robot.clickOn(field);
    robot.interact(field::selectAll);
    robot.write(text).type(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static void chooseCompute(FxRobot robot, String name) {
    ComboBox<?> compute = robot.lookup("#stepCompute").queryAs(ComboBox.class);
    reveal(robot, compute);
    robot.clickOn(compute);
    waitUntil(5, "the compute choices", () -> robot.lookup(".combo-box-popup .list-cell").tryQuery().isPresent());
    Node choice = robot.lookup(".combo-box-popup .list-cell").queryAll().stream()
        .filter(c -> c instanceof javafx.scene.control.Labeled && ((javafx.scene.control.Labeled) c).getText() != null
            && ((javafx.scene.control.Labeled) c).getText().startsWith(name))
        .findFirst().orElseThrow(() -> new AssertionError(name + " is not among the compute choices"));
    robot.clickOn(choice);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static GraphNode newNode(MainWindow w, String kind) {
    return w.graphView().getModel().nodes().stream().filter(n -> n.kind().equals(kind)).findFirst().orElseThrow();
  }

  @Test
  void composingTheSeedPipelineFromAnEmptyCanvasSavesReopensAndRunsOnSpark(FxRobot robot) throws Exception {
    Path dir = Files.createDirectories(home.resolve("samples/titanic"));
    Path file = dir.resolve("titanic.pipeline.json");
    Files.writeString(file, "{\"schemaVersion\": 1, \"id\": \"seed\", \"name\": \"Seed\", \"defaultCompute\": \"local-spark\"}\n");
    MainWindow w = launch(robot);
    waitUntil(30, "the empty pipeline and the datastore files in the palette",
        () -> designer.app().context().document().file().isPresent() && robot.lookup("Titanic.csv").tryQuery().isPresent());

    // 1. three nodes from the palette
    dragFromPalette(robot, "Titanic.csv", canvasPoint(w, 0.15, 0.3));
    dragFromPalette(robot, "Spark · SQL", canvasPoint(w, 0.45, 0.3));
    dragFromPalette(robot, "Script", canvasPoint(w, 0.75, 0.3));
    GraphNode dataset = newNode(w, NodeKinds.DATASET);
    GraphNode prep = newNode(w, NodeKinds.SPARK_SQL);
    GraphNode train = newNode(w, NodeKinds.SCRIPT);

    // 2. connected by dragging from outputs to inputs
    connect(robot, w, dataset, "out:data", prep, "in:input");
    connect(robot, w, prep, "out:output", train, "in:input");
    assertThat(designer.app().context().document().pipeline().edges()).hasSize(2);

    // 3. a local Spark pool attached through the dialog
    robot.clickOn("#computeTab");
    robot.clickOn("#attachMenu").clickOn("Local Spark…");
    robot.clickOn("#computeName").write("my-spark");
    TextField cores = robot.lookup("#field-cores").queryAs(TextField.class);
    robot.interact(() -> cores.setText("2"));
    robot.clickOn("#attachOk");
    waitUntil(30, "the attached pool", () -> designer.app().context().computes().stream().anyMatch(t -> t.name().equals("my-spark")));

    // 4. the SQL step: its SQL, driver and executors, and the new pool
    robot.interact(() -> w.canvas().select(prep.id()));
    waitUntil(10, "the SQL step's properties", () -> robot.lookup("#driverMemory").tryQuery().isPresent());
    TextArea sql = robot.lookup("#sqlEditor").queryAs(TextArea.class);
    reveal(robot, sql);
    robot.clickOn(sql);
    robot.interact(() -> sql.setText(SQL));
    typeInto(robot, "#driverMemory", "2g");
    typeInto(robot, "#driverCores", "1");
    typeInto(robot, "#executors", "1");
    chooseCompute(robot, "my-spark");

    // 5. the script step copies what it received, on the local-process compute
    robot.interact(() -> w.canvas().select(train.id()));
    waitUntil(10, "the script step's properties", () -> robot.lookup(".monospace").tryQuery().isPresent());
    TextField command = robot.lookup(".text-field.monospace").queryAs(TextField.class);
    reveal(robot, command);
    robot.clickOn(command);
    robot.interact(command::selectAll);
    robot.write("cp -r").type(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();
    typeInto(robot, "#newArgument", "{inputs.input}");
    typeInto(robot, "#newArgument", "{outputs.output}");
    chooseCompute(robot, "local-process");
    assertThat(designer.app().context().document().pipeline().step(train.id()).orElseThrow().arguments())
        .containsExactly("{inputs.input}", "{outputs.output}");

    Step built = designer.app().context().document().pipeline().step(prep.id()).orElseThrow();
    SparkSettings settings = ((SparkStep) built.kind()).settings();
    assertThat(settings.driverMemory()).isEqualTo("2g");
    assertThat(settings.executors()).isEqualTo(1);
    assertThat(built.compute()).isEqualTo("my-spark");

    // 6. saved with Ctrl+S: the file holds what was built, and the SQL beside it
    robot.clickOn(w.graphView());
    robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
    waitUntil(20, "the save", () -> !designer.app().context().document().isDirty());
    Pipeline composed = designer.app().context().document().snapshot();
    LoadedPipeline saved = PipelineFormat.read(file);
    assertThat(saved.problems()).isEmpty();
    assertThat(saved.pipeline()).isEqualTo(composed);
    String sqlFile = ((io.pipewright.model.SparkEntry.Sql) ((SparkStep) built.kind()).entry()).file();
    assertThat(Files.readString(dir.resolve(sqlFile))).isEqualTo(SQL);

    // 7. the designer started again reopens the file and shows the same pipeline
    designer.stop(robot);
    MainWindow again = launch(robot);
    waitUntil(30, "the reopened pipeline", () -> designer.app().context().document().pipeline().steps().size() == 2);
    assertThat(designer.app().context().document().snapshot()).isEqualTo(composed);
    assertThat(designer.app().context().document().pipeline().edges()).extracting(Edge::to)
        .containsExactlyInAnyOrder(new Edge.End(prep.id(), "input"), new Edge.End(train.id(), "input"));

    // 8. run on real Spark until every node is green
    waitUntil(30, "Run to be enabled", () -> !robot.lookup("#runButton").queryAs(Button.class).isDisabled());
    robot.clickOn("#runButton");
    waitUntil(10, "the Run dialog", () -> robot.lookup("#runDialog").tryQuery().isPresent());
    Button confirm = robot.lookup("#runDialog .button").queryAllAs(Button.class).stream()
        .filter(b -> "Run".equals(b.getText())).findFirst().orElseThrow();
    robot.clickOn(confirm);
    var m = again.graphView().getModel();
    java.util.Set<NodeStatus> done = java.util.EnumSet.of(NodeStatus.SUCCEEDED, NodeStatus.FAILED, NodeStatus.SKIPPED, NodeStatus.CANCELED);
    waitUntil(480, "both steps to finish", () -> done.contains(m.node(prep.id()).getStatus())
        && done.contains(m.node(train.id()).getStatus())
        || m.node(prep.id()).getStatus() == NodeStatus.FAILED);
    String why = m.node(prep.id()).getStatus() + " '" + m.node(prep.id()).getBadge() + "', "
        + m.node(train.id()).getStatus() + " '" + m.node(train.id()).getBadge() + "'; "
        + designer.app().context().workspace().map(ws -> {
          try {
            var runs = ws.runs(1);
            return runs.isEmpty() ? "no run" : ws.childRuns(runs.get(0).runId()).toString();
          } catch (Exception e) {
            return e.toString();
          }
        }).orElse("");
    assertThat(m.node(prep.id()).getStatus()).as(why).isEqualTo(NodeStatus.SUCCEEDED);
    assertThat(m.node(train.id()).getStatus()).as(why).isEqualTo(NodeStatus.SUCCEEDED);
    Node logTab = robot.lookup("Log").query();
    assertThat(logTab).isNotNull();
  }
}

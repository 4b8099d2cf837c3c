package io.pipewright.app.designer;

import io.pipewright.app.DesignerApp;
import io.pipewright.app.log.LogView;
import io.pipewright.app.testing.FxWait;
import io.pipewright.graph.model.GraphNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import java.util.concurrent.TimeUnit;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole designer on a test's stage and workspace, as {@code ./pipewright} starts it, for robot
 * tests that drive it end to end. Give it the stage in {@code @Start}, stop it in {@code @AfterEach}.
 */
public final class RunningDesigner {
  private Stage stage;
  private DesignerApp app;

  /** The stage TestFX made for the test. */
  public void stage(Stage testStage) {
    this.stage = testStage;
  }

  /** Starts the designer on the workspace {@code home}; returns its main window. */
  public MainWindow launch(FxRobot robot, Path home) {
    app = new DesignerApp();
    robot.interact(() -> app.start(stage, home));
    return (MainWindow) stage.getScene().getRoot();
  }

  public DesignerApp app() {
    return app;
  }

  /** Stops the designer if it was started (closes the workspace and the task executor). */
  public void stop(FxRobot robot) {
    if (app != null) {
      robot.interact(app::stop);
    }
    io.pipewright.app.LeftoverWindows.hide(robot);
  }

  /** Waits for {@code condition}; on a timeout fails with what the window shows. */
  public void waitUntil(int seconds, String what, BooleanSupplier condition) {
    try {
      FxWait.until(seconds, condition::getAsBoolean);
    } catch (TimeoutException e) {
      throw new AssertionError("timed out after " + seconds + " s waiting for " + what + "\n" + screen(), e);
    }
  }

  /** What the window shows, for a failure message: nodes, status lines, problems, runs, the log's tail. */
  public String screen() {
    if (stage.getScene() == null || !(stage.getScene().getRoot() instanceof MainWindow window)) {
      return "(no window)";
    }
    StringBuilder out = new StringBuilder();
    for (GraphNode n : window.graphView().getModel().nodes()) {
      out.append("node ").append(n.id()).append(' ').append(n.getStatus()).append(" '").append(n.getBadge()).append("'\n");
    }
    out.append("status line: ").append(((Label) stage.getScene().lookup("#status")).getText()).append('\n');
    out.append("run state: ").append(((Label) stage.getScene().lookup("#runState")).getText()).append('\n');
    window.problems().problems().forEach(d -> out.append("problem: ").append(d).append('\n'));
    if (stage.getScene().lookup("#runsTable") instanceof TableView<?> runs) {
      runs.getItems().forEach(r -> out.append("runs row: ").append(r).append('\n'));
    }
    if (stage.getScene().lookup("#logView") instanceof LogView log) {
      var m = log.viewModel();
      out.append("log tab: ").append(m.titleProperty().get()).append(" · ").append(m.statusProperty().get())
          .append(" · rows ").append(m.rowCountProperty().get()).append(" · ").append(m.placeholderProperty().get())
          .append('\n');
      m.shownLines().forEach(l -> out.append("log: ").append(l).append('\n'));
    } else {
      out.append("log tab: not shown\n");
    }
    return out.toString();
  }

  /** The one node {@code query} finds. */
  public static <T extends Node> T find(FxRobot robot, String query) {
    return robot.lookup(query).query();
  }

  /**
   * All of the stream the Log tab shows (its rows on screen are only a window on it), read from the
   * stream on the calling thread; empty while none is open.
   */
  public static String log(FxRobot robot) {
    LogView log = find(robot, "#logView");
    try {
      var stream = WaitForAsyncUtils.asyncFx(() -> log.viewModel().shownStream()).get(30, TimeUnit.SECONDS);
      if (stream.isEmpty()) {
        return "";
      }
      long size = stream.get().size();
      return new String(stream.get().read(0, (int) Math.min(size, 64 << 20)), java.nio.charset.StandardCharsets.UTF_8);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot read the Log tab's stream", e);
    }
  }

  /** The text of the line the Log tab highlights ("Show in log", a match) while it is on screen, else null. */
  public static String highlightedLogLine(FxRobot robot) {
    LogView log = find(robot, "#logView");
    try {
      return WaitForAsyncUtils.asyncFx(() -> log.viewModel().highlightedText().orElse(null)).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot ask the Log tab", e);
    }
  }

  /** Writes what the window shows now to a PNG file. */
  public void screenshot(FxRobot robot, Path file) {
    robot.interact(() -> {
      BufferedImage rendered = SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null);
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(rendered, "png", file.toFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}

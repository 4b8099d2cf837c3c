package io.pipewright.app.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.fx.FxDialogService;
import io.pipewright.app.fx.FxTaskExecutor;
import io.pipewright.app.testing.FxWait;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.workspace.RunHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.input.Clipboard;
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

/** The Log tab's viewer on a real step's generated Spark-like log, driven by the robot. */
@ExtendWith(ApplicationExtension.class)
class LogViewRobotTest {
  @TempDir Path temp;
  private LocalWorkspace workspace;
  private FxTaskExecutor executor;
  private LogViewModel model;
  private LogView view;
  private List<String> lines;

  @Start
  void start(Stage stage) {
    javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
    executor = new FxTaskExecutor();
    model = new LogViewModel(executor);
    view = new LogView(model, new FxDialogService(stage));
    stage.setScene(new Scene(view, 1200, 600));
    stage.show();
  }

  /** A finished step that printed a 3 MB log, shown in the viewer. */
  @BeforeEach
  void showALog() throws Exception {
    workspace = LocalWorkspace.open(temp.resolve("home"));
    Files.createDirectories(temp.resolve("src"));
    Path file = temp.resolve("spark.log");
    SparkLikeLog.write(file, 3 << 20, 7);
    lines = new ArrayList<>(List.of(Files.readString(file, StandardCharsets.UTF_8).split("\n")));
    RunHandle run = LogSteps.finished(workspace, temp.resolve("src"), "cat " + file);
    WaitForAsyncUtils.asyncFx(() -> model.show(workspace, run.runId(), "a", "Prepare data", () -> true)).get(30, TimeUnit.SECONDS);
    waitUntil(() -> model.lineCountProperty().get() == lines.size() && model.screenReady());
  }

  @AfterEach
  void stop(org.testfx.api.FxRobot robot) throws Exception {
    io.pipewright.app.LeftoverWindows.hide(robot);
    WaitForAsyncUtils.asyncFx(() -> {
      model.dispose();
      executor.close();
    }).get(30, TimeUnit.SECONDS);
    workspace.close();
  }

  private static void waitUntil(BooleanSupplier condition) throws Exception {
    FxWait.until(20, condition::getAsBoolean);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static String plain(String raw) {
    return StyledLine.of(raw).text();
  }

  private Point2D rowOnScreen(long row) {
    LogCanvas canvas = view.canvas();
    return canvas.localToScreen(canvas.getWidth() / 2, canvas.yOf(row));
  }

  @Test
  void searchesGoesToNextFiltersJumpsToALineAndCopies(FxRobot robot) throws Exception {
    long matching = lines.stream().filter(l -> l.contains("IllegalStateException")).count();
    String total = String.format(java.util.Locale.ROOT, "%,d", matching);

    robot.clickOn("#logSearch").write("IllegalStateException");
    waitUntil(() -> ("1 of " + total).equals(model.searchStatusProperty().get()));
    assertThat(lines.get((int) model.highlightedLineProperty().get())).contains("IllegalStateException");
    robot.type(KeyCode.F3);
    waitUntil(() -> ("2 of " + total).equals(model.searchStatusProperty().get()));
    robot.type(KeyCode.ENTER);
    waitUntil(() -> ("3 of " + total).equals(model.searchStatusProperty().get()));
    robot.press(KeyCode.SHIFT).type(KeyCode.ENTER).release(KeyCode.SHIFT);
    waitUntil(() -> ("2 of " + total).equals(model.searchStatusProperty().get()));
    assertThat(model.shownLines()).contains(lines.get((int) model.highlightedLineProperty().get()));

    robot.clickOn("#logProblemsOnly");
    waitUntil(() -> model.screenReady() && model.statusProperty().get().contains("errors, warnings"));
    assertThat(model.rowCountProperty().get()).isLessThan(lines.size() / 5);
    assertThat(model.shownLines()).isNotEmpty().noneMatch(l -> l.contains(" INFO "));
    robot.clickOn("#logProblemsOnly");
    waitUntil(() -> model.screenReady() && model.rowCountProperty().get() > lines.size() / 2);

    robot.clickOn("#logCanvas");
    robot.press(KeyCode.CONTROL).type(KeyCode.G).release(KeyCode.CONTROL);
    robot.write("1234").type(KeyCode.ENTER);
    waitUntil(() -> model.highlightedLineProperty().get() == 1233 && model.screenReady());
    assertThat(model.shownLines()).contains(plain(lines.get(1233)));

    long top = model.topRowProperty().get();
    robot.clickOn(rowOnScreen(top + 2));
    robot.press(KeyCode.SHIFT).clickOn(rowOnScreen(top + 6)).release(KeyCode.SHIFT);
    assertThat(model.selectionAnchorProperty().get()).isEqualTo(top + 2);
    assertThat(model.selectionCaretProperty().get()).isEqualTo(top + 6);
    robot.press(KeyCode.CONTROL).type(KeyCode.C).release(KeyCode.CONTROL);
    waitUntil(() -> model.noticeProperty().get().startsWith("Copied "));
    long first = model.lineOfRow(top + 2);
    LogViewModel.Row last = model.row(top + 6);
    long lastLine = last.isFold() ? last.line() + last.folded() - 1 : last.line();
    StringBuilder want = new StringBuilder();
    for (long i = first; i <= lastLine; i++) {
      want.append(plain(lines.get((int) i))).append('\n');
    }
    String copied = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get(30, TimeUnit.SECONDS);
    assertThat(copied).isEqualTo(want.toString());
  }

  @Test
  void aClickOnAFoldShowsItsFrames(FxRobot robot) throws Exception {
    WaitForAsyncUtils.asyncFx(() -> model.scrollTo(0)).get(30, TimeUnit.SECONDS);
    waitUntil(model::screenReady);
    long fold = -1;
    for (long r = 0; r < model.visibleRowsProperty().get() && fold < 0; r++) {
      if (model.row(r).isFold()) {
        fold = r;
      }
    }
    if (fold < 0) {
      // the first screen has none: go to the first exception's frames
      int frame = lines.indexOf(lines.stream().filter(l -> l.startsWith("\tat ")).findFirst().orElseThrow());
      long line = frame + 1;
      WaitForAsyncUtils.asyncFx(() -> model.scrollTo(model.rowCountProperty().get() > 0 ? line - 5 : 0)).get(30, TimeUnit.SECONDS);
      waitUntil(model::screenReady);
      long top = model.topRowProperty().get();
      for (long r = top; r < top + model.visibleRowsProperty().get() && fold < 0; r++) {
        if (model.row(r).isFold()) {
          fold = r;
        }
      }
    }
    assertThat(fold).as("a folded stack trace on screen").isNotNegative();
    LogViewModel.Row row = model.row(fold);
    long rows = model.rowCountProperty().get();

    robot.clickOn(rowOnScreen(fold));

    waitUntil(() -> model.rowCountProperty().get() == rows + row.folded() - 1);
    waitUntil(model::screenReady);
    assertThat(model.row(fold).isFold()).isFalse();
    assertThat(model.row(fold).styled().text()).isEqualTo(lines.get((int) row.line()));
  }

  @Test
  void theStreamChoiceStillNamesTheStreamWhenAnotherStepIsShown(FxRobot robot) throws Exception {
    RunHandle other = LogSteps.finished(workspace, temp.resolve("src"), "echo trained");
    WaitForAsyncUtils.asyncFx(() -> model.show(workspace, other.runId(), "a", "Train model", () -> true)).get(30, TimeUnit.SECONDS);
    waitUntil(() -> model.titleProperty().get().equals("Train model · driver/stdout") && model.screenReady());
    WaitForAsyncUtils.waitForFxEvents();

    javafx.scene.control.MenuButton streams = robot.lookup("#logStream").queryAs(javafx.scene.control.MenuButton.class);
    assertThat(streams.getText()).isEqualTo("driver/stdout");
    assertThat(streams.getItems()).extracting(javafx.scene.control.MenuItem::getText).contains("driver/stdout");
  }

  @Test
  void theStreamChoiceShowsAnotherStreamOfTheStep(FxRobot robot) throws Exception {
    assertThat(robot.lookup("#logStream").queryAs(javafx.scene.control.MenuButton.class).getItems())
        .extracting(javafx.scene.control.MenuItem::getText).contains("driver/stdout", "driver/stderr", "pipewright/log");

    robot.clickOn("#logStream");
    robot.clickOn((javafx.scene.Node n) -> n.getStyleClass().contains("menu-item") && n.lookup(".label") != null
        && "driver/stderr".equals(((javafx.scene.control.Label) n.lookup(".label")).getText()));

    waitUntil(() -> "Prepare data wrote nothing to driver/stderr.".equals(model.placeholderProperty().get()));
    assertThat(model.titleProperty().get()).isEqualTo("Prepare data · driver/stderr");
    assertThat(robot.lookup("#logStream").queryAs(javafx.scene.control.MenuButton.class).getText())
        .isEqualTo("driver/stderr");
    assertThat(robot.lookup("#logPlaceholder").queryLabeled().isVisible()).isTrue();
  }
}

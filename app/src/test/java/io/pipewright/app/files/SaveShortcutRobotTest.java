package io.pipewright.app.files;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import io.pipewright.app.context.AppContext;
import io.pipewright.app.designer.MainViewModel;
import io.pipewright.app.designer.MainWindow;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.document.PipelineEdits;
import io.pipewright.app.fx.FxTaskExecutor;
import io.pipewright.app.samples.Samples;
import io.pipewright.app.testing.FxWait;
import io.pipewright.model.PipelineFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Scene;
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

@ExtendWith(ApplicationExtension.class)
class SaveShortcutRobotTest {
  @TempDir Path home;
  @TempDir Path work;

  private final ScriptedDialogs dialogs = new ScriptedDialogs();
  private FxTaskExecutor executor;
  private AppContext context;
  private Stage stage;
  private Path file;

  @Start
  void start(Stage stage) throws IOException {
    this.stage = stage;
    file = Files.copy(Samples.titanic(home), work.resolve("titanic.pipeline.json"));
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    executor = new FxTaskExecutor();
    context = new AppContext(executor, dialogs, PipelineDocument.empty());
    MainViewModel viewModel = new MainViewModel(context);
    MainWindow window = new MainWindow(viewModel);
    stage.setScene(new Scene(window, 1200, 800));
    stage.titleProperty().bind(viewModel.titleBinding());
    DesignerState remembered = DesignerState.FIRST_START.withRecent(List.of(file), file);
    FilesFeature.install(stage, window, viewModel, home, remembered);
    stage.show();
  }

  @AfterEach
  void stopExecutor() {
    executor.close();
  }

  @Test
  void ctrlSSavesTheFileAndTheTitleLosesTheDirtyMarker(FxRobot robot) throws Exception {
    FxWait.until(10, () -> context.document().file().isPresent());
    assertThat(stage.getTitle()).isEqualTo("titanic.pipeline.json — Pipewright");
    WaitForAsyncUtils.asyncFx(() -> context.document().edit("Rename",
        PipelineEdits.describe("Saved with Ctrl+S", "", null))).get(30, TimeUnit.SECONDS);
    assertThat(stage.getTitle()).isEqualTo("• titanic.pipeline.json — Pipewright");

    robot.clickOn("#canvas");
    robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);

    FxWait.until(10, () -> !stage.getTitle().startsWith("•"));
    assertThat(stage.getTitle()).isEqualTo("titanic.pipeline.json — Pipewright");
    assertThat(PipelineFormat.read(file).pipeline().name()).isEqualTo("Saved with Ctrl+S");
    assertThat(dialogs.asked).isEmpty();
  }
}

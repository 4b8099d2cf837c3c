package io.pipewright.app.files;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import io.pipewright.app.context.AppContext;
import io.pipewright.app.designer.MainViewModel;
import io.pipewright.app.designer.MainWindow;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.fx.FxTaskExecutor;
import io.pipewright.app.testing.FxWait;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** File ▸ Import Azure ML YAML… in the running designer: the job opens on the canvas as a new unsaved pipeline. */
@ExtendWith(ApplicationExtension.class)
class AzureMlYamlRobotTest {
  @TempDir Path home;
  @TempDir Path work;

  private final ScriptedDialogs dialogs = new ScriptedDialogs();
  private FxTaskExecutor executor;
  private AppContext context;
  private Stage stage;
  private MainWindow window;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    executor = new FxTaskExecutor();
    context = new AppContext(executor, dialogs, PipelineDocument.empty());
    MainViewModel viewModel = new MainViewModel(context);
    window = new MainWindow(viewModel);
    stage.setScene(new Scene(window, 1200, 800));
    stage.titleProperty().bind(viewModel.titleBinding());
    FilesFeature.install(stage, window, viewModel, home, DesignerState.FIRST_START);
    stage.show();
  }

  @AfterEach
  void stopExecutor() {
    executor.close();
  }

  @Test
  void importedJobOpensOnTheCanvasAsANewUnsavedPipeline(FxRobot robot) throws Exception {
    Path job = Files.writeString(work.resolve("pipeline.yml"), """
        type: pipeline
        display_name: Word count
        inputs:
          text:
            type: uri_file
            path: azureml://datastores/workspaceblobstore/paths/books/moby-dick.txt
        jobs:
          sample:
            type: spark
            entry:
              file: sample.py
            args: --in ${{inputs.text}} --out ${{outputs.sampled}}
            inputs:
              text: ${{parent.inputs.text}}
            outputs:
              sampled:
            compute: azureml:spark34
          count:
            type: command
            command: python count.py ${{inputs.words}}
            inputs:
              words: ${{parent.jobs.sample.outputs.sampled}}
        """);
    dialogs.answer(job);

    robot.clickOn("File").clickOn("Import Azure ML YAML…");

    FxWait.until(10, () -> context.document().pipeline().steps().size() == 2);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(dialogs.asked).containsExactly("open: Import Azure ML YAML");
    assertThat(context.document().graph().nodes()).extracting(n -> n.id()).containsExactlyInAnyOrder(
        "text", "sample", "count");
    assertThat(context.document().graph().edges()).hasSize(2);
    assertThat(stage.getTitle()).isEqualTo("• Word count — Pipewright");
    assertThat(dialogs.errors).isEmpty();
    assertThat(dialogs.informations).isEmpty();
    assertThat(robot.lookup("#status").queryLabeled().getText()).isEqualTo("Imported pipeline.yml");
  }
}

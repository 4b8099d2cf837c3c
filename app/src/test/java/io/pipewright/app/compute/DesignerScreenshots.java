package io.pipewright.app.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.designer.MainViewModel;
import io.pipewright.app.designer.MainWindow;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.fx.FxDialogService;
import io.pipewright.app.fx.FxTaskExecutor;
import io.pipewright.app.testing.FxWait;
import io.pipewright.local.LocalWorkspace;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Takes the screenshots in docs/screenshots from a real window. Not a test: it runs only when asked,
 * under Xvfb: {@code DISPLAY=:92 ./mvnw -o verify -pl app -am -Dxvfb -Dtest=DesignerScreenshots
 * -Dpipewright.screenshots=$PWD/docs/screenshots}.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "pipewright.screenshots", matches = ".+")
class DesignerScreenshots {
  @TempDir Path home;
  private LocalWorkspace workspace;
  private FxTaskExecutor executor;
  private AppContext context;
  private Stage stage;

  @Start
  void start(Stage stage) throws Exception {
    this.stage = stage;
    javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
    executor = new FxTaskExecutor();
    context = new AppContext(executor, new FxDialogService(stage),
        new PipelineDocument(Workspaces.titanic(Map.of()), null));
    MainWindow window = new MainWindow(new MainViewModel(context));
    ComputesFeature.install(window, context);
    Scene scene = new Scene(window, 1440, 940);
    scene.getStylesheets().add(MainWindow.class.getResource("/io/pipewright/app/designer/app.css").toExternalForm());
    stage.setScene(scene);
    stage.setX(0);
    stage.setY(0);
    stage.show();
  }

  @BeforeEach
  void openWorkspace() throws Exception {
    workspace = Workspaces.seeded(home);
    WaitForAsyncUtils.asyncFx(() -> context.workspaceProperty().set(workspace)).get(30, TimeUnit.SECONDS);
    WaitForAsyncUtils.waitForFxEvents();
  }

  @AfterEach
  void stop() {
    executor.close();
    workspace.close();
  }

  private static void screenshot(String name) throws Exception {
    Path out = Path.of(System.getProperty("pipewright.screenshots")).resolve(name);
    Process p = new ProcessBuilder("import", "-window", "root", out.toString()).inheritIO().start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
  }

  @Test
  void attachDialog(FxRobot robot) throws Exception {
    robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.K);
    robot.clickOn("#attachMenu").clickOn("Local Spark…");
    robot.clickOn("#computeName").write("spark-2");
    robot.clickOn("#field-cores").push(KeyCode.CONTROL, KeyCode.A).write("2");
    robot.clickOn("#field-javaHome").write("/opt/jdk-11");
    robot.clickOn("#testConnection");
    FxWait.until(60, () -> {
      Label result = robot.lookup("#connectionResult").queryAs(Label.class);
      return result.getText() != null && !result.getText().contains("Testing") && !result.getText().contains("Not tested");
    });
    WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
    screenshot("designer-attach.png");
    robot.clickOn("#field-javaHome").push(KeyCode.CONTROL, KeyCode.A).push(KeyCode.BACK_SPACE);
    robot.clickOn("#testConnection");
    FxWait.until(60, () -> {
      Label result = robot.lookup("#connectionResult").queryAs(Label.class);
      return result.getText() != null && result.getText().startsWith("Spark");
    });
    WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
    screenshot("designer-attach-tested.png");
    robot.clickOn("Cancel");
  }
}

package io.pipewright.app.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.designer.RunningDesigner;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.MenuButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The designer as ./pipewright starts it has the Azure item in its status bar, signed out. */
@ExtendWith(ApplicationExtension.class)
class AzureStatusInDesignerRobotTest {
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

  @Test
  void theStatusBarSaysNobodyIsSignedInToAzure(FxRobot robot) {
    designer.launch(robot, home);

    MenuButton item = RunningDesigner.find(robot, "#azureStatus");
    assertThat(item.getText()).isEqualTo("Not signed in to Azure");
    Node statusBar = item.getParent();
    assertThat(statusBar.getStyleClass()).contains("status-bar");
    assertThat(designer.app().context().azure().isSignedIn()).isFalse();
    designer.waitUntil(30, "the workspace to open", () -> designer.app().context().workspace().isPresent());
  }
}

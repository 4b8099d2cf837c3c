package io.pipewright.app.designer;

import io.pipewright.app.DesignerApp;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;

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
  }
}

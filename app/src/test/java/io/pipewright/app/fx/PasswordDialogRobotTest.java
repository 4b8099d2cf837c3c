package io.pipewright.app.fx;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.app.testing.FxWait;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The password dialog of the dialog service, driven by the robot. */
@ExtendWith(ApplicationExtension.class)
class PasswordDialogRobotTest {
  private static final String HEADER = "livy1 (Apache Livy at http://livy.example:8998) asks for the password of alice.";
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    stage.setScene(new Scene(new StackPane(), 400, 300));
    stage.show();
  }

  /** Opens the dialog the way the designer's prompt does: later, on the FX thread. */
  private CompletableFuture<Optional<char[]>> ask(FxRobot robot, String why) throws Exception {
    CompletableFuture<Optional<char[]>> answer = new CompletableFuture<>();
    Platform.runLater(() -> answer.complete(new FxDialogService(stage).askPassword("Password for livy1", HEADER, "alice", why)));
    // Present in the scene graph is not enough to click: wait until its window shows it.
    FxWait.until(10, () -> robot.lookup("#passwordField")
        .match(org.testfx.util.NodeQueryUtils.isVisible()).tryQuery().isPresent());
    WaitForAsyncUtils.waitForFxEvents();
    return answer;
  }

  private static Button button(FxRobot robot, ButtonType type) {
    DialogPane pane = robot.lookup("#passwordDialog").queryAs(DialogPane.class);
    return (Button) pane.lookupButton(type);
  }

  @Test
  void okIsOffUntilAPasswordIsTypedAndTheAnswerIsWhatWasTyped(FxRobot robot) throws Exception {
    CompletableFuture<Optional<char[]>> answer = ask(robot, null);
    assertThat(button(robot, ButtonType.OK).isDisabled()).isTrue();

    robot.clickOn("#passwordField").write("s3cret");
    assertThat(button(robot, ButtonType.OK).isDisabled()).isFalse();
    robot.clickOn(button(robot, ButtonType.OK));

    assertThat(answer.get(10, TimeUnit.SECONDS)).hasValueSatisfying(p -> assertThat(new String(p)).isEqualTo("s3cret"));
  }

  @Test
  void cancelAnswersNothing(FxRobot robot) throws Exception {
    CompletableFuture<Optional<char[]>> answer = ask(robot, null);

    robot.clickOn("#passwordField").write("typed but not meant");
    robot.clickOn(button(robot, ButtonType.CANCEL));

    assertThat(answer.get(10, TimeUnit.SECONDS)).isEmpty();
  }

  @Test
  void saysForWhomTheRefusalWhenAskingAgainAndThatThePasswordIsNeverSaved(FxRobot robot) throws Exception {
    CompletableFuture<Optional<char[]>> answer = ask(robot, "HTTP 401: invalid credentials");

    DialogPane pane = robot.lookup("#passwordDialog").queryAs(DialogPane.class);
    assertThat(pane.getHeaderText()).isEqualTo(HEADER);
    assertThat(robot.lookup("#passwordUser").queryAs(Label.class).getText()).isEqualTo("alice");
    assertThat(robot.lookup("#passwordRefusal").queryAs(Label.class).getText())
        .isEqualTo("The password was refused: HTTP 401: invalid credentials");
    assertThat(robot.lookup("#passwordKept").queryAs(Label.class).getText())
        .isEqualTo("Kept in memory until Pipewright closes; never saved.");

    robot.clickOn(button(robot, ButtonType.CANCEL));
    assertThat(answer.get(10, TimeUnit.SECONDS)).isEmpty();
  }

  @Test
  void theFirstAskShowsNoRefusal(FxRobot robot) throws Exception {
    CompletableFuture<Optional<char[]>> answer = ask(robot, null);

    assertThat(robot.lookup("#passwordRefusal").tryQuery()).isEmpty();

    Node cancel = button(robot, ButtonType.CANCEL);
    robot.clickOn(cancel);
    assertThat(answer.get(10, TimeUnit.SECONDS)).isEmpty();
  }
}

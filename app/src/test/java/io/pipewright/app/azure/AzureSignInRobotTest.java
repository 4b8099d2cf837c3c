package io.pipewright.app.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.AccessToken;
import io.pipewright.app.context.AppContext;
import io.pipewright.app.designer.MainViewModel;
import io.pipewright.app.designer.MainWindow;
import io.pipewright.app.designer.Theme;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.fx.FxDialogService;
import io.pipewright.app.fx.FxTaskExecutor;
import io.pipewright.app.testing.FxWait;
import io.pipewright.testing.AzureTokens;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.NodeQueryUtils;
import org.testfx.util.WaitForAsyncUtils;
import reactor.core.publisher.Mono;

/**
 * The status bar's Azure item and the device-code dialog in the main window, driven by the robot.
 * Microsoft Entra ID is played by azure-core TokenCredentials: a device-code one hands over its
 * code and waits until the test says the user has entered it. With -Dpipewright.screenshots=DIR
 * (under Xvfb: -Dxvfb) the screens are written there.
 */
@ExtendWith(ApplicationExtension.class)
class AzureSignInRobotTest {
  private FxTaskExecutor executor;
  private AppContext context;
  private Stage stage;
  private AzureFeature feature;
  private final List<String> opened = new CopyOnWriteArrayList<>();
  private volatile AzureSignInViewModel.Credentials credentials;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    executor = new FxTaskExecutor();
    context = new AppContext(executor, new FxDialogService(stage), PipelineDocument.empty());
    MainWindow window = new MainWindow(new MainViewModel(context));
    feature = AzureFeature.install(window, context, opened::add, (method, codes) -> credentials.of(method, codes));
    Scene scene = new Scene(window, 1200, 760);
    Theme.apply(false);
    Theme.style(scene);
    stage.setScene(scene);
    stage.show();
  }

  @AfterEach
  void stop(FxRobot robot) {
    robot.interact(() -> {
      if (feature.dialog() != null) {
        feature.dialog().finished();
      }
    });
    executor.close();
  }

  private static AccessToken adasToken() {
    return new AccessToken(AzureTokens.userToken("ada@contoso.com", AzureTokens.TENANT), OffsetDateTime.now().plusHours(1));
  }

  private static String status(FxRobot robot) {
    return robot.lookup("#azureStatus").queryAs(MenuButton.class).getText();
  }

  private static void choose(FxRobot robot, String item) {
    robot.clickOn("#azureStatus");
    robot.clickOn(item);
  }

  private static void waitFor(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
    try {
      FxWait.until(10, condition);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("timed out waiting for " + what, e);
    }
  }

  private boolean deviceCodeDialogShows(FxRobot robot) {
    return robot.lookup("#deviceCodeValue").match(NodeQueryUtils.isVisible()).tryQuery().isPresent();
  }

  /** A device-code credential that shows the code and waits for {@code entered}; {@code interrupted} when cancelled. */
  private void deviceCodeCredential(CountDownLatch entered, AtomicBoolean interrupted) {
    credentials = (method, codes) -> request -> Mono.fromCallable(() -> {
      codes.accept(AzureSignInViewModelTest.CODE);
      try {
        // Bounded: a test that fails before entering the code must not leave this thread waiting.
        if (!entered.await(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the test did not enter the code within 60 s");
        }
      } catch (InterruptedException e) {
        interrupted.set(true);
        throw e;
      }
      return adasToken();
    });
  }

  private void screenshot(FxRobot robot, Scene scene, String name) {
    String dir = System.getProperty("pipewright.screenshots");
    if (dir == null) {
      return;
    }
    robot.interact(() -> {
      BufferedImage image = SwingFXUtils.fromFXImage(scene.snapshot(null), null);
      try {
        Files.createDirectories(Path.of(dir));
        ImageIO.write(image, "png", Path.of(dir, name).toFile());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  /** Under Xvfb (-Dxvfb), what the display shows, with ImageMagick's import. */
  private static void screenOfTheDisplay(String name) throws Exception {
    String dir = System.getProperty("pipewright.screenshots");
    if (dir == null || "Monocle".equals(System.getProperty("glass.platform"))) {
      return;
    }
    WaitForAsyncUtils.waitForFxEvents();
    Files.createDirectories(Path.of(dir));
    Process p = new ProcessBuilder("import", "-window", "root", Path.of(dir, name).toString()).inheritIO().start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void theStatusBarSaysNotSignedInAndItsMenuOffersTheWaysToSignIn(FxRobot robot) throws Exception {
    assertThat(status(robot)).isEqualTo("Not signed in to Azure");
    MenuButton item = robot.lookup("#azureStatus").queryAs(MenuButton.class);
    assertThat(item.getItems()).extracting(MenuItem::getText).containsExactly("Sign in with the browser",
        "Sign in with a device code", "Use default credentials (environment, Azure CLI, managed identity)",
        "Use the Azure CLI's account (az login)", "Cancel sign-in", null, "Sign out");

    robot.clickOn("#azureStatus");
    screenOfTheDisplay("azure-status-menu.png"); // a menu is a window of its own: the whole display

    assertThat(item.isShowing()).isTrue();
    assertThat(item.getItems().get(4).isVisible()).as("Cancel sign-in, only while signing in").isFalse();
    assertThat(item.getItems().get(6).isDisable()).as("Sign out, while signed out").isTrue();
    robot.type(javafx.scene.input.KeyCode.ESCAPE);
  }

  @Test
  void aDeviceCodeSignInShowsTheCodeToCopyAndTheLinkThenWhoIsSignedIn(FxRobot robot) throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    deviceCodeCredential(entered, new AtomicBoolean());

    choose(robot, "Sign in with a device code");
    waitFor("the device-code dialog", () -> deviceCodeDialogShows(robot));
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(status(robot)).isEqualTo("Signing in to Azure…");
    assertThat(robot.lookup("#deviceCodeValue").queryAs(Label.class).getText()).isEqualTo("GB6FT8QXK");
    assertThat(robot.lookup("#deviceCodeLink").queryAs(Hyperlink.class).getText()).isEqualTo("https://microsoft.com/devicelogin");
    assertThat(robot.lookup("#deviceCodeMessage").queryAs(Label.class).getText())
        .startsWith("To sign in, use a web browser to open the page https://microsoft.com/devicelogin");
    assertThat(robot.lookup("#deviceCodeWaiting").queryAs(Label.class).getText()).startsWith("Waiting for you to sign in");

    robot.clickOn("#deviceCodeLink");
    assertThat(opened).containsExactly("https://microsoft.com/devicelogin");
    robot.clickOn("#deviceCodeCopy");
    assertThat(WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get(30, TimeUnit.SECONDS)).isEqualTo("GB6FT8QXK");
    assertThat(robot.lookup("#deviceCodeCopy").queryAs(Button.class).getText()).isEqualTo("Copied");
    screenshot(robot, robot.lookup("#deviceCodeDialog").queryAs(DialogPane.class).getScene(), "azure-device-code.png");

    entered.countDown(); // the user has entered the code at Microsoft

    waitFor("the account in the status bar", () -> status(robot).equals("ada@contoso.com · tenant 72f9…"));
    waitFor("the dialog to close", () -> !deviceCodeDialogShows(robot));
    assertThat(context.azure().isSignedIn()).isTrue();
    screenshot(robot, stage.getScene(), "azure-signed-in.png");
  }

  @Test
  void cancellingTheDeviceCodeDialogStopsTheSignIn(FxRobot robot) throws Exception {
    AtomicBoolean interrupted = new AtomicBoolean();
    deviceCodeCredential(new CountDownLatch(1), interrupted);
    choose(robot, "Sign in with a device code");
    waitFor("the device-code dialog", () -> deviceCodeDialogShows(robot));
    WaitForAsyncUtils.waitForFxEvents();

    Node cancel = robot.lookup("#deviceCodeDialog").queryAs(DialogPane.class).lookupButton(ButtonType.CANCEL);
    robot.clickOn(cancel);

    waitFor("the sign-in to stop", () -> status(robot).equals("Not signed in to Azure"));
    waitFor("the waiting credential to be interrupted", interrupted::get);
    assertThat(deviceCodeDialogShows(robot)).isFalse();
    assertThat(context.azure().isSignedIn()).isFalse();
  }

  @Test
  void aBrowserSignInShowsProgressAndCanBeCancelledFromTheStatusItem(FxRobot robot) throws Exception {
    AtomicBoolean interrupted = new AtomicBoolean();
    CountDownLatch never = new CountDownLatch(1);
    credentials = (method, codes) -> request -> Mono.fromCallable(() -> {
      try {
        // The user has not finished in the browser; bounded, far beyond what the test waits for.
        if (!never.await(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("not cancelled within 60 s");
        }
      } catch (InterruptedException e) {
        interrupted.set(true);
        throw e;
      }
      return adasToken();
    });
    MenuButton item = robot.lookup("#azureStatus").queryAs(MenuButton.class);

    choose(robot, "Sign in with the browser");

    waitFor("the spinner", () -> item.getGraphic() instanceof javafx.scene.control.ProgressIndicator);
    assertThat(status(robot)).isEqualTo("Signing in to Azure…");
    assertThat(io.pipewright.app.fx.Tips.text(item)).isEqualTo("Signing in to Azure: Sign in with the browser");
    assertThat(item.getItems().get(0).isDisable()).as("no second sign-in meanwhile").isTrue();

    choose(robot, "Cancel sign-in");

    waitFor("the sign-in to stop", () -> status(robot).equals("Not signed in to Azure"));
    waitFor("the waiting credential to be interrupted", interrupted::get);
    assertThat(item.getGraphic()).isNotInstanceOf(javafx.scene.control.ProgressIndicator.class);
    assertThat(context.azure().isSignedIn()).isFalse();
  }

  @Test
  void aFailedSignInIsShownInWords(FxRobot robot) throws Exception {
    credentials = (method, codes) -> request -> Mono.error(new RuntimeException(
        "AADSTS50126: Error validating credentials due to invalid username or password.\nTrace ID: 5e1c"));

    choose(robot, "Sign in with the browser");

    waitFor("the error dialog", () -> robot.lookup(".dialog-pane").match(NodeQueryUtils.isVisible()).tryQuery().isPresent());
    DialogPane error = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
    String shown = error.getHeaderText() + "\n" + ((Label) error.getContent()).getText();
    assertThat(shown).contains("Azure sign-in failed")
        .contains("Sign in with the browser: AADSTS50126: Error validating credentials due to invalid username or password.")
        .doesNotContain("Trace ID");
    screenshot(robot, error.getScene(), "azure-sign-in-failed.png");
    robot.clickOn((Node) error.lookupButton(error.getButtonTypes().get(0)));
    assertThat(status(robot)).isEqualTo("Not signed in to Azure");
  }

  @Test
  void signOutForgetsWhoWasSignedIn(FxRobot robot) throws Exception {
    credentials = (method, codes) -> request -> Mono.just(adasToken());
    choose(robot, "Use default credentials (environment, Azure CLI, managed identity)");
    waitFor("the account in the status bar", () -> status(robot).equals("ada@contoso.com · tenant 72f9…"));

    choose(robot, "Sign out");

    assertThat(status(robot)).isEqualTo("Not signed in to Azure");
    assertThat(context.azure().isSignedIn()).isFalse();
    assertThat(context.azure().account()).isEmpty();
  }
}

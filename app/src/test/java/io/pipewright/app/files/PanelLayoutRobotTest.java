package io.pipewright.app.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import atlantafx.base.theme.PrimerLight;
import io.pipewright.app.context.AppContext;
import io.pipewright.app.designer.MainViewModel;
import io.pipewright.app.designer.MainWindow;
import io.pipewright.app.designer.PanelLayout.Panel;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.fx.FxTaskExecutor;
import java.nio.file.Path;
import java.util.List;
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

/** The panels around the canvas hide and come back as wide as they were, and stay hidden across starts. */
@ExtendWith(ApplicationExtension.class)
class PanelLayoutRobotTest {
  @TempDir Path home;

  private FxTaskExecutor executor;
  private MainWindow window;
  private FilesFeature files;

  @Start
  void start(Stage stage) {
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    executor = new FxTaskExecutor();
    window = designer(stage, DesignerState.FIRST_START);
  }

  private MainWindow designer(Stage stage, DesignerState remembered) {
    AppContext context = new AppContext(executor, new ScriptedDialogs(), PipelineDocument.empty());
    MainViewModel viewModel = new MainViewModel(context);
    MainWindow w = new MainWindow(viewModel);
    stage.setScene(new Scene(w, 1200, 800));
    files = FilesFeature.install(stage, w, viewModel, home, remembered);
    stage.show();
    return w;
  }

  @AfterEach
  void stopExecutor() {
    executor.close();
  }

  @Test
  void shortcutsHideAndShowThePanelsAtTheirFormerWidth(FxRobot robot) {
    double paletteWidth = window.horizontalSplit().getItems().get(0).getBoundsInLocal().getWidth();
    double canvasWidth = window.canvas().getWidth();
    robot.clickOn("#canvas");

    robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.SHIFT, KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(window.horizontalSplit().getItems()).hasSize(2).startsWith(window.canvas());
    assertThat(window.canvas().getWidth()).isGreaterThan(canvasWidth + paletteWidth / 2);
    assertThat(files.capture().hiddenPanels()).containsExactly("palette");

    robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.SHIFT, KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(window.horizontalSplit().getItems()).hasSize(3);
    assertThat(window.horizontalSplit().getItems().get(0).getBoundsInLocal().getWidth()).isCloseTo(paletteWidth, within(2.0));
    assertThat(window.canvas().getWidth()).isCloseTo(canvasWidth, within(2.0));

    robot.press(KeyCode.CONTROL, KeyCode.M).release(KeyCode.M, KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(window.horizontalSplit().getItems()).containsExactly(window.canvas());
    assertThat(window.verticalSplit().getItems()).containsExactly(window.horizontalSplit());
    assertThat(window.panels().canvasOnly()).isTrue();

    robot.press(KeyCode.CONTROL, KeyCode.M).release(KeyCode.M, KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(window.panels().hidden()).isEmpty();
    assertThat(window.canvas().getWidth()).isCloseTo(canvasWidth, within(2.0));
  }

  @Test
  void showingATabBringsTheTabsBack(FxRobot robot) {
    robot.interact(() -> window.panels().toggle(Panel.BOTTOM));
    assertThat(window.verticalSplit().getItems()).hasSize(1);

    robot.interact(() -> window.showTab(window.logTab()));

    assertThat(window.verticalSplit().getItems()).hasSize(2);
    assertThat(window.bottomTabs().getSelectionModel().getSelectedItem()).isSameAs(window.logTab());
  }

  @Test
  void hiddenPanelsAndWidthsAreRememberedForTheNextStart(FxRobot robot) {
    robot.interact(() -> {
      window.horizontalSplit().setDividerPositions(0.25, 0.7);
      window.panels().toggle(Panel.PROPERTIES);
    });
    DesignerState state = files.capture();
    assertThat(state.hiddenPanels()).containsExactly("properties");
    assertThat(state.horizontalDividers()).containsExactly(0.25, 0.7);
    DesignerStateStore.in(home).save(state);

    DesignerState loaded = DesignerStateStore.in(home).load();
    MainWindow[] next = new MainWindow[1];
    robot.interact(() -> next[0] = designer(new Stage(), loaded));

    assertThat(next[0].horizontalSplit().getItems()).hasSize(2).doesNotContain(next[0].propertiesSlot());
    assertThat(next[0].horizontalSplit().getDividerPositions()[0]).isCloseTo(0.25, within(0.01));
    robot.interact(() -> next[0].panels().show(Panel.PROPERTIES));
    assertThat(next[0].horizontalSplit().getDividerPositions()).containsExactly(new double[] {0.25, 0.7}, within(0.01));
    assertThat(List.copyOf(next[0].panels().hidden())).isEmpty();
    robot.interact(() -> ((Stage) next[0].getScene().getWindow()).close());
  }
}

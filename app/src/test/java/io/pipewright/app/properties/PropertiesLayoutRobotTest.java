package io.pipewright.app.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.designer.MainWindow;
import io.pipewright.app.testing.FxWait;
import io.pipewright.local.LocalWorkspace;
import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The property panel's layout while the seed's settings are typed into a Spark SQL step (driver 7g and
 * 4 cores, executors 7g and 2 cores, 1 executor): labels and fields keep their place and width when
 * hints grow and notes appear, and the panel never needs a sideways scroll at its default width.
 * With {@code -Dpipewright.shot.prefix=/tmp/x-} it also writes what it saw as PNGs.
 */
@ExtendWith(ApplicationExtension.class)
class PropertiesLayoutRobotTest {
  private static final List<String> FIELDS =
      List.of("#driverMemory", "#driverCores", "#executors", "#executorMemory", "#executorCores", "#stepName");

  @TempDir Path home;
  private PropertiesWindow shown;
  private AppContext context;
  private MainWindow window;
  private LocalWorkspace workspace;
  private PropertiesFeature feature;

  @Start
  void start(Stage stage) throws Exception {
    shown = PropertiesWindow.show(stage, home);
    context = shown.context;
    window = shown.window;
    workspace = shown.workspace;
    feature = shown.feature;
  }

  @AfterEach
  void stop() {
    shown.close();
  }

  private static <T> T onFx(Callable<T> read) throws Exception {
    return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
  }

  private static void waitUntil(Callable<Boolean> condition) {
    FxWait.until(10, "the panel", condition);
  }

  private void selectPrep() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> window.canvas().select("prep"));
    waitUntil(() -> "prep".equals(context.selectedNodeIdProperty().get()));
    waitUntil(() -> !feature.viewModel().computes().isEmpty());
    waitUntil(() -> footprint().getText().contains("(this machine)"));
    // The step's form is built on a later pulse than the selection: wait until all its fields show.
    waitUntil(() -> FIELDS.stream().allMatch(id -> window.lookup(id) != null && window.lookup(id).isVisible()));
  }

  private Label footprint() {
    return (Label) window.lookup("#footprint");
  }

  private ScrollPane scroll() {
    return (ScrollPane) window.lookup("#properties").lookup(".scroll-pane");
  }

  /** Each field's and its label's bounds in the scene. */
  private Map<String, Bounds> layout() throws Exception {
    return layout(false);
  }

  /** Each field's and its label's bounds, in the scene or in the scrolled sections. */
  private Map<String, Bounds> layout(boolean inSections) throws Exception {
    return onFx(() -> {
      window.applyCss();
      window.layout();
      Node sections = scroll().getContent();
      Map<String, Bounds> bounds = new LinkedHashMap<>();
      for (String id : FIELDS) {
        Node field = window.lookup(id);
        Bounds f = field.localToScene(field.getLayoutBounds());
        Label label = labelOf(field);
        Bounds l = label.localToScene(label.getLayoutBounds());
        bounds.put(id, inSections ? sections.sceneToLocal(f) : f);
        bounds.put(id + " label", inSections ? sections.sceneToLocal(l) : l);
      }
      return bounds;
    });
  }

  /** Scrolls the panel so that a field is in view, as a user would before clicking it. */
  private void reveal(String id) throws Exception {
    onFx(() -> {
      Node field = window.lookup(id);
      Node sections = scroll().getContent();
      Bounds b = sections.sceneToLocal(field.localToScene(field.getLayoutBounds()));
      double range = sections.getLayoutBounds().getHeight() - scroll().getViewportBounds().getHeight();
      if (range > 0) {
        scroll().setVvalue(Math.max(0, Math.min(1, (b.getMinY() - 24) / range)));
      }
      return null;
    });
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** The grid label of the row a field is in. */
  private Label labelOf(Node field) {
    Node row = field;
    while (!(row.getParent() instanceof Controls.Grid)) {
      row = row.getParent();
    }
    Integer index = javafx.scene.layout.GridPane.getRowIndex(row);
    return (Label) row.getParent().getChildrenUnmodifiable().stream()
        .filter(n -> n instanceof Label && Integer.valueOf(0).equals(javafx.scene.layout.GridPane.getColumnIndex(n))
            && index.equals(javafx.scene.layout.GridPane.getRowIndex(n)))
        .findFirst().orElseThrow();
  }

  private void type(FxRobot robot, String id, String text) throws Exception {
    reveal(id);
    robot.clickOn(id);
    robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
    robot.write(text);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static void enter(FxRobot robot) {
    robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private void shot(String name) throws Exception {
    String prefix = System.getProperty("pipewright.shot.prefix");
    if (prefix == null) {
      return;
    }
    var image = onFx(() -> window.getScene().snapshot(null));
    ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", new File(prefix + name + ".png"));
  }

  private static void assertSamePlaces(Map<String, Bounds> before, Map<String, Bounds> after, String when) {
    SoftAssertions softly = new SoftAssertions();
    samePlaces(softly, before, after, when);
    softly.assertAll();
  }

  private static void samePlaces(SoftAssertions softly, Map<String, Bounds> before, Map<String, Bounds> after,
      String when) {
    for (String key : before.keySet()) {
      Bounds b = before.get(key);
      Bounds a = after.get(key);
      softly.assertThat(a.getMinX()).as(key + " x " + when).isCloseTo(b.getMinX(), within(0.5));
      softly.assertThat(a.getMinY()).as(key + " y " + when).isCloseTo(b.getMinY(), within(0.5));
      softly.assertThat(a.getWidth()).as(key + " width " + when).isCloseTo(b.getWidth(), within(0.5));
    }
  }

  /** The panel's content fits its viewport: nothing to scroll sideways to, and nothing cut on the right. */
  private void assertNoSidewaysScroll() throws Exception {
    double contentWidth = onFx(() -> scroll().getContent().getLayoutBounds().getWidth());
    double viewportWidth = onFx(() -> scroll().getViewportBounds().getWidth());
    double viewportX = onFx(() -> scroll().getViewportBounds().getMinX());
    assertThat(contentWidth).as("the sections' width").isLessThanOrEqualTo(viewportWidth + 0.5);
    assertThat(viewportX).as("the sideways scroll").isCloseTo(0, within(0.5));
    for (String id : FIELDS) {
      Bounds field = onFx(() -> window.lookup(id).localToScene(window.lookup(id).getLayoutBounds()));
      Bounds viewport = onFx(() -> scroll().localToScene(scroll().getLayoutBounds()));
      assertThat(field.getMaxX()).as(id + "'s right edge").isLessThanOrEqualTo(viewport.getMaxX());
      assertThat(field.getWidth()).as(id + "'s width").isGreaterThan(40);
    }
  }

  @Test
  void typingTheSeedsSettingsMovesNoLabelOrFieldAndNeedsNoSidewaysScroll(FxRobot robot) throws Exception {
    selectPrep();
    Map<String, Bounds> before = layout(true);
    shot("before-typing");
    assertNoSidewaysScroll();

    // on the way to 7g: first 7, a bare number refused with a long reason below the field
    type(robot, "#driverMemory", "7");
    assertThat(onFx(() -> ((StepPanelModel) feature.viewModel().panel()).spark.driverMemory.error()))
        .as("the reason for a bare number").isNotEmpty();
    shot("bare-memory");
    SoftAssertions softly = new SoftAssertions();
    Map<String, Bounds> bare = layout(true);
    for (String key : List.of("#stepName", "#stepName label", "#driverMemory", "#driverMemory label")) {
      samePlaces(softly, Map.of(key, before.get(key)), Map.of(key, bare.get(key)), "while its reason shows");
    }
    type(robot, "#driverMemory", "7g");
    enter(robot);
    type(robot, "#driverCores", "4");
    enter(robot);
    type(robot, "#executorMemory", "7g");
    enter(robot);
    type(robot, "#executorCores", "2");
    enter(robot);
    type(robot, "#executors", "1");
    enter(robot);
    waitUntil(() -> footprint().getText().contains("7g heap"));

    shot("seed-settings");
    samePlaces(softly, before, layout(true), "after the seed's settings are typed");
    softly.assertAll();
    assertNoSidewaysScroll();
  }

  @Test
  void notesAppearingUnderTheFootprintDoNotMoveTheFieldUnderThePointer(FxRobot robot) throws Exception {
    selectPrep();
    // scrolled to the executors' section, as a user typing into it is
    reveal("#executorMemory");
    assertThat(onFx(() -> scroll().getVvalue())).isGreaterThan(0);
    Map<String, Bounds> before = layout();
    String notesBefore = onFx(() -> ((StepPanelModel) feature.viewModel().panel()).spark.footprintNotesProperty().get());

    type(robot, "#executorMemory", "4096g");
    waitUntil(() -> !((StepPanelModel) feature.viewModel().panel()).spark.footprintNotesProperty().get()
        .equals(notesBefore) || footprint().getText().contains("does not fit"));

    shot("notes");
    assertSamePlaces(before, layout(), "when the footprint and its notes change");
  }

  @Test
  void anInvalidValuesReasonShowsBelowItsFieldWithoutNarrowingIt(FxRobot robot) throws Exception {
    selectPrep();
    reveal("#driverMemory");
    Map<String, Bounds> before = layout();

    type(robot, "#driverMemory", "4x");
    enter(robot);

    shot("invalid");
    Map<String, Bounds> after = layout();
    assertThat(after.get("#driverMemory").getWidth()).isCloseTo(before.get("#driverMemory").getWidth(), within(0.5));
    assertThat(after.get("#driverMemory").getMinY()).isCloseTo(before.get("#driverMemory").getMinY(), within(0.5));
    assertThat(after.get("#driverMemory label").getMinX())
        .isCloseTo(before.get("#driverMemory label").getMinX(), within(0.5));
    assertNoSidewaysScroll();
  }

  @Test
  void atTheNarrowestPanelTheLabelsAreWholeAndNothingScrollsSideways(FxRobot robot) throws Exception {
    selectPrep();
    WaitForAsyncUtils.asyncFx(() -> window.horizontalSplit().setDividerPositions(0.16, 0.99));
    WaitForAsyncUtils.waitForFxEvents();
    waitUntil(() -> window.propertiesSlot().getWidth() < 280);

    type(robot, "#driverMemory", "7");
    shot("narrow");
    assertNoSidewaysScroll();
    for (String id : FIELDS) {
      Label label = onFx(() -> labelOf(window.lookup(id)));
      assertThat(onFx(() -> label.getWidth())).as(label.getText() + " is not cut")
          .isGreaterThanOrEqualTo(onFx(() -> label.prefWidth(-1)) - 0.5);
    }
  }
}

package io.pipewright.graph.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.model.NodeStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.Start;

/** A node's progress bar and detail lines (a failure's cause, why it did not run), as the default skin draws them. */
class NodeRunDetailRobotTest extends RobotTestBase {
  private static final String CAUSE = "SparkArithmeticException: [DIVIDE_BY_ZERO] Division by zero."
      + " Use `try_divide` to tolerate divisor being 0 and return NULL instead.";

  @Start
  void start(Stage stage) {
    show(stage);
  }

  private List<Text> shownTexts(GraphNode node) {
    onFx(view::applyPendingChanges);
    Node root = view.skinOf(node).root();
    return root.lookupAll("Text").stream().map(Text.class::cast).filter(Node::isVisible)
        .filter(t -> !t.getText().isEmpty()).toList();
  }

  private Rectangle progressBar(GraphNode node) {
    onFx(view::applyPendingChanges);
    // the progress bar is the visible rectangle of the status colour that is not the moving bar
    javafx.scene.Parent root = (javafx.scene.Parent) view.skinOf(node).root();
    return root.getChildrenUnmodifiable().stream().filter(n -> n instanceof Rectangle && n.isVisible())
        .map(Rectangle.class::cast).filter(r -> StatusColors.of(NodeStatus.RUNNING).equals(r.getFill()))
        .findFirst().orElseThrow();
  }

  @Test
  void aFailedNodeShowsItsCauseInTwoElidedRedLinesUnderTheTitle() {
    GraphNode prep = model.node("prep");
    onFx(() -> {
      prep.setStatus(NodeStatus.FAILED);
      prep.setBadge("3.1 s");
      prep.setDetail(CAUSE);
    });
    List<Text> texts = shownTexts(prep);
    List<Text> detail = texts.stream().filter(t -> t.getStyleClass().contains("node-detail")).toList();
    assertThat(detail).hasSize(2);
    assertThat(detail.get(0).getText()).startsWith("SparkArithmeticException:");
    assertThat(detail.get(1).getText()).endsWith("…");
    assertThat(CAUSE.replace(" ", "")).contains((detail.get(0).getText() + detail.get(1).getText()).replace("…", "")
        .replace(" ", ""));
    assertThat(detail).allSatisfy(t -> assertThat(t.getFill()).isEqualTo(StatusColors.of(NodeStatus.FAILED)));
    Text title = texts.stream().filter(t -> t.getText().equals("prepare")).findFirst().orElseThrow();
    Text badge = texts.stream().filter(t -> t.getText().equals("3.1 s")).findFirst().orElseThrow();
    Bounds card = new javafx.geometry.BoundingBox(0, 0, prep.getWidth(), prep.getHeight());
    for (Text t : List.of(title, badge, detail.get(0), detail.get(1))) {
      assertThat(card.contains(t.getBoundsInParent())).as("%s inside the card", t.getText()).isTrue();
    }
    assertThat(detail.get(0).getBoundsInParent().getMinY()).isGreaterThanOrEqualTo(title.getBoundsInParent().getMaxY() - 1);
    assertThat(detail.get(1).getBoundsInParent().getMinY()).isGreaterThanOrEqualTo(detail.get(0).getBoundsInParent().getMaxY() - 1);
    assertThat(badge.getBoundsInParent().getMinX()).isGreaterThan(title.getBoundsInParent().getMaxX());
    // the kind line makes room for the cause
    assertThat(texts).noneMatch(t -> t.getText().equals("spark"));
    assertThat(prep.getWidth()).isEqualTo(GraphNode.DEFAULT_WIDTH);
    assertThat(prep.getHeight()).isEqualTo(GraphNode.DEFAULT_HEIGHT);
    assertThat(DefaultNodeSkin.isOnDetail(prep, prep.getX() + 40, detail.get(0).getY() + prep.getY() - 3)).isTrue();
    assertThat(DefaultNodeSkin.isOnDetail(prep, prep.getX() + 40, prep.getY() + 10)).isFalse();
  }

  @Test
  void aRunningNodeWithKnownProgressShowsAThinBarAndItsText() {
    GraphNode prep = model.node("prep");
    onFx(() -> {
      prep.setStatus(NodeStatus.RUNNING);
      prep.setProgress(0.75);
      prep.setProgressText("stage 2 of 3 · 150/200 tasks");
    });
    assertThat(shownTexts(prep)).extracting(Text::getText).contains("stage 2 of 3 · 150/200 tasks");
    Rectangle bar = progressBar(prep);
    double track = prep.getWidth() - 28;
    assertThat(bar.getWidth()).isEqualTo(track * 0.75);
    assertThat(bar.getHeight()).isLessThanOrEqualTo(4);

    onFx(() -> prep.setProgress(0.25));
    assertThat(progressBar(prep).getWidth()).isEqualTo(track * 0.25);

    // nothing known: the moving bar at the bottom again, no text
    onFx(() -> {
      prep.setProgress(GraphNode.NO_PROGRESS);
      prep.setProgressText("");
    });
    Rectangle moving = progressBar(prep);
    assertThat(moving.getWidth()).isEqualTo((prep.getWidth() - 16) / 4);
    assertThat(moving.getY()).isEqualTo(prep.getHeight() - 5);
    assertThat(shownTexts(prep)).extracting(Text::getText).contains("spark");
  }

  @Test
  void aNodeThatDidNotRunIsGreyedWithItsReasonInTheSubtitleColour() {
    GraphNode train = model.node("train");
    onFx(() -> {
      train.setStatus(NodeStatus.SKIPPED);
      train.setBadge("not run");
      train.setDetail("not run: upstream 'prepare' failed");
    });
    List<Text> lines = shownTexts(train).stream().filter(t -> t.getStyleClass().contains("node-detail")).toList();
    assertThat(lines.stream().map(Text::getText).reduce((a, b) -> a + " " + b).orElseThrow())
        .isEqualTo("not run: upstream 'prepare' failed");
    Text detail = lines.get(0);
    assertThat((Color) detail.getFill()).isEqualTo(GraphColors.LIGHT.subtitle());
    assertThat(view.skinOf(train).root().getOpacity()).isLessThan(1);

    onFx(() -> {
      train.setStatus(NodeStatus.NONE);
      train.setDetail("");
      train.setBadge("");
    });
    assertThat(view.skinOf(train).root().getOpacity()).isEqualTo(1);
    assertThat(shownTexts(train)).noneMatch(t -> t.getStyleClass().contains("node-detail"));
  }

  @Test
  void exportDrawsTheCauseOnTheNode(@TempDir Path dir) throws Exception {
    GraphNode prep = model.node("prep");
    Path file = dir.resolve("failed.png");
    AtomicReference<Exception> failure = new AtomicReference<>();
    onFx(() -> {
      prep.setStatus(NodeStatus.FAILED);
      prep.setDetail(CAUSE);
      try {
        GraphExport.writePng(view, 1.0, file);
      } catch (Exception e) {
        failure.set(e);
      }
    });
    assertThat(failure.get()).isNull();
    java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(file.toFile());
    // red pixels of the cause's text inside the prepare card (the export frames the cards with a 32 px margin)
    Bounds cards = view.modelBounds();
    int x0 = (int) (prep.getX() - cards.getMinX() + 32);
    int y0 = (int) (prep.getY() - cards.getMinY() + 32);
    int red = 0;
    for (int y = y0 + 30; y < y0 + 60; y++) {
      for (int x = x0 + 10; x < x0 + 170; x++) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        if (r > 150 && g < 110 && b < 110) {
          red++;
        }
      }
    }
    assertThat(red).as("red text pixels of the cause").isGreaterThan(50);
  }
}

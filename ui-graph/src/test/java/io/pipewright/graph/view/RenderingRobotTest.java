package io.pipewright.graph.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.graph.demo.SampleGraphs;
import io.pipewright.graph.layout.LayeredLayout;
import io.pipewright.graph.model.GraphModel;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.model.NodeStatus;
import io.pipewright.graph.model.Port;
import io.pipewright.graph.undo.UndoStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class RenderingRobotTest {
  private final AtomicInteger updates = new AtomicInteger();
  private GraphModel model;
  private GraphView view;

  @Start
  void start(Stage stage) {
    model = SampleGraphs.pipeline(2000, 2500, 3);
    double[] xy = new LayeredLayout().compute(model);
    for (int i = 0; i < model.nodes().size(); i++) {
      model.nodes().get(i).moveTo(xy[2 * i], xy[2 * i + 1]);
    }
    DefaultNodeSkinFactory base = new DefaultNodeSkinFactory();
    NodeSkinFactory counting = new NodeSkinFactory() {
      @Override
      public NodeSkin create(String kind) {
        NodeSkin skin = base.create(kind);
        return new NodeSkin() {
          @Override
          public Node root() {
            return skin.root();
          }

          @Override
          public void bind(GraphNode node) {
            skin.bind(node);
          }

          @Override
          public void unbind() {
            skin.unbind();
          }

          @Override
          public void update() {
            updates.incrementAndGet();
            skin.update();
          }

          @Override
          public void setSelected(boolean selected) {
            skin.setSelected(selected);
          }

          @Override
          public void setPortState(Port port, PortState state) {
            skin.setPortState(port, state);
          }

          @Override
          public void setColors(GraphColors colors) {
            skin.setColors(colors);
          }
        };
      }

      @Override
      public Color overviewColor(GraphNode node) {
        return base.overviewColor(node);
      }
    };
    view = new GraphView(model, new UndoStack(), counting, e -> new EdgeSkin(Color.GRAY, 1.5));
    stage.setScene(new Scene(view, 1200, 800));
    stage.show();
  }

  @Test
  void manyChangesToANodeInOnePulseUpdateItsSkinOnce() {
    RobotTestBase.onFx(() -> view.zoomToNode(model.nodes().get(0)));
    GraphNode first = model.nodes().get(0);
    updates.set(0);
    RobotTestBase.onFx(() -> {
      for (int i = 0; i < 50; i++) {
        first.setTitle("title " + i);
        first.setBadge(i + " s");
      }
    });
    assertThat(updates.get()).isEqualTo(1);
  }

  @Test
  void atFitToViewNodesAreDrawnAsBoxesWithoutSkins() {
    RobotTestBase.onFx(view::fitToView);
    assertThat(view.visibleSkinCount()).isZero();
  }

  @Test
  void atActualSizeOnlyNodesInTheViewportGetSkins() {
    RobotTestBase.onFx(() -> view.zoomToNode(model.nodes().get(500)));
    assertThat(view.visibleSkinCount()).isBetween(1, 200);
  }

  @Test
  void panningMovesTheCachedLayerWithoutDrawingItAgain() {
    RobotTestBase.onFx(view::fitToView);
    // a zoom draws only what is on screen; the first pan after it draws the margins too
    RobotTestBase.onFx(() -> view.panBy(1, 0));
    int before = view.staticLayerRevision();
    RobotTestBase.onFx(() -> view.panBy(12, 6));
    RobotTestBase.onFx(() -> view.panBy(-12, 6));
    assertThat(view.staticLayerRevision()).isEqualTo(before);
  }

  @Test
  void movingANodeDrawsTheCachedLayerAgainWithTheBoxInItsNewPlace() throws Exception {
    GraphNode node = model.nodes().get(700);
    int boxColour = OverviewRaster.argb(view.getNodeSkinFactory().overviewColor(node));
    // an empty part of the model, at the centre of the view, zoomed out (boxes, no skins)
    RobotTestBase.onFx(() -> {
      view.zoomProperty().set(0.3);
      view.centerOn(-5000, -5000);
    });
    // the layer is drawn in the next pulse, which waiting for FX events does not guarantee
    RobotTestBase.waitUntil(() -> view.staticLayerArgbAt(600, 400) != boxColour);
    int emptyRevision = view.staticLayerRevision();

    RobotTestBase.onFx(() -> node.moveTo(-5000 - node.getWidth() / 2, -5000 - node.getHeight() / 2));

    RobotTestBase.waitUntil(() -> view.staticLayerRevision() > emptyRevision);
    RobotTestBase.waitUntil(() -> view.staticLayerArgbAt(600, 400) == boxColour);
  }

  @Test
  void darkColorsRepaintTheBackgroundAndTheCardsShownAndPooled() throws Exception {
    GraphNode node = model.nodes().get(300);
    RobotTestBase.onFx(() -> view.zoomToNode(node));
    javafx.scene.layout.Region card = (javafx.scene.layout.Region) view.skinOf(node).root();
    assertThat(card.getBackground().getFills().get(0).getFill()).isEqualTo(GraphColors.LIGHT.card());
    // an empty part of the model: the background (or a grid line) of the colours in use
    RobotTestBase.onFx(() -> view.centerOn(-5000, -5000));
    RobotTestBase.waitUntil(() -> isCanvasOf(view.staticLayerArgbAt(600, 401), GraphColors.LIGHT));

    RobotTestBase.onFx(() -> view.colorsProperty().set(GraphColors.DARK));

    RobotTestBase.waitUntil(() -> isCanvasOf(view.staticLayerArgbAt(600, 401), GraphColors.DARK));
    assertThat(card.getBackground().getFills().get(0).getFill()).as("a pooled card").isEqualTo(GraphColors.DARK.card());
    RobotTestBase.onFx(() -> view.zoomToNode(model.nodes().get(1300)));
    javafx.scene.layout.Region other = (javafx.scene.layout.Region) view.skinOf(model.nodes().get(1300)).root();
    assertThat(other.getBackground().getFills().get(0).getFill()).isEqualTo(GraphColors.DARK.card());
    RobotTestBase.onFx(() -> view.colorsProperty().set(GraphColors.LIGHT));
  }

  /** Whether a pixel is the background or a grid line of {@code colors}. */
  private static boolean isCanvasOf(int argb, GraphColors colors) {
    return argb == OverviewRaster.argb(colors.background()) || argb == OverviewRaster.argb(colors.gridMinor())
        || argb == OverviewRaster.argb(colors.gridMajor());
  }

  @Test
  void runningStatusIsShownOnTheNodesSkin() {
    GraphNode node = model.nodes().get(500);
    RobotTestBase.onFx(() -> {
      view.zoomToNode(node);
      node.setStatus(NodeStatus.RUNNING);
      node.setBadge("12 s");
    });
    Node root = view.skinOf(node).root();
    assertThat(root.lookupAll("Text")).anyMatch(t -> "12 s".equals(((javafx.scene.text.Text) t).getText()));
  }

  @Test
  void exportWritesAPngOfTheWholeGraph(@TempDir Path dir) throws Exception {
    GraphModel small = SampleGraphs.small();
    Path file = dir.resolve("graph.png");
    java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();
    RobotTestBase.onFx(() -> {
      GraphView smallView = new GraphView(small);
      try {
        GraphExport.writePng(smallView, 1.0, file);
      } catch (Exception e) {
        failure.set(e);
      }
      smallView.dispose();
    });
    assertThat(failure.get()).isNull();
    java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(file.toFile());
    // The cards span 740 px and the margins 2 × 32; the last column's output names stick out beyond
    // the cards and are framed too (a few dozen px of 10 px text).
    assertThat(image.getWidth()).isGreaterThan(740 + 64).isLessThan(740 + 64 + 100);
    assertThat(Files.size(file)).isGreaterThan(1000);
  }
}

package io.pipewright.graph.view;

import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.model.NodeStatus;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.effect.DropShadow;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Border;
import javafx.scene.layout.BorderStroke;
import javafx.scene.layout.BorderStrokeStyle;
import javafx.scene.layout.BorderWidths;
import javafx.scene.layout.CornerRadii;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

/**
 * An overview of the whole graph with the viewport as a rectangle. Click to centre the view
 * there; drag the rectangle (or anywhere) to pan. Nodes are redrawn only when the model changes,
 * the rectangle whenever the viewport does.
 */
public final class Minimap extends Region {
  private static final double WIDTH = 220;
  private static final double HEIGHT = 140;
  private static final double PAD = 8;

  private final GraphView view;
  private final Canvas canvas = new Canvas(WIDTH, HEIGHT);
  private final Rectangle viewport = new Rectangle();
  private double scale = 1;
  private double offsetX;
  private double offsetY;
  private double grabX;
  private double grabY;

  private static final CornerRadii RADII = new CornerRadii(6);

  /** The fill and border of the view's colours (its boxes keep their kinds' colours). */
  void setColors(GraphColors colors) {
    setBackground(new Background(new BackgroundFill(colors.minimap(), RADII, Insets.EMPTY)));
    setBorder(new Border(new BorderStroke(colors.cardBorder(), BorderStrokeStyle.SOLID, RADII, new BorderWidths(1))));
  }

  Minimap(GraphView view) {
    this.view = view;
    getStyleClass().add("graph-minimap");
    setColors(GraphColors.LIGHT);
    setEffect(new DropShadow(8, 0, 2, Color.rgb(15, 23, 42, 0.12)));
    viewport.setFill(Color.web("#2563eb", 0.08));
    viewport.setStroke(Color.web("#2563eb"));
    viewport.setStrokeWidth(1.5);
    viewport.setManaged(false);
    canvas.setManaged(false);
    Rectangle clip = new Rectangle(WIDTH, HEIGHT);
    clip.setArcWidth(12);
    clip.setArcHeight(12);
    setClip(clip);
    getChildren().addAll(canvas, viewport);
    addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
    addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
    addEventHandler(MouseEvent.ANY, MouseEvent::consume);
  }

  @Override
  protected double computePrefWidth(double height) {
    return WIDTH;
  }

  @Override
  protected double computePrefHeight(double width) {
    return HEIGHT;
  }

  /** The viewport rectangle, in minimap coordinates (for tests and hosts' own styling). */
  public Rectangle viewportRectangle() {
    return viewport;
  }

  void redrawNodes() {
    Bounds b = view.modelBounds();
    double bw = Math.max(b.getWidth(), 1);
    double bh = Math.max(b.getHeight(), 1);
    scale = Math.min((WIDTH - 2 * PAD) / bw, (HEIGHT - 2 * PAD) / bh);
    offsetX = PAD + ((WIDTH - 2 * PAD) - bw * scale) / 2 - b.getMinX() * scale;
    offsetY = PAD + ((HEIGHT - 2 * PAD) - bh * scale) / 2 - b.getMinY() * scale;
    GraphicsContext g = canvas.getGraphicsContext2D();
    g.clearRect(0, 0, WIDTH, HEIGHT);
    List<GraphNode> nodes = view.getModel().nodes();
    NodeSkinFactory skins = view.getNodeSkinFactory();
    Color last = null;
    for (int i = 0, n = nodes.size(); i < n; i++) {
      GraphNode node = nodes.get(i);
      NodeStatus s = node.getStatus();
      Color c = s == NodeStatus.NONE ? skins.overviewColor(node) : StatusColors.of(s);
      if (c != last) {
        g.setFill(c);
        last = c;
      }
      g.fillRect(offsetX + node.getX() * scale, offsetY + node.getY() * scale,
          Math.max(1.5, node.getWidth() * scale), Math.max(1.5, node.getHeight() * scale));
    }
  }

  void updateViewport() {
    Bounds v = view.visibleModelBounds();
    viewport.setX(offsetX + v.getMinX() * scale);
    viewport.setY(offsetY + v.getMinY() * scale);
    viewport.setWidth(v.getWidth() * scale);
    viewport.setHeight(v.getHeight() * scale);
  }

  private void pressed(MouseEvent e) {
    if (viewport.contains(e.getX(), e.getY())) {
      grabX = e.getX() - (viewport.getX() + viewport.getWidth() / 2);
      grabY = e.getY() - (viewport.getY() + viewport.getHeight() / 2);
    } else {
      grabX = 0;
      grabY = 0;
      centerAt(e.getX(), e.getY());
    }
  }

  private void dragged(MouseEvent e) {
    centerAt(e.getX() - grabX, e.getY() - grabY);
  }

  /** Centres the main view on the model point under a minimap point. */
  private void centerAt(double x, double y) {
    view.centerOn((x - offsetX) / scale, (y - offsetY) / scale);
  }
}

package io.pipewright.graph.view;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import io.pipewright.graph.model.GraphNode;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Renders the whole graph of a view to an image at a given scale, with full detail and no
 * minimap, through an off-screen view of the same model and skins. Works headless (Monocle) too.
 * Call on the JavaFX application thread.
 */
public final class GraphExport {
  private static final double MARGIN = 32;

  private GraphExport() {}

  public static WritableImage toImage(GraphView source, double scale) {
    GraphView offscreen = new GraphView(source.getModel(), new io.pipewright.graph.undo.UndoStack(1),
        source.getNodeSkinFactory(), source.getEdgeSkinFactory());
    offscreen.colorsProperty().set(source.getColors());
    offscreen.showMinimapProperty().set(false);
    offscreen.lodZoomProperty().set(0);
    offscreen.cacheStaticLayerProperty().set(false);
    Bounds cards = source.modelBounds();
    Scene scene = show(offscreen, cards, scale);
    // Skins draw beyond their node's box (port names beside the ports): frame all they draw.
    Bounds drawn = drawnBounds(offscreen, cards);
    if (!drawn.equals(cards)) {
      scene.setRoot(new Group());
      scene = show(offscreen, drawn, scale);
    }
    WritableImage image = offscreen.snapshot(new SnapshotParameters(), null);
    scene.setRoot(new Group());
    offscreen.dispose();
    return image;
  }

  /** Lays {@code view} out in a scene of its own showing the model area {@code b} and a margin. */
  private static Scene show(GraphView view, Bounds b, double scale) {
    double w = Math.ceil((b.getWidth() + 2 * MARGIN) * scale);
    double h = Math.ceil((b.getHeight() + 2 * MARGIN) * scale);
    view.zoomProperty().set(scale);
    view.panXProperty().set((MARGIN - b.getMinX()) * scale);
    view.panYProperty().set((MARGIN - b.getMinY()) * scale);
    Scene scene = new Scene(view, w, h);
    view.resize(w, h);
    scene.getRoot().applyCss();
    view.layout();
    view.applyPendingChanges();
    return scene;
  }

  /** The model area the node skins draw on (their shown parts), at least {@code cards}. */
  private static Bounds drawnBounds(GraphView view, Bounds cards) {
    double minX = cards.getMinX();
    double minY = cards.getMinY();
    double maxX = cards.getMaxX();
    double maxY = cards.getMaxY();
    for (GraphNode node : view.getModel().nodes()) {
      NodeSkin skin = view.skinOf(node);
      if (skin != null) {
        Bounds r = skin.root().getBoundsInParent();
        minX = Math.min(minX, r.getMinX());
        minY = Math.min(minY, r.getMinY());
        maxX = Math.max(maxX, r.getMaxX());
        maxY = Math.max(maxY, r.getMaxY());
      }
    }
    return new BoundingBox(minX, minY, maxX - minX, maxY - minY);
  }

  public static void writePng(GraphView source, double scale, Path file) throws IOException {
    WritableImage image = toImage(source, scale);
    BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
    if (!ImageIO.write(buffered, "png", file.toFile())) {
      throw new IOException("No PNG writer available");
    }
  }
}

package io.pipewright.graph.view;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
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
    offscreen.showMinimapProperty().set(false);
    offscreen.lodZoomProperty().set(0);
    offscreen.cacheStaticLayerProperty().set(false);
    Bounds b = source.modelBounds();
    double w = Math.ceil((b.getWidth() + 2 * MARGIN) * scale);
    double h = Math.ceil((b.getHeight() + 2 * MARGIN) * scale);
    offscreen.zoomProperty().set(scale);
    offscreen.panXProperty().set((MARGIN - b.getMinX()) * scale);
    offscreen.panYProperty().set((MARGIN - b.getMinY()) * scale);
    Scene scene = new Scene(offscreen, w, h);
    offscreen.resize(w, h);
    scene.getRoot().applyCss();
    offscreen.layout();
    offscreen.applyPendingChanges();
    WritableImage image = offscreen.snapshot(new SnapshotParameters(), null);
    scene.setRoot(new javafx.scene.Group());
    offscreen.dispose();
    return image;
  }

  public static void writePng(GraphView source, double scale, Path file) throws IOException {
    WritableImage image = toImage(source, scale);
    BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
    if (!ImageIO.write(buffered, "png", file.toFile())) {
      throw new IOException("No PNG writer available");
    }
  }
}

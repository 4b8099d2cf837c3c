package io.pipewright.app.canvas;

import io.pipewright.app.document.PipelineDocument;
import io.pipewright.graph.view.GraphExport;
import io.pipewright.graph.view.GraphView;
import io.pipewright.model.Pipeline;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.scene.image.WritableImage;

/**
 * A pipeline drawn as the canvas draws it ({@link CanvasLook}), whole, without the minimap: for
 * {@code pipewright render} and exports. Call on the JavaFX application thread.
 */
public final class PipelineImage {
  /** GraphExport's margin around the graph, in model units. */
  private static final double MARGIN = 32;

  private PipelineImage() {}

  /** The whole pipeline at {@code scale} (1 = 100 %). */
  public static BufferedImage render(Pipeline pipeline, Path file, double scale) {
    GraphView view = CanvasLook.newView(new PipelineDocument(pipeline, file));
    try {
      WritableImage image = GraphExport.toImage(view, scale);
      return SwingFXUtils.fromFXImage(image, null);
    } finally {
      view.dispose();
    }
  }

  /**
   * The whole pipeline fitted into exactly {@code width} × {@code height} pixels (at most
   * {@code maxScale}), centred on the canvas background.
   */
  public static BufferedImage render(Pipeline pipeline, Path file, int width, int height, double maxScale) {
    GraphView view = CanvasLook.newView(new PipelineDocument(pipeline, file));
    BufferedImage drawn;
    try {
      Bounds b = view.modelBounds();
      double scale = Math.min(maxScale, Math.min(width / (b.getWidth() + 2 * MARGIN),
          height / (b.getHeight() + 2 * MARGIN)));
      drawn = SwingFXUtils.fromFXImage(GraphExport.toImage(view, scale), null);
    } finally {
      view.dispose();
    }
    BufferedImage result = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = result.createGraphics();
    try {
      g.setColor(new java.awt.Color(drawn.getRGB(0, 0), true));
      g.fillRect(0, 0, width, height);
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      int w = Math.min(width, drawn.getWidth());
      int h = Math.min(height, drawn.getHeight());
      g.drawImage(drawn, (width - w) / 2, (height - h) / 2, w, h, null);
    } finally {
      g.dispose();
    }
    return result;
  }
}

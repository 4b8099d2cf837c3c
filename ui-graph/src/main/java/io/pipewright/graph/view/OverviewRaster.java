package io.pipewright.graph.view;

import java.nio.IntBuffer;
import java.util.Arrays;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/**
 * The opaque pixel buffer behind the view's cached static layer, drawn by plain Java: background,
 * grid lines, edges as anti-aliased polylines (Wu's algorithm; wider edges as side-by-side
 * strands) and, below the level of detail, node boxes as filled rectangles. The image shares the
 * pixels ({@link PixelBuffer}), so there is no copy. Measured on the software pipeline, the
 * general rasterizer of a {@code Canvas} took 25–60 ms for 2,500 curves and 2,000 boxes; this
 * takes a few. No allocation per frame.
 */
final class OverviewRaster {
  private int width;
  private int height;
  private int[] pixels = new int[0];
  private PixelBuffer<IntBuffer> buffer;
  private WritableImage image;
  // drawing is limited to this rectangle (exclusive end); commit updates only it
  private int cx0;
  private int cy0;
  private int cx1;
  private int cy1;

  /** Makes the buffer this size (whole pixels); returns whether a new image was made. */
  boolean ensureSize(int w, int h) {
    if (w == width && h == height && image != null) {
      return false;
    }
    width = w;
    height = h;
    IntBuffer ints = IntBuffer.allocate(w * h);
    pixels = ints.array();
    buffer = new PixelBuffer<>(w, h, ints, PixelFormat.getIntArgbPreInstance());
    image = new WritableImage(buffer);
    setClip(0, 0, w, h);
    return true;
  }

  /** For tests: pixels of this size without an image (no toolkit needed). */
  void ensureSizeForTest(int w, int h) {
    width = w;
    height = h;
    pixels = new int[w * h];
    setClip(0, 0, w, h);
  }

  WritableImage image() {
    return image;
  }

  int width() {
    return width;
  }

  int height() {
    return height;
  }

  /** Limits drawing (and the next commit) to a rectangle of pixels. */
  void setClip(int x0, int y0, int x1, int y1) {
    cx0 = Math.max(0, x0);
    cy0 = Math.max(0, y0);
    cx1 = Math.min(width, x1);
    cy1 = Math.min(height, y1);
  }

  /** Tells the image (which shares the pixels, no copy) that the clip rectangle changed. */
  void commit() {
    javafx.geometry.Rectangle2D dirty = new javafx.geometry.Rectangle2D(cx0, cy0, cx1 - cx0, cy1 - cy0);
    buffer.updateBuffer(b -> dirty);
  }

  static int argb(Color c) {
    return 0xff000000 | ((int) Math.round(c.getRed() * 255) << 16)
        | ((int) Math.round(c.getGreen() * 255) << 8) | (int) Math.round(c.getBlue() * 255);
  }

  void clear(int argb) {
    if (cy0 >= cy1 || cx0 >= cx1) {
      return;
    }
    // one row filled, the others copied from it: System.arraycopy is fast even before the JIT has
    // compiled anything (the first frame), a loop of fills is not
    int first = cy0 * width + cx0;
    int n = cx1 - cx0;
    Arrays.fill(pixels, first, first + n, argb);
    for (int y = cy0 + 1; y < cy1; y++) {
      System.arraycopy(pixels, first, pixels, y * width + cx0, n);
    }
  }

  void verticalLine(int x, int argb) {
    if (x < cx0 || x >= cx1) {
      return;
    }
    for (int i = cy0 * width + x, end = cy1 * width; i < end; i += width) {
      pixels[i] = argb;
    }
  }

  void horizontalLine(int y, int argb) {
    if (y < cy0 || y >= cy1) {
      return;
    }
    Arrays.fill(pixels, y * width + cx0, y * width + cx1, argb);
  }

  /** Fills a rectangle given in pixels (fractions rounded); at least one pixel is drawn. */
  void fillRect(double x0, double y0, double x1, double y1, int argb) {
    int ix0 = (int) Math.round(x0);
    int iy0 = (int) Math.round(y0);
    int ix1 = Math.max(ix0 + 1, (int) Math.round(x1));
    int iy1 = Math.max(iy0 + 1, (int) Math.round(y1));
    ix0 = Math.max(cx0, ix0);
    iy0 = Math.max(cy0, iy0);
    ix1 = Math.min(cx1, ix1);
    iy1 = Math.min(cy1, iy1);
    if (ix0 >= ix1 || iy0 >= iy1) {
      return;
    }
    for (int y = iy0; y < iy1; y++) {
      Arrays.fill(pixels, y * width + ix0, y * width + ix1, argb);
    }
  }

  /**
   * A cubic Bézier as a polyline of enough segments for its length on screen, {@code width}
   * pixels wide (a hairline below one pixel, fainter; wider lines are side-by-side hairlines).
   */
  void cubic(double x0, double y0, double x1, double y1, double x2, double y2, double x3, double y3,
      int rgb, double alpha, double width) {
    double len = Math.abs(x1 - x0) + Math.abs(y1 - y0) + Math.abs(x2 - x1) + Math.abs(y2 - y1)
        + Math.abs(x3 - x2) + Math.abs(y3 - y2);
    int n = (int) Math.min(48, Math.max(1, len / 10));
    int strands = Math.max(1, (int) Math.round(width));
    double strandAlpha = alpha * Math.min(1, width / strands);
    double lx = x0;
    double ly = y0;
    for (int i = 1; i <= n; i++) {
      double t = i / (double) n;
      double u = 1 - t;
      double a = u * u * u;
      double b = 3 * u * u * t;
      double c = 3 * u * t * t;
      double d = t * t * t;
      double x = a * x0 + b * x1 + c * x2 + d * x3;
      double y = a * y0 + b * y1 + c * y2 + d * y3;
      if (strands == 1) {
        line(lx, ly, x, y, rgb, strandAlpha);
      } else {
        // offset across the segment's main direction
        boolean steep = Math.abs(y - ly) > Math.abs(x - lx);
        for (int k = 0; k < strands; k++) {
          double o = k - (strands - 1) / 2.0;
          if (steep) {
            line(lx + o, ly, x + o, y, rgb, strandAlpha);
          } else {
            line(lx, ly + o, x, y + o, rgb, strandAlpha);
          }
        }
      }
      lx = x;
      ly = y;
    }
  }

  /** An anti-aliased hairline (Xiaolin Wu), blended onto the opaque pixels. */
  void line(double x0, double y0, double x1, double y1, int rgb, double alpha) {
    boolean steep = Math.abs(y1 - y0) > Math.abs(x1 - x0);
    if (steep) {
      double t = x0;
      x0 = y0;
      y0 = t;
      t = x1;
      x1 = y1;
      y1 = t;
    }
    if (x0 > x1) {
      double t = x0;
      x0 = x1;
      x1 = t;
      t = y0;
      y0 = y1;
      y1 = t;
    }
    double dx = x1 - x0;
    double gradient = dx < 1e-9 ? 0 : (y1 - y0) / dx;
    int start = (int) Math.max(steep ? cy0 : cx0, Math.round(x0));
    int end = (int) Math.min((steep ? cy1 : cx1) - 1, Math.round(x1));
    double y = y0 + gradient * (start - x0);
    for (int x = start; x <= end; x++) {
      int iy = (int) Math.floor(y);
      double f = y - iy;
      if (steep) {
        blend(iy, x, rgb, (1 - f) * alpha);
        blend(iy + 1, x, rgb, f * alpha);
      } else {
        blend(x, iy, rgb, (1 - f) * alpha);
        blend(x, iy + 1, rgb, f * alpha);
      }
      y += gradient;
    }
  }

  private void blend(int x, int y, int rgb, double a) {
    if (x < cx0 || y < cy0 || x >= cx1 || y >= cy1 || a <= 0.004) {
      return;
    }
    int i = y * width + x;
    int dst = pixels[i];
    int ia = (int) (a * 256);
    int na = 256 - ia;
    int r = (((rgb >> 16) & 0xff) * ia + ((dst >> 16) & 0xff) * na) >> 8;
    int g = (((rgb >> 8) & 0xff) * ia + ((dst >> 8) & 0xff) * na) >> 8;
    int b = ((rgb & 0xff) * ia + (dst & 0xff) * na) >> 8;
    pixels[i] = 0xff000000 | (r << 16) | (g << 8) | b;
  }

  /** For tests: the pixel at (x, y), ARGB. */
  int pixel(int x, int y) {
    return pixels[y * width + x];
  }
}

package io.pipewright.graph.view;

import io.pipewright.graph.model.GraphEdge;
import io.pipewright.graph.model.GraphModel;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.model.NodeStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableDoubleValue;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;

/**
 * Draws a {@link GraphView}: the static layer (background, grid, edges and, below the level of
 * detail, node boxes), cached in an image that panning only moves (see {@link OverviewRaster}),
 * and the dynamic canvas above it (selected edges, flowing dashes, selected boxes).
 */
final class GraphRenderer {
  static final Color SELECTED_EDGE = Color.web("#2563eb");
  static final Color FLOWING_EDGE = Color.web("#16a34a");
  /** The static layer is cached at this multiple of the view's size, centred on it. */
  static final double CACHE_FACTOR = 1.5;
  static final double MAX_CACHE_SIDE = 4096;

  /**
   * What one frame shows, given by the view at each redraw.
   *
   * @param width the view's size
   * @param height the view's size
   * @param detail whether nodes are shown as skins (at or above the level of detail), not boxes
   * @param wide whether the static layer is cached at {@link #CACHE_FACTOR} times the view (after
   *     the first pulse) or at the view's size
   * @param flowingEdges how many edges are flowing
   * @param animationNanos the time of the flowing dashes
   * @param draggedEdge the edge being reconnected, left out of the layers, or null
   */
  record Frame(double width, double height, boolean detail, boolean wide, int flowingEdges,
      long animationNanos, GraphEdge draggedEdge) {}

  private final GraphModel model;
  private final GraphSelection selection;
  private final Viewport viewport;
  private final EdgeGroups edgeGroups;
  private final NodeSkinFactory nodeSkins;
  private final ObservableBooleanValue cacheStaticLayer;
  private final ObservableBooleanValue showGrid;
  private final ObservableDoubleValue gridSize;
  private final ObservableValue<GraphColors> colors;
  /** Adds the dynamic layer's canvas to the view, just above the static layer. */
  private final Consumer<Node> addDynamicLayer;
  /** The frame being drawn. */
  private Frame frame;
  // the dynamic layer: made when there is first something to draw on it (or the cache is off)
  private Canvas canvas;
  // cached static layer (background, grid, edges, boxes below lodZoom)
  private final ImageView staticView = new ImageView();
  private final OverviewRaster overviewRaster = new OverviewRaster();
  private WritableImage staticImage;
  /** Whether the cached static layer must be drawn again (the model or its look changed). */
  private boolean staticDirty = true;
  private boolean cacheDetail;
  private double cacheZoom = 1;
  private double cachePanX;
  private double cachePanY;
  private double cacheMarginX;
  private double cacheMarginY;
  private double cacheValidX0;
  private double cacheValidY0;
  private double cacheValidX1;
  private double cacheValidY1;
  private int cacheRevision;

  GraphRenderer(GraphModel model, GraphSelection selection, Viewport viewport, EdgeGroups edgeGroups,
      NodeSkinFactory nodeSkins, ObservableBooleanValue cacheStaticLayer,
      ObservableBooleanValue showGrid, ObservableDoubleValue gridSize, ObservableValue<GraphColors> colors,
      Consumer<Node> addDynamicLayer) {
    this.model = model;
    this.selection = selection;
    this.viewport = viewport;
    this.edgeGroups = edgeGroups;
    this.nodeSkins = nodeSkins;
    this.cacheStaticLayer = cacheStaticLayer;
    this.showGrid = showGrid;
    this.gridSize = gridSize;
    this.colors = colors;
    this.addDynamicLayer = addDynamicLayer;
    staticView.setManaged(false);
    staticView.setMouseTransparent(true);
    staticView.setSmooth(false);
  }

  /** The dynamic layer's canvas, made at its first use, at the view's size. */
  private Canvas canvas(double w, double h) {
    if (canvas == null) {
      canvas = new Canvas();
      canvas.setManaged(false);
      canvas.setMouseTransparent(true);
      addDynamicLayer.accept(canvas);
    }
    if (canvas.getWidth() != w || canvas.getHeight() != h) {
      canvas.setWidth(w);
      canvas.setHeight(h);
    }
    return canvas;
  }

  /** The static layer's node (an image view), for the view to add to its children. */
  Node staticLayer() {
    return staticView;
  }

  /** The cached static layer must be drawn again (the model or its look changed). */
  void invalidateStaticLayer() {
    staticDirty = true;
  }

  /** How many times the static layer has been rendered into its cache. */
  int revision() {
    return cacheRevision;
  }

  /** The colour of the cached static layer at a point of the view, ARGB. */
  int argbAt(double x, double y) {
    int ix = (int) Math.floor(x - staticView.getLayoutX());
    int iy = (int) Math.floor(y - staticView.getLayoutY());
    return staticImage.getPixelReader().getArgb(ix, iy);
  }

  void redraw(Frame f) {
    frame = f;
    double w = f.width();
    double h = f.height();
    double z = viewport.zoom();
    double px = viewport.panX();
    double py = viewport.panY();
    // the first pulse caches only the view's size: the rest is drawn after it (afterFirstPulse)
    double factor = f.wide() ? CACHE_FACTOR : 1;
    double cw = Math.ceil(w * factor);
    double ch = Math.ceil(h * factor);
    boolean cached = cacheStaticLayer.get() && w > 0 && h > 0 && cw <= MAX_CACHE_SIDE
        && ch <= MAX_CACHE_SIDE;
    if (cached) {
      updateStaticCache(w, h, cw, ch, z, px, py);
      staticView.setVisible(true);
      if (hasDynamicContent()) {
        GraphicsContext g = canvas(w, h).getGraphicsContext2D();
        g.setTransform(1, 0, 0, 1, 0, 0);
        g.clearRect(0, 0, w, h);
        g.setTransform(z, 0, 0, z, px, py);
        drawDynamic(g, -px / z, -py / z, (w - px) / z, (h - py) / z, z);
        g.setTransform(1, 0, 0, 1, 0, 0);
        canvas.setVisible(true);
      } else if (canvas != null) {
        canvas.setVisible(false);
      }
    } else {
      staticView.setVisible(false);
      staticImage = null;
      staticView.setImage(null);
      GraphicsContext g = canvas(w, h).getGraphicsContext2D();
      canvas.setVisible(true);
      drawStatic(g, w, h, z, px, py);
      g.setTransform(z, 0, 0, z, px, py);
      drawDynamic(g, -px / z, -py / z, (w - px) / z, (h - py) / z, z);
      g.setTransform(1, 0, 0, 1, 0, 0);
    }
  }

  /**
   * Brings the cached static layer up to date: draws it again (background, grid, edges and, below
   * the level of detail, node boxes; see {@link OverviewRaster}) when the model, the zoom, the level of detail or the size
   * changed, or when the viewport has left the cached area; otherwise only moves it, by whole
   * pixels (the software pipeline blits an image at an integer offset without filtering).
   */
  private void updateStaticCache(double w, double h, double cw, double ch, double z, double px, double py) {
    double ox = px - (cacheMarginX + cachePanX);
    double oy = py - (cacheMarginY + cachePanY);
    // the part of the cache that is valid, placed on screen
    boolean covers = ox + cacheValidX0 <= 0.5 && oy + cacheValidY0 <= 0.5
        && ox + cacheValidX1 >= w - 0.5 && oy + cacheValidY1 >= h - 0.5;
    boolean zoomed = z != cacheZoom;
    if (staticImage == null || staticDirty || cacheDetail != frame.detail() || staticImage.getWidth() != cw
        || staticImage.getHeight() != ch || !covers || zoomed) {
      // while zooming, every frame is new, and the first frame should come soon: draw only what
      // is on screen (the margins at the first pan)
      boolean first = staticImage == null || staticImage.getWidth() != cw || staticImage.getHeight() != ch;
      renderStaticCache(cw, ch, w, h, z, px, py, first || (zoomed && !staticDirty));
      ox = px - (cacheMarginX + cachePanX);
      oy = py - (cacheMarginY + cachePanY);
    }
    staticView.setLayoutX(Math.round(ox));
    staticView.setLayoutY(Math.round(oy));
  }

  private void renderStaticCache(double cw, double ch, double w, double h, double z, double px,
      double py, boolean viewportOnly) {
    cacheMarginX = Math.floor((cw - w) / 2);
    cacheMarginY = Math.floor((ch - h) / 2);
    cacheZoom = z;
    cachePanX = px;
    cachePanY = py;
    cacheDetail = frame.detail();
    staticDirty = false;
    double ipx = px + cacheMarginX;
    double ipy = py + cacheMarginY;
    boolean newImage = overviewRaster.ensureSize((int) cw, (int) ch);
    if (viewportOnly) {
      cacheValidX0 = cacheMarginX;
      cacheValidY0 = cacheMarginY;
      cacheValidX1 = cacheMarginX + Math.ceil(w);
      cacheValidY1 = cacheMarginY + Math.ceil(h);
    } else {
      cacheValidX0 = 0;
      cacheValidY0 = 0;
      cacheValidX1 = cw;
      cacheValidY1 = ch;
    }
    overviewRaster.setClip((int) cacheValidX0, (int) cacheValidY0, (int) cacheValidX1, (int) cacheValidY1);
    drawOverviewRaster(overviewRaster, z, ipx, ipy, !frame.detail());
    if (!newImage) {
      // a new image has no texture yet: its first painting uploads all of it. Telling it about
      // the change would only cost the first pulse time (JavaFX's update path runs cold there)
      overviewRaster.commit();
    }
    staticImage = overviewRaster.image();
    if (staticView.getImage() != staticImage) {
      staticView.setImage(staticImage);
    }
    cacheRevision++;
  }

  /** The overview (below lodZoom) in plain Java pixels: see {@link OverviewRaster}. */
  private void drawOverviewRaster(OverviewRaster r, double z, double px, double py, boolean boxes) {
    int w = r.width();
    int h = r.height();
    r.clear(OverviewRaster.argb(colors.getValue().background()));
    if (showGrid.get()) {
      double step = gridSize.get() * z;
      while (step < 10) {
        step *= 5;
      }
      double major = step * 5;
      int minor = OverviewRaster.argb(colors.getValue().gridMinor());
      int majorColor = OverviewRaster.argb(colors.getValue().gridMajor());
      for (double x = ((px % step) + step) % step; x < w; x += step) {
        r.verticalLine((int) Math.floor(x), minor);
      }
      for (double y = ((py % step) + step) % step; y < h; y += step) {
        r.horizontalLine((int) Math.floor(y), minor);
      }
      for (double x = ((px % major) + major) % major; x < w; x += major) {
        r.verticalLine((int) Math.floor(x), majorColor);
      }
      for (double y = ((py % major) + major) % major; y < h; y += major) {
        r.horizontalLine((int) Math.floor(y), majorColor);
      }
    }
    double x0 = -px / z;
    double y0 = -py / z;
    double x1 = (w - px) / z;
    double y1 = (h - py) / z;
    for (int l = 0; l < edgeGroups.distinctLooks.size(); l++) {
      EdgeSkin look = edgeGroups.distinctLooks.get(l);
      ArrayList<GraphEdge> list = edgeGroups.edgesByLook.get(look);
      int rgb = OverviewRaster.argb(look.stroke());
      double widthPx = Math.max(0.6, look.width() * z);
      double alpha = look.stroke().getOpacity();
      for (int i = 0, n = list.size(); i < n; i++) {
        GraphEdge e = list.get(i);
        if (e == frame.draggedEdge()) {
          continue;
        }
        GraphNode s = e.source();
        GraphNode t = e.target();
        double sx = s.anchorX(e.sourcePort());
        double sy = s.anchorY(e.sourcePort());
        double tx = t.anchorX(e.targetPort());
        double ty = t.anchorY(e.targetPort());
        double c = controlOffset(sx, tx);
        if (Math.max(sx, tx) + c < x0 || Math.min(sx, tx) - c > x1 || Math.max(sy, ty) < y0
            || Math.min(sy, ty) > y1) {
          continue;
        }
        r.cubic(sx * z + px, sy * z + py, (sx + c) * z + px, sy * z + py, (tx - c) * z + px,
            ty * z + py, tx * z + px, ty * z + py, rgb, alpha, widthPx);
      }
    }
    if (!boxes) {
      return;
    }
    List<GraphNode> nodes = model.nodes();
    Color last = null;
    int fill = 0;
    for (int i = 0, n = nodes.size(); i < n; i++) {
      GraphNode node = nodes.get(i);
      double nx = node.getX();
      double ny = node.getY();
      double nw = node.getWidth();
      double nh = node.getHeight();
      if (nx > x1 || ny > y1 || nx + nw < x0 || ny + nh < y0) {
        continue;
      }
      Color color = overviewFill(node);
      if (color != last) {
        last = color;
        fill = OverviewRaster.argb(color);
      }
      r.fillRect(nx * z + px, ny * z + py, (nx + nw) * z + px, (ny + nh) * z + py, fill);
    }
  }

  /** Background, grid, edges (all but the one being dragged) and, below lodZoom, node boxes. */
  private void drawStatic(GraphicsContext g, double w, double h, double z, double px, double py) {
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.setFill(colors.getValue().background());
    g.fillRect(0, 0, w, h);
    if (showGrid.get()) {
      drawGrid(g, w, h, z, px, py);
    }
    g.setTransform(z, 0, 0, z, px, py);
    double x0 = -px / z;
    double y0 = -py / z;
    double x1 = (w - px) / z;
    double y1 = (h - py) / z;
    drawEdges(g, x0, y0, x1, y1, z);
    if (!frame.detail()) {
      drawOverviewNodes(g, x0, y0, x1, y1, z);
    }
    g.setTransform(1, 0, 0, 1, 0, 0);
  }

  /** All edges but the one being dragged, one path per look, culled to the model rectangle. */
  private void drawEdges(GraphicsContext g, double x0, double y0, double x1, double y1, double z) {
    g.setLineCap(StrokeLineCap.ROUND);
    for (int l = 0; l < edgeGroups.distinctLooks.size(); l++) {
      EdgeSkin look = edgeGroups.distinctLooks.get(l);
      ArrayList<GraphEdge> list = edgeGroups.edgesByLook.get(look);
      if (list.isEmpty()) {
        continue;
      }
      g.beginPath();
      int count = 0;
      for (int i = 0, n = list.size(); i < n; i++) {
        GraphEdge e = list.get(i);
        if (e == frame.draggedEdge()) {
          continue;
        }
        count += appendEdge(g, e, x0, y0, x1, y1, z);
      }
      if (count > 0) {
        g.setStroke(look.stroke());
        g.setLineWidth(Math.max(look.width(), 1.0 / z));
        g.stroke();
      }
    }
  }

  private boolean hasDynamicContent() {
    return !selection.edges().isEmpty() || frame.flowingEdges() > 0 || (!frame.detail() && !selection.nodes().isEmpty());
  }

  /** What changes without the model changing: selected edges, flowing dashes, selected boxes. */
  private void drawDynamic(GraphicsContext g, double x0, double y0, double x1, double y1, double z) {
    g.setLineCap(StrokeLineCap.ROUND);
    if (!selection.edges().isEmpty()) {
      g.beginPath();
      for (GraphEdge e : selection.edges()) {
        if (e != frame.draggedEdge()) {
          appendEdge(g, e, x0, y0, x1, y1, z);
        }
      }
      g.setStroke(SELECTED_EDGE);
      g.setLineWidth(Math.max(3, 1.5 / z));
      g.stroke();
    }
    if (frame.flowingEdges() > 0) {
      g.beginPath();
      int count = 0;
      List<GraphEdge> edges = model.edges();
      for (int i = 0, n = edges.size(); i < n; i++) {
        GraphEdge e = edges.get(i);
        if (e.isFlowing() && e != frame.draggedEdge()) {
          count += appendEdge(g, e, x0, y0, x1, y1, z);
        }
      }
      if (count > 0) {
        g.setStroke(FLOWING_EDGE);
        g.setLineWidth(Math.max(2.6, 1.5 / z));
        g.setLineDashes(8, 7);
        g.setLineDashOffset(-(frame.animationNanos() / 25_000_000L % 15));
        g.stroke();
        g.setLineDashes((double[]) null);
      }
    }
    if (!frame.detail() && !selection.nodes().isEmpty()) {
      double radius = Math.min(8, 3 / z);
      g.setStroke(SELECTED_EDGE);
      g.setLineWidth(2.5 / z);
      for (GraphNode node : selection.nodes()) {
        g.strokeRoundRect(node.getX(), node.getY(), node.getWidth(), node.getHeight(), radius * 2, radius * 2);
      }
    }
  }

  private void drawGrid(GraphicsContext g, double w, double h, double z, double px, double py) {
    double step = gridSize.get() * z;
    while (step < 10) {
      step *= 5;
    }
    double major = step * 5;
    g.setLineWidth(1);
    g.setStroke(colors.getValue().gridMinor());
    g.beginPath();
    double startX = px % step;
    double startY = py % step;
    for (double x = startX; x < w; x += step) {
      g.moveTo(Math.floor(x) + 0.5, 0);
      g.lineTo(Math.floor(x) + 0.5, h);
    }
    for (double y = startY; y < h; y += step) {
      g.moveTo(0, Math.floor(y) + 0.5);
      g.lineTo(w, Math.floor(y) + 0.5);
    }
    g.stroke();
    g.setStroke(colors.getValue().gridMajor());
    g.beginPath();
    for (double x = px % major; x < w; x += major) {
      g.moveTo(Math.floor(x) + 0.5, 0);
      g.lineTo(Math.floor(x) + 0.5, h);
    }
    for (double y = py % major; y < h; y += major) {
      g.moveTo(0, Math.floor(y) + 0.5);
      g.lineTo(w, Math.floor(y) + 0.5);
    }
    g.stroke();
  }

  /**
   * Appends an edge's cubic to the current path if it may be visible; returns 1 if appended. An
   * edge shorter than two pixels on screen is a straight segment (a curve would not show).
   */
  private static int appendEdge(GraphicsContext g, GraphEdge e, double x0, double y0, double x1,
      double y1, double z) {
    GraphNode s = e.source();
    GraphNode t = e.target();
    double sx = s.anchorX(e.sourcePort());
    double sy = s.anchorY(e.sourcePort());
    double tx = t.anchorX(e.targetPort());
    double ty = t.anchorY(e.targetPort());
    double c = controlOffset(sx, tx);
    double minX = Math.min(sx, tx) - c;
    double maxX = Math.max(sx, tx) + c;
    if (maxX < x0 || minX > x1 || Math.max(sy, ty) < y0 || Math.min(sy, ty) > y1) {
      return 0;
    }
    g.moveTo(sx, sy);
    if ((maxX - minX) * z < 2 && Math.abs(ty - sy) * z < 2) {
      g.lineTo(tx, ty);
    } else {
      g.bezierCurveTo(sx + c, sy, tx - c, ty, tx, ty);
    }
    return 1;
  }

  static double controlOffset(double sx, double tx) {
    return Math.max(40, Math.abs(tx - sx) * 0.5);
  }

  /** A node's colour when drawn as a box: its status colour, else its kind's. */
  private Color overviewFill(GraphNode node) {
    NodeStatus status = node.getStatus();
    return status == NodeStatus.NONE ? nodeSkins.overviewColor(node) : StatusColors.of(status);
  }

  private void drawOverviewNodes(GraphicsContext g, double x0, double y0, double x1, double y1, double z) {
    List<GraphNode> nodes = model.nodes();
    double radius = Math.min(8, 3 / z);
    Color lastFill = null;
    for (int i = 0, n = nodes.size(); i < n; i++) {
      GraphNode node = nodes.get(i);
      double nx = node.getX();
      double ny = node.getY();
      double nw = node.getWidth();
      double nh = node.getHeight();
      if (nx > x1 || ny > y1 || nx + nw < x0 || ny + nh < y0) {
        continue;
      }
      Color fill = overviewFill(node);
      if (fill != lastFill) {
        g.setFill(fill);
        lastFill = fill;
      }
      if (nw * z < 40) {
        g.fillRect(nx, ny, nw, nh);
      } else {
        g.fillRoundRect(nx, ny, nw, nh, radius * 2, radius * 2);
      }
    }
  }
}

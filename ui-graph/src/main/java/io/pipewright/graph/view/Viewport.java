package io.pipewright.graph.view;

import io.pipewright.graph.model.GraphNode;
import java.util.List;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.transform.Affine;

/**
 * The viewport of a {@link GraphView}: the model-to-view transform (its zoom and pan properties),
 * coordinate conversion, zooming, panning, fitting and zooming to a node.
 */
final class Viewport {
  private final GraphView view;
  /** Model to view, applied to the node layer; updated once per pulse. */
  private final Affine transform = new Affine();
  private double minZoom = 0.05;
  private double maxZoom = 4;

  Viewport(GraphView view) {
    this.view = view;
  }

  Affine transform() {
    return transform;
  }

  /** Brings the node layer's transform up to date with the zoom and the pan. */
  void updateTransform() {
    double z = view.zoom.get();
    transform.setToTransform(z, 0, view.panX.get(), 0, z, view.panY.get());
  }

  Point2D screenToModel(double x, double y) {
    return new Point2D((x - view.panX.get()) / view.zoom.get(), (y - view.panY.get()) / view.zoom.get());
  }

  Point2D modelToScreen(double x, double y) {
    return new Point2D(x * view.zoom.get() + view.panX.get(), y * view.zoom.get() + view.panY.get());
  }

  /** The part of the model that is visible, in model coordinates. */
  Bounds visibleModelBounds() {
    double z = view.zoom.get();
    return new BoundingBox(-view.panX.get() / z, -view.panY.get() / z, view.getWidth() / z, view.getHeight() / z);
  }

  /** The bounds of all nodes, or an empty box at the origin. */
  Bounds modelBounds() {
    return boundsOf(view.model.nodes());
  }

  static Bounds boundsOf(List<GraphNode> nodes) {
    if (nodes.isEmpty()) {
      return new BoundingBox(0, 0, 0, 0);
    }
    double minX = Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (int i = 0; i < nodes.size(); i++) {
      GraphNode n = nodes.get(i);
      minX = Math.min(minX, n.getX());
      minY = Math.min(minY, n.getY());
      maxX = Math.max(maxX, n.getX() + n.getWidth());
      maxY = Math.max(maxY, n.getY() + n.getHeight());
    }
    return new BoundingBox(minX, minY, maxX - minX, maxY - minY);
  }

  void setZoomLimits(double min, double max) {
    minZoom = min;
    maxZoom = max;
    zoomAt(view.getZoom(), view.getWidth() / 2, view.getHeight() / 2);
  }

  /** Zooms keeping the model point under (x, y) in view coordinates where it is. */
  void zoomAt(double newZoom, double x, double y) {
    double z = Math.max(minZoom, Math.min(maxZoom, newZoom));
    double mx = (x - view.panX.get()) / view.zoom.get();
    double my = (y - view.panY.get()) / view.zoom.get();
    view.zoom.set(z);
    view.panX.set(x - mx * z);
    view.panY.set(y - my * z);
  }

  void zoomIn() {
    zoomAt(view.getZoom() * 1.25, view.getWidth() / 2, view.getHeight() / 2);
  }

  void zoomOut() {
    zoomAt(view.getZoom() / 1.25, view.getWidth() / 2, view.getHeight() / 2);
  }

  /** 100 %, keeping the centre of the view. */
  void zoomToActualSize() {
    zoomAt(1, view.getWidth() / 2, view.getHeight() / 2);
  }

  void panBy(double dx, double dy) {
    view.panX.set(view.panX.get() + dx);
    view.panY.set(view.panY.get() + dy);
  }

  /** Centres the view on a model point. */
  void centerOn(double mx, double my) {
    view.panX.set(view.getWidth() / 2 - mx * view.getZoom());
    view.panY.set(view.getHeight() / 2 - my * view.getZoom());
  }

  /** Shows the whole graph. */
  void fitToView() {
    fitTo(modelBounds(), 1.0);
  }

  private void fitTo(Bounds b, double maxFitZoom) {
    double w = view.getWidth() > 0 ? view.getWidth() : view.getPrefWidth();
    double h = view.getHeight() > 0 ? view.getHeight() : view.getPrefHeight();
    if (b.getWidth() <= 0 || w <= 0) {
      view.zoom.set(Math.min(1, maxFitZoom));
      centerOn(b.getMinX(), b.getMinY());
      return;
    }
    double pad = 40;
    double z = Math.min((w - 2 * pad) / b.getWidth(), (h - 2 * pad) / b.getHeight());
    z = Math.max(minZoom, Math.min(Math.min(maxZoom, maxFitZoom), z));
    view.zoom.set(z);
    view.panX.set(w / 2 - (b.getMinX() + b.getWidth() / 2) * z);
    view.panY.set(h / 2 - (b.getMinY() + b.getHeight() / 2) * z);
  }

  /** Zooms to a node ("find step"), selects it and gives the view the focus. */
  void zoomToNode(GraphNode node) {
    view.zoom.set(Math.max(1, Math.min(maxZoom, view.getZoom())));
    centerOn(node.getX() + node.getWidth() / 2, node.getY() + node.getHeight() / 2);
    view.selection.select(node);
  }

  /** Pans as little as needed for a node to be fully visible. */
  void ensureVisible(GraphNode n) {
    Point2D a = modelToScreen(n.getX(), n.getY());
    Point2D b = modelToScreen(n.getX() + n.getWidth(), n.getY() + n.getHeight());
    double m = 24;
    double dx = 0;
    double dy = 0;
    if (a.getX() < m) {
      dx = m - a.getX();
    } else if (b.getX() > view.getWidth() - m) {
      dx = view.getWidth() - m - b.getX();
    }
    if (a.getY() < m) {
      dy = m - a.getY();
    } else if (b.getY() > view.getHeight() - m) {
      dy = view.getHeight() - m - b.getY();
    }
    panBy(dx, dy);
  }
}

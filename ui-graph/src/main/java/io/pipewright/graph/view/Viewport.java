package io.pipewright.graph.view;

import io.pipewright.graph.model.GraphModel;
import io.pipewright.graph.model.GraphNode;
import java.util.List;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.layout.Region;
import javafx.scene.transform.Affine;

/**
 * The viewport of a {@link GraphView}: the model-to-view transform (its zoom and pan properties),
 * coordinate conversion, zooming, panning, fitting and zooming to a node.
 */
final class Viewport {
  /** The view: only its size is used. */
  private final Region view;
  private final GraphModel model;
  private final DoubleProperty zoom;
  private final DoubleProperty panX;
  private final DoubleProperty panY;
  /** Model to view, applied to the node layer; updated once per pulse. */
  private final Affine transform = new Affine();
  private double minZoom = 0.05;
  private double maxZoom = 4;

  /** A viewport of a model shown in a view of the given region's size; its properties' bean is the region. */
  Viewport(Region view, GraphModel model) {
    this.view = view;
    this.model = model;
    this.zoom = new SimpleDoubleProperty(view, "zoom", 1);
    this.panX = new SimpleDoubleProperty(view, "panX", 0);
    this.panY = new SimpleDoubleProperty(view, "panY", 0);
  }

  DoubleProperty zoomProperty() {
    return zoom;
  }

  DoubleProperty panXProperty() {
    return panX;
  }

  DoubleProperty panYProperty() {
    return panY;
  }

  double zoom() {
    return zoom.get();
  }

  double panX() {
    return panX.get();
  }

  double panY() {
    return panY.get();
  }

  Affine transform() {
    return transform;
  }

  /** Brings the node layer's transform up to date with the zoom and the pan. */
  void updateTransform() {
    double z = zoom.get();
    transform.setToTransform(z, 0, panX.get(), 0, z, panY.get());
  }

  Point2D screenToModel(double x, double y) {
    return new Point2D((x - panX.get()) / zoom.get(), (y - panY.get()) / zoom.get());
  }

  Point2D modelToScreen(double x, double y) {
    return new Point2D(x * zoom.get() + panX.get(), y * zoom.get() + panY.get());
  }

  /** The part of the model that is visible, in model coordinates. */
  Bounds visibleModelBounds() {
    double z = zoom.get();
    return new BoundingBox(-panX.get() / z, -panY.get() / z, view.getWidth() / z, view.getHeight() / z);
  }

  /** The bounds of all nodes, or an empty box at the origin. */
  Bounds modelBounds() {
    return boundsOf(model.nodes());
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
    zoomAt(zoom.get(), view.getWidth() / 2, view.getHeight() / 2);
  }

  /** Zooms keeping the model point under (x, y) in view coordinates where it is. */
  void zoomAt(double newZoom, double x, double y) {
    double z = Math.max(minZoom, Math.min(maxZoom, newZoom));
    double mx = (x - panX.get()) / zoom.get();
    double my = (y - panY.get()) / zoom.get();
    zoom.set(z);
    panX.set(x - mx * z);
    panY.set(y - my * z);
  }

  void zoomIn() {
    zoomAt(zoom.get() * 1.25, view.getWidth() / 2, view.getHeight() / 2);
  }

  void zoomOut() {
    zoomAt(zoom.get() / 1.25, view.getWidth() / 2, view.getHeight() / 2);
  }

  /** 100 %, keeping the centre of the view. */
  void zoomToActualSize() {
    zoomAt(1, view.getWidth() / 2, view.getHeight() / 2);
  }

  void panBy(double dx, double dy) {
    panX.set(panX.get() + dx);
    panY.set(panY.get() + dy);
  }

  /** Centres the view on a model point. */
  void centerOn(double mx, double my) {
    panX.set(view.getWidth() / 2 - mx * zoom.get());
    panY.set(view.getHeight() / 2 - my * zoom.get());
  }

  /** Shows the whole graph. */
  void fitToView() {
    fitTo(modelBounds(), 1.0);
  }

  /** Fits the graph to the view unless all of it is in view already (then nothing moves). */
  void showAll() {
    Bounds b = modelBounds();
    double z = zoom.get();
    boolean inView = b.getMinX() * z + panX.get() >= 0 && b.getMinY() * z + panY.get() >= 0
        && b.getMaxX() * z + panX.get() <= view.getWidth() && b.getMaxY() * z + panY.get() <= view.getHeight();
    if (!model.nodes().isEmpty() && !inView) {
      fitToView();
    }
  }

  private void fitTo(Bounds b, double maxFitZoom) {
    double w = view.getWidth() > 0 ? view.getWidth() : view.getPrefWidth();
    double h = view.getHeight() > 0 ? view.getHeight() : view.getPrefHeight();
    if (b.getWidth() <= 0 || w <= 0) {
      zoom.set(Math.min(1, maxFitZoom));
      centerOn(b.getMinX(), b.getMinY());
      return;
    }
    double pad = 40;
    double z = Math.min((w - 2 * pad) / b.getWidth(), (h - 2 * pad) / b.getHeight());
    z = Math.max(minZoom, Math.min(Math.min(maxZoom, maxFitZoom), z));
    zoom.set(z);
    panX.set(w / 2 - (b.getMinX() + b.getWidth() / 2) * z);
    panY.set(h / 2 - (b.getMinY() + b.getHeight() / 2) * z);
  }

  /** Zooms to at least 100 % and centres a node. */
  void zoomToNode(GraphNode node) {
    zoom.set(Math.max(1, Math.min(maxZoom, zoom.get())));
    centerOn(node.getX() + node.getWidth() / 2, node.getY() + node.getHeight() / 2);
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

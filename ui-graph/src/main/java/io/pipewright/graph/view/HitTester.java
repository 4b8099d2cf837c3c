package io.pipewright.graph.view;

import io.pipewright.graph.model.GraphEdge;
import io.pipewright.graph.model.GraphModel;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.model.Port;
import java.util.List;

/**
 * Hit-testing against the model's geometry (port anchors, node rectangles, edge curves), so that it
 * works the same at every level of detail.
 */
final class HitTester {
  private static final double PORT_HIT_RADIUS = 10;
  private static final double EDGE_HIT_DISTANCE = 6;

  private HitTester() {
  }

  /** What is under a model point at zoom z. Ports win over nodes, nodes over edges. */
  static Hit hitTest(GraphModel model, double mx, double my, double z) {
    double portR = PORT_HIT_RADIUS / z;
    List<GraphNode> nodes = model.nodes();
    for (int i = nodes.size() - 1; i >= 0; i--) {
      GraphNode n = nodes.get(i);
      if (mx < n.getX() - portR || mx > n.getX() + n.getWidth() + portR
          || my < n.getY() || my > n.getY() + n.getHeight()) {
        continue;
      }
      Port p = portNear(n, mx, my, portR);
      if (p != null) {
        return new Hit(Hit.Kind.PORT, n, p, null, mx, my);
      }
      if (n.contains(mx, my)) {
        return new Hit(Hit.Kind.NODE, n, null, null, mx, my);
      }
    }
    GraphEdge e = edgeNear(model, mx, my, EDGE_HIT_DISTANCE / z);
    if (e != null) {
      return new Hit(Hit.Kind.EDGE, null, null, e, mx, my);
    }
    return Hit.background(mx, my);
  }

  private static Port portNear(GraphNode n, double mx, double my, double r) {
    double r2 = r * r;
    for (Port p : n.inputs()) {
      double dx = n.anchorX(p) - mx;
      double dy = n.anchorY(p) - my;
      if (dx * dx + dy * dy <= r2) {
        return p;
      }
    }
    for (Port p : n.outputs()) {
      double dx = n.anchorX(p) - mx;
      double dy = n.anchorY(p) - my;
      if (dx * dx + dy * dy <= r2) {
        return p;
      }
    }
    return null;
  }

  private static GraphEdge edgeNear(GraphModel model, double mx, double my, double maxDistance) {
    GraphEdge best = null;
    double bestD = maxDistance;
    List<GraphEdge> edges = model.edges();
    for (int i = edges.size() - 1; i >= 0; i--) {
      GraphEdge e = edges.get(i);
      double sx = e.source().anchorX(e.sourcePort());
      double sy = e.source().anchorY(e.sourcePort());
      double tx = e.target().anchorX(e.targetPort());
      double ty = e.target().anchorY(e.targetPort());
      double c = GraphRenderer.controlOffset(sx, tx);
      if (mx < Math.min(sx, tx) - c - maxDistance || mx > Math.max(sx, tx) + c + maxDistance
          || my < Math.min(sy, ty) - maxDistance || my > Math.max(sy, ty) + maxDistance) {
        continue;
      }
      double d = distanceToCubic(mx, my, sx, sy, sx + c, sy, tx - c, ty, tx, ty);
      if (d <= bestD) {
        bestD = d;
        best = e;
      }
    }
    return best;
  }

  static double distanceToCubic(double px, double py, double x0, double y0, double x1, double y1,
      double x2, double y2, double x3, double y3) {
    double best = Double.MAX_VALUE;
    double lx = x0;
    double ly = y0;
    for (int i = 1; i <= 24; i++) {
      double t = i / 24.0;
      double u = 1 - t;
      double x = u * u * u * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x3;
      double y = u * u * u * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y3;
      best = Math.min(best, segmentDistance(px, py, lx, ly, x, y));
      lx = x;
      ly = y;
    }
    return best;
  }

  private static double segmentDistance(double px, double py, double ax, double ay, double bx, double by) {
    double dx = bx - ax;
    double dy = by - ay;
    double len2 = dx * dx + dy * dy;
    double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
    double cx = ax + t * dx - px;
    double cy = ay + t * dy - py;
    return Math.sqrt(cx * cx + cy * cy);
  }
}

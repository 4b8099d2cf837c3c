package io.pipewright.graph.view;

import io.pipewright.graph.model.GraphNode;
import java.util.List;
import javafx.animation.AnimationTimer;

/** Moves nodes from their positions to a layout's, eased, over a duration; then runs done. */
final class LayoutAnimator extends AnimationTimer {
  private final List<GraphNode> nodes;
  private final double[] from;
  private final double[] to;
  private final double durationNanos;
  private final Runnable done;
  private long start = -1;

  LayoutAnimator(List<GraphNode> nodes, double[] from, double[] to, double durationNanos, Runnable done) {
    this.nodes = nodes;
    this.from = from;
    this.to = to;
    this.durationNanos = durationNanos;
    this.done = done;
  }

  @Override
  public void handle(long now) {
    if (start < 0) {
      start = now;
    }
    double t = Math.min(1, (now - start) / durationNanos);
    if (t >= 1) {
      finish();
      return;
    }
    double e = t < 0.5 ? 4 * t * t * t : 1 - Math.pow(-2 * t + 2, 3) / 2;
    for (int i = 0; i < nodes.size(); i++) {
      nodes.get(i).moveTo(from[2 * i] + (to[2 * i] - from[2 * i]) * e,
          from[2 * i + 1] + (to[2 * i + 1] - from[2 * i + 1]) * e);
    }
  }

  void finish() {
    stop();
    for (int i = 0; i < nodes.size(); i++) {
      nodes.get(i).moveTo(to[2 * i], to[2 * i + 1]);
    }
    done.run();
  }
}

package io.pipewright.app.run;

import io.pipewright.graph.model.GraphEdge;
import io.pipewright.graph.model.GraphModel;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.model.NodeStatus;
import io.pipewright.workspace.RunStatus;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;

/**
 * Shows a run on the canvas: each step's status as the node's status dot and bar, its duration (or
 * why it stopped) as the node's badge, and dashes flowing along the edges out of running steps.
 * Applied as the {@link RunMonitor}'s state changes (in its batches); {@link #clear()} takes it all
 * off again.
 */
public final class RunDecorations {
  private final GraphModel graph;
  private final RunMonitor monitor;
  private final List<Runnable> unbind = new ArrayList<>();
  private boolean cleared;

  public RunDecorations(GraphModel graph, RunMonitor monitor) {
    this.graph = graph;
    this.monitor = monitor;
    for (StepRunState state : monitor.steps()) {
      InvalidationListener changed = o -> apply(state);
      state.statusProperty().addListener(changed);
      state.messageProperty().addListener(changed);
      state.durationProperty().addListener(changed);
      unbind.add(() -> {
        state.statusProperty().removeListener(changed);
        state.messageProperty().removeListener(changed);
        state.durationProperty().removeListener(changed);
      });
    }
    InvalidationListener ended = o -> applyAll();
    monitor.finishedProperty().addListener(ended);
    unbind.add(() -> monitor.finishedProperty().removeListener(ended));
    // An edit during the run may make a node anew: decorate it again.
    ListChangeListener<GraphNode> nodesChanged = c -> applyAll();
    graph.nodes().addListener(nodesChanged);
    unbind.add(() -> graph.nodes().removeListener(nodesChanged));
    applyAll();
  }

  public RunMonitor monitor() {
    return monitor;
  }

  /** Removes every decoration of this run from the canvas and stops following the run. */
  public void clear() {
    if (cleared) {
      return;
    }
    cleared = true;
    unbind.forEach(Runnable::run);
    for (StepRunState state : monitor.steps()) {
      GraphNode node = graph.node(state.stepId());
      if (node != null) {
        node.setStatus(NodeStatus.NONE);
        node.setBadge("");
        setFlowing(node, false);
      }
    }
  }

  private void applyAll() {
    monitor.steps().forEach(this::apply);
  }

  private void apply(StepRunState state) {
    if (cleared) {
      return;
    }
    GraphNode node = graph.node(state.stepId());
    if (node == null) {
      return;
    }
    boolean ended = monitor.isFinished();
    node.setStatus(nodeStatus(state, ended));
    node.setBadge(badge(state, ended));
    setFlowing(node, state.status() == RunStatus.RUNNING);
  }

  private void setFlowing(GraphNode node, boolean flowing) {
    for (GraphEdge edge : graph.edgesOf(node)) {
      if (edge.source() == node) {
        edge.setFlowing(flowing);
      }
    }
  }

  /** The canvas status of a step: a step waiting its turn shows as queued while the run goes on. */
  static NodeStatus nodeStatus(StepRunState state, boolean runEnded) {
    return nodeStatus(state.status(), state.isSkipped(), runEnded);
  }

  static NodeStatus nodeStatus(RunStatus status, boolean skipped, boolean runEnded) {
    switch (status) {
      case NOT_STARTED:
        return skipped || runEnded ? NodeStatus.SKIPPED : NodeStatus.QUEUED;
      case QUEUED:
      case PREPARING:
        return runEnded ? NodeStatus.SKIPPED : NodeStatus.QUEUED;
      case RUNNING:
      case FINALIZING:
        return NodeStatus.RUNNING;
      case COMPLETED:
        return NodeStatus.SUCCEEDED;
      case FAILED:
        return NodeStatus.FAILED;
      case REUSED:
        return NodeStatus.REUSED;
      case CANCELED:
        return NodeStatus.CANCELED;
      default:
        return NodeStatus.SKIPPED;
    }
  }

  /** The text at the node's bottom right: how long it ran, or what happened instead. */
  static String badge(StepRunState state, boolean runEnded) {
    String took = Durations.format(state.duration());
    switch (state.status()) {
      case NOT_STARTED:
        return state.isSkipped() || runEnded ? "not run" : "waiting";
      case QUEUED:
        return runEnded ? "not run" : "queued";
      case PREPARING:
        return runEnded ? "not run" : "preparing";
      case RUNNING:
        return took;
      case FINALIZING:
        return took.isEmpty() ? "finalizing" : took;
      case COMPLETED:
        return took;
      case FAILED:
        return took.isEmpty() ? "failed" : "failed · " + took;
      case CANCELED:
        return took.isEmpty() ? "canceled" : "canceled · " + took;
      case REUSED:
        return "reused";
      default:
        return state.status().label();
    }
  }
}

package io.pipewright.app.run;

import io.pipewright.graph.model.GraphEdge;
import io.pipewright.graph.model.GraphModel;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.model.NodeStatus;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.StepProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;

/**
 * Shows a run on the canvas: each step's status as the node's status dot and bar, its Spark progress
 * as a bar under the title, a failure's cause or why it did not run as lines under the title, its
 * duration as the node's badge, and dashes flowing along the edges out of running steps.
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
      state.progressProperty().addListener(changed);
      unbind.add(() -> {
        state.progressProperty().removeListener(changed);
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
        node.setDetail("");
        node.setProgress(GraphNode.NO_PROGRESS);
        node.setProgressText("");
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
    String detail = detail(state);
    // the detail first: whoever hears of the new status finds the cause with it
    node.setDetail(detail);
    StepProgress progress = state.status() == RunStatus.RUNNING ? state.progress() : null;
    node.setProgress(progress == null ? GraphNode.NO_PROGRESS : Math.max(0, progress.fraction()));
    node.setProgressText(progress == null ? "" : progress.describe());
    node.setStatus(nodeStatus(state, ended));
    node.setBadge(badge(state, ended, !detail.isEmpty()));
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

  /** Java and Scala class names before an exception's name: the node keeps the name and the message. */
  private static final Pattern PACKAGE = Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.)+(?=[A-Z][\\w$]*(?:Exception|Error|Throwable)\\b)");
  /** How a launcher says its process failed before the cause ("Spark driver exited with code 1: "). */
  private static final Pattern EXITED = Pattern.compile("^.{1,60}? exited with code -?\\d+: (?=\\S)");

  /**
   * What the node says under its title about what happened: a failed step's cause (without the
   * exit code before it and the packages of exception names: the tooltip has all of it), why a step
   * did not run ("not run: upstream 'Prepare data' failed"); empty otherwise.
   */
  static String detail(StepRunState state) {
    String message = state.message();
    if (message == null || message.isBlank()) {
      return "";
    }
    if (state.status() == RunStatus.FAILED) {
      return shortCause(message);
    }
    if (state.isSkipped()) {
      String why = message.replaceFirst("^not run: ", "").replace("upstream step '", "upstream '");
      return "not run: " + why;
    }
    return "";
  }

  /** A failure's cause as a node shows it: "SparkArithmeticException: [DIVIDE_BY_ZERO] Division by zero …". */
  static String shortCause(String message) {
    String cause = withoutExitCode(message);
    // the SQL driver's "SQL statement 2 (line 4) failed: …": the error first, its line kept
    cause = SQL_STATEMENT.matcher(cause).replaceFirst("line $1: ");
    return PACKAGE.matcher(cause).replaceAll("");
  }

  private static final Pattern SQL_STATEMENT = Pattern.compile("^SQL statement \\d+ \\(line (\\d+)\\)(?: failed)?: ");

  /** A failure's message without how the process ended when a cause follows ("… exited with code 1: "). */
  static String withoutExitCode(String message) {
    return EXITED.matcher(message.strip()).replaceFirst("");
  }

  /** The text at the node's top or bottom right: how long it ran, or what happened instead. */
  static String badge(StepRunState state, boolean runEnded) {
    return badge(state, runEnded, false);
  }

  /**
   * @param detailed whether the node says what happened under its title (a failure's cause, why it
   *     did not run): the badge then need not say it again
   */
  static String badge(StepRunState state, boolean runEnded, boolean detailed) {
    String took = Durations.format(state.duration());
    switch (state.status()) {
      case NOT_STARTED:
        if (detailed) {
          return "";
        }
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
        if (detailed) {
          return took;
        }
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

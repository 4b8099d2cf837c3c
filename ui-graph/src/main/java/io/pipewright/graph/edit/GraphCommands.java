package io.pipewright.graph.edit;

import io.pipewright.graph.model.GraphEdge;
import io.pipewright.graph.model.GraphModel;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.model.Port;
import io.pipewright.graph.undo.Command;
import io.pipewright.graph.undo.CompoundCommand;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The canvas's edits as {@link Command}s on a {@link GraphModel}. */
public final class GraphCommands {
  private final GraphModel model;
  private final Vocabulary words;

  public GraphCommands(GraphModel model, Vocabulary words) {
    this.model = model;
    this.words = words;
  }

  public GraphModel model() {
    return model;
  }

  public Command addNode(GraphNode node) {
    return new AddNode(model, node, "Add " + node.getTitle());
  }

  public Command connect(String edgeId, GraphNode source, Port output, GraphNode target, Port input) {
    GraphEdge edge = new GraphEdge(edgeId, source, output, target, input);
    return new AddEdge(model, edge, "Connect " + source.getTitle() + " → " + target.getTitle());
  }

  public Command disconnect(GraphEdge edge) {
    return new RemoveEdge(model, edge,
        "Disconnect " + edge.source().getTitle() + " → " + edge.target().getTitle());
  }

  /** Replaces an edge's target end, keeping its id. */
  public Command reconnectTarget(GraphEdge edge, GraphNode target, Port input) {
    GraphEdge replacement = new GraphEdge(edge.id(), edge.source(), edge.sourcePort(), target, input);
    return new CompoundCommand("Reconnect " + edge.source().getTitle() + " → " + target.getTitle(),
        List.of(new RemoveEdge(model, edge, ""), new AddEdge(model, replacement, "")));
  }

  /** Replaces an edge's source end, keeping its id. */
  public Command reconnectSource(GraphEdge edge, GraphNode source, Port output) {
    GraphEdge replacement = new GraphEdge(edge.id(), source, output, edge.target(), edge.targetPort());
    return new CompoundCommand("Reconnect " + source.getTitle() + " → " + edge.target().getTitle(),
        List.of(new RemoveEdge(model, edge, ""), new AddEdge(model, replacement, "")));
  }

  /**
   * Deletes nodes and edges as one step; the edges of deleted nodes go with them.
   */
  public Command delete(Collection<GraphNode> nodes, Collection<GraphEdge> edges) {
    Set<GraphEdge> allEdges = new LinkedHashSet<>(edges);
    for (GraphNode n : nodes) {
      allEdges.addAll(model.edgesOf(n));
    }
    List<Command> parts = new ArrayList<>(allEdges.size() + nodes.size());
    for (GraphEdge e : allEdges) {
      parts.add(new RemoveEdge(model, e, ""));
    }
    for (GraphNode n : nodes) {
      parts.add(new RemoveNode(model, n));
    }
    String what;
    if (nodes.isEmpty()) {
      what = allEdges.size() == 1 ? "1 edge" : allEdges.size() + " edges";
    } else if (nodes.size() == 1) {
      what = nodes.iterator().next().getTitle();
    } else {
      what = words.count(nodes.size());
    }
    return new CompoundCommand("Delete " + what, parts);
  }

  /** Moves nodes from their positions when the gesture began to where they are now, or back. */
  public Command move(List<GraphNode> nodes, double[] fromXY, double[] toXY, String verb) {
    String what = nodes.size() == 1 ? nodes.get(0).getTitle() : words.count(nodes.size());
    return new MoveNodes(nodes, fromXY, toXY, verb + " " + what);
  }

  /** Positions of nodes as x0, y0, x1, y1, … */
  public static double[] positions(List<GraphNode> nodes) {
    double[] xy = new double[nodes.size() * 2];
    for (int i = 0; i < nodes.size(); i++) {
      xy[2 * i] = nodes.get(i).getX();
      xy[2 * i + 1] = nodes.get(i).getY();
    }
    return xy;
  }

  private static final class AddNode implements Command {
    private final GraphModel model;
    private final GraphNode node;
    private final String description;

    AddNode(GraphModel model, GraphNode node, String description) {
      this.model = model;
      this.node = node;
      this.description = description;
    }

    @Override
    public void execute() {
      model.addNode(node);
    }

    @Override
    public void undo() {
      model.removeNode(node);
    }

    @Override
    public String description() {
      return description;
    }
  }

  private static final class RemoveNode implements Command {
    private final GraphModel model;
    private final GraphNode node;
    private int index;

    RemoveNode(GraphModel model, GraphNode node) {
      this.model = model;
      this.node = node;
    }

    @Override
    public void execute() {
      index = model.removeNode(node);
    }

    @Override
    public void undo() {
      model.addNode(index, node);
    }

    @Override
    public String description() {
      return "Delete " + node.getTitle();
    }
  }

  private static final class AddEdge implements Command {
    private final GraphModel model;
    private final GraphEdge edge;
    private final String description;

    AddEdge(GraphModel model, GraphEdge edge, String description) {
      this.model = model;
      this.edge = edge;
      this.description = description;
    }

    @Override
    public void execute() {
      model.addEdge(edge);
    }

    @Override
    public void undo() {
      model.removeEdge(edge);
    }

    @Override
    public String description() {
      return description;
    }
  }

  private static final class RemoveEdge implements Command {
    private final GraphModel model;
    private final GraphEdge edge;
    private final String description;
    private int index;

    RemoveEdge(GraphModel model, GraphEdge edge, String description) {
      this.model = model;
      this.edge = edge;
      this.description = description;
    }

    @Override
    public void execute() {
      index = model.removeEdge(edge);
    }

    @Override
    public void undo() {
      model.addEdge(index, edge);
    }

    @Override
    public String description() {
      return description;
    }
  }

  private static final class MoveNodes implements Command {
    private final List<GraphNode> nodes;
    private final double[] from;
    private final double[] to;
    private final String description;

    MoveNodes(List<GraphNode> nodes, double[] from, double[] to, String description) {
      this.nodes = List.copyOf(nodes);
      this.from = from.clone();
      this.to = to.clone();
      this.description = description;
    }

    @Override
    public void execute() {
      apply(to);
    }

    @Override
    public void undo() {
      apply(from);
    }

    private void apply(double[] xy) {
      for (int i = 0; i < nodes.size(); i++) {
        nodes.get(i).moveTo(xy[2 * i], xy[2 * i + 1]);
      }
    }

    @Override
    public String description() {
      return description;
    }
  }
}

package io.pipewright.app.document;

import io.pipewright.graph.model.GraphEdge;
import io.pipewright.graph.model.GraphModel;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.model.Port;
import io.pipewright.model.DatasetNode;
import io.pipewright.model.Edge;
import io.pipewright.model.InputPort;
import io.pipewright.model.Layout;
import io.pipewright.model.OutputPort;
import io.pipewright.model.Pipeline;
import io.pipewright.model.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javafx.collections.ListChangeListener;

/**
 * Keeps the canvas model and the pipeline in step, both ways. A pipeline edit (or its undo) is shown
 * on the canvas by changing only what differs; a canvas gesture (connect, reconnect, delete, and the
 * undo of those) is written back into the pipeline. Node ids are step and dataset ids, edge ids are
 * the pipeline's edge ids; ports are {@code in:NAME} and {@code out:NAME}.
 */
final class GraphBinding {
  static final String DATASET_PORT = "out:data";
  private static final double COLUMN = 260;
  private static final double ROW = 110;

  private final PipelineDocument document;
  private final GraphModel graph;
  /** Definitions of nodes the canvas deleted, so that undoing the delete brings them back whole. */
  private final Map<String, Object> removed = new HashMap<>();
  private boolean showing;

  GraphBinding(PipelineDocument document) {
    this.document = document;
    this.graph = document.graph();
    graph.nodes().addListener((ListChangeListener<GraphNode>) c -> {
      if (!showing) {
        canvasChangedNodes(c);
      }
    });
    graph.edges().addListener((ListChangeListener<GraphEdge>) c -> {
      if (!showing) {
        canvasChangedEdges();
      }
    });
  }

  static String inputPort(String name) {
    return "in:" + name;
  }

  static String outputPort(String name) {
    return "out:" + name;
  }

  /** The pipeline port name of a canvas port ({@code null} for a dataset's only output). */
  static String portName(Port port) {
    if (DATASET_PORT.equals(port.id())) {
      return null;
    }
    return port.id().substring(port.id().indexOf(':') + 1);
  }

  /** Changes the canvas to show {@code pipeline}, touching only what differs. */
  void show(Pipeline pipeline) {
    showing = true;
    try {
      Map<String, GraphNode> wanted = new java.util.LinkedHashMap<>();
      int index = 0;
      for (DatasetNode d : pipeline.datasets()) {
        wanted.put(d.id(), reconcile(datasetNode(d), pipeline, index++));
      }
      for (Step s : pipeline.steps()) {
        wanted.put(s.id(), reconcile(stepNode(s), pipeline, index++));
      }
      Set<String> edgeIds = new HashSet<>();
      for (Edge e : pipeline.edges()) {
        edgeIds.add(e.id());
      }
      for (GraphEdge e : List.copyOf(graph.edges())) {
        if (!edgeIds.contains(e.id()) || !sameEnds(e, pipeline.edges(), wanted)) {
          graph.removeEdge(e);
        }
      }
      for (GraphNode n : List.copyOf(graph.nodes())) {
        if (wanted.get(n.id()) != n) {
          for (GraphEdge e : graph.edgesOf(n)) {
            graph.removeEdge(e);
          }
          graph.removeNode(n);
        }
      }
      List<GraphNode> toAdd = new ArrayList<>();
      for (GraphNode n : wanted.values()) {
        if (graph.node(n.id()) == null) {
          toAdd.add(n);
        }
      }
      graph.addNodes(toAdd);
      for (Edge e : pipeline.edges()) {
        if (graph.edge(e.id()) == null) {
          GraphEdge edge = toGraphEdge(e);
          if (edge != null) {
            graph.addEdge(edge);
          }
        }
      }
    } finally {
      showing = false;
    }
  }

  /** The node to show: the existing one when its ports still fit, with its title updated. */
  private GraphNode reconcile(GraphNode fresh, Pipeline pipeline, int index) {
    GraphNode existing = graph.node(fresh.id());
    if (existing != null && existing.kind().equals(fresh.kind())
        && existing.inputs().equals(fresh.inputs()) && existing.outputs().equals(fresh.outputs())) {
      existing.setTitle(fresh.getTitle());
      return existing;
    }
    if (existing != null) {
      fresh.moveTo(existing.getX(), existing.getY());
    } else {
      Layout.Position at = pipeline.layout().nodes().get(fresh.id());
      if (at != null) {
        fresh.moveTo(at.x(), at.y());
      } else {
        fresh.moveTo(40 + (index % 4) * COLUMN, 40 + (index / 4) * ROW);
      }
    }
    return fresh;
  }

  private boolean sameEnds(GraphEdge shown, List<Edge> edges, Map<String, GraphNode> wanted) {
    for (Edge e : edges) {
      if (e.id().equals(shown.id())) {
        return wanted.get(e.from().node()) == shown.source()
            && wanted.get(e.to().node()) == shown.target()
            && Objects.equals(e.from().port(), portName(shown.sourcePort()))
            && Objects.equals(e.to().port(), portName(shown.targetPort()));
      }
    }
    return false;
  }

  private GraphEdge toGraphEdge(Edge e) {
    GraphNode from = graph.node(e.from().node());
    GraphNode to = graph.node(e.to().node());
    if (from == null || to == null) {
      return null;
    }
    Port out = from.port(e.from().port() == null ? DATASET_PORT : outputPort(e.from().port()));
    Port in = to.port(inputPort(e.to().port()));
    if (out == null || in == null) {
      return null; // a dangling edge: validation reports it, the canvas cannot draw it
    }
    return new GraphEdge(e.id(), from, out, to, in);
  }

  static GraphNode datasetNode(DatasetNode d) {
    String type = d.kind().name().toLowerCase(java.util.Locale.ROOT);
    return new GraphNode(d.id(), NodeKinds.DATASET, d.name(), List.of(),
        List.of(new Port(DATASET_PORT, type, Port.ANY, io.pipewright.graph.model.PortDirection.OUTPUT)));
  }

  static GraphNode stepNode(Step s) {
    List<Port> inputs = new ArrayList<>();
    for (InputPort p : s.inputs()) {
      inputs.add(new Port(inputPort(p.name()), p.name(), Port.ANY, io.pipewright.graph.model.PortDirection.INPUT));
    }
    List<Port> outputs = new ArrayList<>();
    for (OutputPort p : s.outputs()) {
      outputs.add(new Port(outputPort(p.name()), p.name(), Port.ANY, io.pipewright.graph.model.PortDirection.OUTPUT));
    }
    return new GraphNode(s.id(), NodeKinds.of(s), s.name(), inputs, outputs);
  }

  private void canvasChangedNodes(ListChangeListener.Change<? extends GraphNode> c) {
    Pipeline p = document.pipeline();
    List<Step> steps = new ArrayList<>(p.steps());
    List<DatasetNode> datasets = new ArrayList<>(p.datasets());
    while (c.next()) {
      for (GraphNode n : c.getRemoved()) {
        p.step(n.id()).ifPresent(s -> {
          removed.put(s.id(), s);
          steps.remove(s);
        });
        p.dataset(n.id()).ifPresent(d -> {
          removed.put(d.id(), d);
          datasets.remove(d);
        });
      }
      for (GraphNode n : c.getAddedSubList()) {
        Object definition = removed.remove(n.id());
        if (definition instanceof Step) {
          steps.add((Step) definition);
        } else if (definition instanceof DatasetNode) {
          datasets.add((DatasetNode) definition);
        }
      }
    }
    document.acceptFromCanvas(p.withSteps(steps).withDatasets(datasets).withEdges(edgesOnCanvas(p)));
  }

  private void canvasChangedEdges() {
    Pipeline p = document.pipeline();
    document.acceptFromCanvas(p.withEdges(edgesOnCanvas(p)));
  }

  /** The canvas's edges as pipeline edges, in the pipeline's order where they were already there. */
  private List<Edge> edgesOnCanvas(Pipeline p) {
    Map<String, Edge> known = new HashMap<>();
    for (Edge e : p.edges()) {
      known.put(e.id(), e);
    }
    List<Edge> result = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Edge e : p.edges()) {
      GraphEdge shown = graph.edge(e.id());
      if (shown != null) {
        result.add(fromGraphEdge(shown));
        seen.add(e.id());
      }
    }
    for (GraphEdge shown : graph.edges()) {
      if (!seen.contains(shown.id())) {
        result.add(fromGraphEdge(shown));
      }
    }
    return result;
  }

  private static Edge fromGraphEdge(GraphEdge e) {
    return new Edge(e.id(), new Edge.End(e.source().id(), portName(e.sourcePort())),
        new Edge.End(e.target().id(), portName(e.targetPort())));
  }
}

package io.pipewright.app.document;

import io.pipewright.graph.layout.LayeredLayout;
import io.pipewright.graph.model.GraphEdge;
import io.pipewright.graph.model.GraphModel;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.model.Port;
import io.pipewright.model.DatasetNode;
import io.pipewright.model.Edge;
import io.pipewright.model.Layout;
import io.pipewright.model.Pipeline;
import io.pipewright.model.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A canvas layout for a pipeline that has none (one imported from another format): the canvas's own
 * layered layout ({@link LayeredLayout}, what View ▸ Arrange layout does), computed on a canvas model
 * that is never shown, so that it runs on any thread and without a display.
 */
public final class PipelineLayouts {
  private static final double MARGIN = 40;

  private PipelineLayouts() {}

  /** The pipeline with every node placed, datasets on the left, each step right of what it reads. */
  public static Pipeline arrange(Pipeline pipeline) {
    GraphModel graph = new GraphModel();
    Map<String, GraphNode> nodes = new LinkedHashMap<>();
    for (DatasetNode d : pipeline.datasets()) {
      nodes.put(d.id(), GraphBinding.datasetNode(d));
    }
    for (Step s : pipeline.steps()) {
      nodes.put(s.id(), GraphBinding.stepNode(s));
    }
    graph.addNodes(List.copyOf(nodes.values()));
    for (Edge e : pipeline.edges()) {
      GraphNode from = nodes.get(e.from().node());
      GraphNode to = nodes.get(e.to().node());
      if (from == null || to == null) {
        continue;
      }
      Port out = from.port(e.from().port() == null ? GraphBinding.DATASET_PORT : GraphBinding.outputPort(e.from().port()));
      Port in = to.port(GraphBinding.inputPort(e.to().port()));
      if (out != null && in != null) {
        graph.addEdge(new GraphEdge(e.id(), from, out, to, in));
      }
    }
    double[] at = new LayeredLayout().compute(graph);
    List<GraphNode> order = graph.nodes();
    double minX = Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    for (int i = 0; i < order.size(); i++) {
      minX = Math.min(minX, at[2 * i]);
      minY = Math.min(minY, at[2 * i + 1]);
    }
    Map<String, Layout.Position> positions = new LinkedHashMap<>();
    for (int i = 0; i < order.size(); i++) {
      positions.put(order.get(i).id(), new Layout.Position(Math.round(at[2 * i] - minX + MARGIN),
          Math.round(at[2 * i + 1] - minY + MARGIN)));
    }
    return pipeline.withLayout(new Layout(positions));
  }
}

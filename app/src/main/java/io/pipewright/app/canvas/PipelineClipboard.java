package io.pipewright.app.canvas;

import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.document.PipelineEdits;
import io.pipewright.graph.model.GraphEdge;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.view.ClipboardHandler;
import io.pipewright.model.DatasetNode;
import io.pipewright.model.Edge;
import io.pipewright.model.Layout;
import io.pipewright.model.LoadedPipeline;
import io.pipewright.model.Pipeline;
import io.pipewright.model.PipelineFormat;
import io.pipewright.model.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Copy, cut, paste and duplicate of steps and datasets. The selection travels as a small pipeline
 * file (the same JSON as {@code *.pipeline.json}, with the copied edges between the copied nodes
 * and their positions), so it can be pasted into another pipeline or read by a person. Pasting gives
 * every node a fresh id and a free name, and is one undoable edit.
 */
public final class PipelineClipboard implements ClipboardHandler {
  static final double DUPLICATE_OFFSET = 40;

  /** Where the text goes: the system clipboard in the app, a field in tests. */
  public interface Board {
    void put(String json);

    Optional<String> get();
  }

  private final Supplier<PipelineDocument> document;
  private final Board board;
  private final Consumer<Set<String>> select;

  public PipelineClipboard(Supplier<PipelineDocument> document, Board board, Consumer<Set<String>> select) {
    this.document = document;
    this.board = board;
    this.select = select;
  }

  @Override
  public void copy(List<GraphNode> nodes, List<GraphEdge> edges) {
    board.put(PipelineFormat.write(fragment(nodes)));
  }

  @Override
  public void paste(double modelX, double modelY) {
    board.get().map(text -> PipelineFormat.parse(text, "clipboard")).map(LoadedPipeline::pipeline)
        .ifPresent(fragment -> insert(fragment, modelX, modelY, "Paste"));
  }

  @Override
  public void duplicate(List<GraphNode> nodes, List<GraphEdge> edges) {
    Pipeline fragment = fragment(nodes);
    double minX = nodes.stream().mapToDouble(GraphNode::getX).min().orElse(0);
    double minY = nodes.stream().mapToDouble(GraphNode::getY).min().orElse(0);
    insert(fragment, minX + DUPLICATE_OFFSET, minY + DUPLICATE_OFFSET, "Duplicate");
  }

  /** The selected steps and datasets, the edges among them, and their positions. */
  Pipeline fragment(List<GraphNode> nodes) {
    Pipeline p = document.get().pipeline();
    Set<String> ids = new HashSet<>();
    Map<String, Layout.Position> positions = new LinkedHashMap<>();
    for (GraphNode n : nodes) {
      ids.add(n.id());
      positions.put(n.id(), new Layout.Position(n.getX(), n.getY()));
    }
    List<Step> steps = p.steps().stream().filter(s -> ids.contains(s.id())).toList();
    List<DatasetNode> datasets = p.datasets().stream().filter(d -> ids.contains(d.id())).toList();
    List<Edge> edges = p.edges().stream()
        .filter(e -> ids.contains(e.from().node()) && ids.contains(e.to().node())).toList();
    return new Pipeline("clipboard", "clipboard", "", null, null, datasets, steps, edges, new Layout(positions));
  }

  /** Adds a fragment with fresh ids and names, its top-left node at (x, y). */
  void insert(Pipeline fragment, double x, double y, String verb) {
    if (fragment == null || (fragment.steps().isEmpty() && fragment.datasets().isEmpty())) {
      return;
    }
    PipelineDocument doc = document.get();
    double minX = fragment.layout().nodes().values().stream().mapToDouble(Layout.Position::x).min().orElse(0);
    double minY = fragment.layout().nodes().values().stream().mapToDouble(Layout.Position::y).min().orElse(0);
    Set<String> added = new HashSet<>();
    int count = fragment.steps().size() + fragment.datasets().size();
    doc.edit(verb + " " + count + (count == 1 ? " node" : " nodes"), p -> {
      Map<String, String> newIds = new HashMap<>();
      Pipeline next = p;
      for (DatasetNode d : fragment.datasets()) {
        String id = PipelineEdits.freshId(next, d.id());
        newIds.put(d.id(), id);
        Layout.Position at = position(fragment, d.id(), minX, minY, x, y);
        next = PipelineEdits.addDataset(new DatasetNode(id, d.name(), d.kind(), d.source()), at.x(), at.y()).apply(next);
      }
      for (Step s : fragment.steps()) {
        String id = PipelineEdits.freshId(next, s.id());
        newIds.put(s.id(), id);
        Step copy = new Step(id, freeName(next, s.name()), s.description(), s.kind(), s.compute(),
            s.sourceDirectory(), s.inputs(), s.outputs(), s.arguments(), s.environment(), s.allowReuse());
        Layout.Position at = position(fragment, s.id(), minX, minY, x, y);
        next = PipelineEdits.addStep(copy, at.x(), at.y()).apply(next);
      }
      List<Edge> edges = new ArrayList<>(next.edges());
      for (Edge e : fragment.edges()) {
        Pipeline current = next.withEdges(edges);
        edges.add(new Edge(PipelineEdits.freshId(current, "e"),
            new Edge.End(newIds.get(e.from().node()), e.from().port()),
            new Edge.End(newIds.get(e.to().node()), e.to().port())));
      }
      added.clear();
      added.addAll(newIds.values());
      return next.withEdges(edges);
    });
    select.accept(added);
  }

  private static Layout.Position position(Pipeline fragment, String id, double minX, double minY, double x, double y) {
    Layout.Position p = fragment.layout().nodes().getOrDefault(id, new Layout.Position(minX, minY));
    return new Layout.Position(x + p.x() - minX, y + p.y() - minY);
  }

  private static String freeName(Pipeline p, String name) {
    Set<String> taken = new HashSet<>();
    p.steps().forEach(s -> taken.add(s.name()));
    if (!taken.contains(name)) {
      return name;
    }
    String base = name.replaceAll(" \\(copy( \\d+)?\\)$", "");
    String candidate = base + " (copy)";
    for (int i = 2; taken.contains(candidate); i++) {
      candidate = base + " (copy " + i + ")";
    }
    return candidate;
  }
}

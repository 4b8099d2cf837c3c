package io.pipewright.app.document;

import io.pipewright.model.DatasetKind;
import io.pipewright.model.DatasetNode;
import io.pipewright.model.DatasetSource;
import io.pipewright.model.Edge;
import io.pipewright.model.InputPort;
import io.pipewright.model.Layout;
import io.pipewright.model.OutputPort;
import io.pipewright.model.Pipeline;
import io.pipewright.model.ScriptStep;
import io.pipewright.model.SparkEntry;
import io.pipewright.model.SparkSettings;
import io.pipewright.model.SparkStep;
import io.pipewright.model.Step;
import io.pipewright.model.StepKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Pure functions from a pipeline to the next one, for {@link PipelineDocument#edit}. They keep
 * edges consistent (renaming a port renames the edges' ends; removing a node removes its edges).
 */
public final class PipelineEdits {
  private PipelineEdits() {}

  /** A new step of a palette kind with one input and one output and default settings. */
  public static Step newStep(Pipeline p, String nodeKind) {
    String name;
    switch (nodeKind) {
      case NodeKinds.SPARK_SQL: name = "Spark SQL step"; break;
      case NodeKinds.SPARK_JAR: name = "Spark JAR step"; break;
      case NodeKinds.SPARK_PYTHON: name = "Spark Python step"; break;
      case NodeKinds.SCRIPT: name = "Script step"; break;
      default: throw new IllegalArgumentException("not a step kind: " + nodeKind);
    }
    String id = freshId(p, slug(name));
    // Entries name files after the step, so that a new step can be saved as it is (the file format
    // requires an entry); validation says the file is missing until the user picks or writes one.
    StepKind kind;
    switch (nodeKind) {
      case NodeKinds.SPARK_SQL:
        kind = new SparkStep(new SparkEntry.Sql(id + ".sql"), SparkSettings.DEFAULTS);
        break;
      case NodeKinds.SPARK_JAR:
        kind = new SparkStep(new SparkEntry.Jar(id + ".jar", "Main"), SparkSettings.DEFAULTS);
        break;
      case NodeKinds.SPARK_PYTHON:
        kind = new SparkStep(new SparkEntry.Python(id + ".py"), SparkSettings.DEFAULTS);
        break;
      default:
        kind = new ScriptStep("python3 " + id + ".py");
        break;
    }
    return new Step(id, uniqueName(p, name), "", kind, null, null, List.of(InputPort.of("input")),
        List.of(OutputPort.of("output")), List.of(), null, true);
  }

  /** A dataset node read from a datastore path, or a registered dataset (version null = latest). */
  public static DatasetNode newDataset(Pipeline p, String name, DatasetKind kind, DatasetSource source) {
    return new DatasetNode(freshId(p, slug(name)), name, kind, source);
  }

  public static UnaryOperator<Pipeline> addStep(Step step, double x, double y) {
    return p -> {
      List<Step> steps = new ArrayList<>(p.steps());
      steps.add(step);
      return withPosition(p.withSteps(steps), step.id(), x, y);
    };
  }

  public static UnaryOperator<Pipeline> addDataset(DatasetNode dataset, double x, double y) {
    return p -> {
      List<DatasetNode> datasets = new ArrayList<>(p.datasets());
      datasets.add(dataset);
      return withPosition(p.withDatasets(datasets), dataset.id(), x, y);
    };
  }

  /** Replaces the step with the same id. */
  public static UnaryOperator<Pipeline> updateStep(Step changed) {
    return p -> {
      Step old = p.step(changed.id()).orElseThrow();
      List<Step> steps = new ArrayList<>(p.steps());
      steps.set(steps.indexOf(old), changed);
      return p.withSteps(steps).withEdges(followPortRenames(p.edges(), old, changed));
    };
  }

  public static UnaryOperator<Pipeline> updateDataset(DatasetNode changed) {
    return p -> {
      DatasetNode old = p.dataset(changed.id()).orElseThrow();
      List<DatasetNode> datasets = new ArrayList<>(p.datasets());
      datasets.set(datasets.indexOf(old), changed);
      return p.withDatasets(datasets);
    };
  }

  /** Removes steps and datasets and every edge that touches them. */
  public static UnaryOperator<Pipeline> removeNodes(Set<String> ids) {
    return p -> {
      List<Step> steps = new ArrayList<>(p.steps());
      steps.removeIf(s -> ids.contains(s.id()));
      List<DatasetNode> datasets = new ArrayList<>(p.datasets());
      datasets.removeIf(d -> ids.contains(d.id()));
      List<Edge> edges = new ArrayList<>(p.edges());
      edges.removeIf(e -> ids.contains(e.from().node()) || ids.contains(e.to().node()));
      return p.withSteps(steps).withDatasets(datasets).withEdges(edges);
    };
  }

  /** Pipeline-level fields: name, description, default compute. */
  public static UnaryOperator<Pipeline> describe(String name, String description, String defaultCompute) {
    return p -> new Pipeline(p.id(), name, description, p.parameters(), defaultCompute, p.datasets(),
        p.steps(), p.edges(), p.layout());
  }

  /**
   * Edges whose ends named a port of {@code old} that {@code changed} has at the same position under
   * another name now use the new name; edges to ports that no longer exist are dropped.
   */
  static List<Edge> followPortRenames(List<Edge> edges, Step old, Step changed) {
    Map<String, String> inputs = renames(old.inputs().stream().map(InputPort::name).toList(),
        changed.inputs().stream().map(InputPort::name).toList());
    Map<String, String> outputs = renames(old.outputs().stream().map(OutputPort::name).toList(),
        changed.outputs().stream().map(OutputPort::name).toList());
    List<Edge> result = new ArrayList<>();
    for (Edge e : edges) {
      Edge.End from = e.from();
      Edge.End to = e.to();
      if (from.node().equals(old.id()) && from.port() != null) {
        String port = outputs.get(from.port());
        if (port == null) {
          continue;
        }
        from = new Edge.End(from.node(), port);
      }
      if (to.node().equals(old.id())) {
        String port = inputs.get(to.port());
        if (port == null) {
          continue;
        }
        to = new Edge.End(to.node(), port);
      }
      result.add(new Edge(e.id(), from, to));
    }
    return result;
  }

  /** Old name → new name: kept names map to themselves, the rest pair up by position. */
  private static Map<String, String> renames(List<String> before, List<String> after) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < before.size(); i++) {
      String name = before.get(i);
      if (after.contains(name)) {
        map.put(name, name);
      } else if (before.size() == after.size()) {
        map.put(name, after.get(i));
      }
    }
    return map;
  }

  private static Pipeline withPosition(Pipeline p, String id, double x, double y) {
    Map<String, Layout.Position> positions = new LinkedHashMap<>(p.layout().nodes());
    positions.put(id, new Layout.Position(Math.round(x), Math.round(y)));
    return new Pipeline(p.id(), p.name(), p.description(), p.parameters(), p.defaultCompute(),
        p.datasets(), p.steps(), p.edges(), new Layout(positions));
  }

  /** An id not used by any step, dataset or edge: {@code base}, {@code base_2}, … */
  public static String freshId(Pipeline p, String base) {
    Set<String> taken = new HashSet<>();
    p.steps().forEach(s -> taken.add(s.id()));
    p.datasets().forEach(d -> taken.add(d.id()));
    p.edges().forEach(e -> taken.add(e.id()));
    String id = base.isEmpty() ? "node" : base;
    for (int i = 2; taken.contains(id); i++) {
      id = base + "_" + i;
    }
    return id;
  }

  private static String uniqueName(Pipeline p, String base) {
    Set<String> taken = new HashSet<>();
    p.steps().forEach(s -> taken.add(s.name()));
    String name = base;
    for (int i = 2; taken.contains(name); i++) {
      name = base + " " + i;
    }
    return name;
  }

  static String slug(String name) {
    String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    return s.length() > 40 ? s.substring(0, 40) : s;
  }
}

package io.pipewright.local;

import io.pipewright.model.DatasetKind;
import io.pipewright.model.DatasetNode;
import io.pipewright.model.DatasetSource;
import io.pipewright.model.Edge;
import io.pipewright.model.Environment;
import io.pipewright.model.InputMode;
import io.pipewright.model.InputPort;
import io.pipewright.model.OutputPort;
import io.pipewright.model.Pipeline;
import io.pipewright.model.ScriptStep;
import io.pipewright.model.SparkEntry;
import io.pipewright.model.SparkSettings;
import io.pipewright.model.SparkStep;
import io.pipewright.model.Step;
import java.util.ArrayList;
import java.util.List;

/** Small pipelines built in code for engine tests. */
final class Pipelines {
  private final String id;
  private final List<DatasetNode> datasets = new ArrayList<>();
  private final List<Step> steps = new ArrayList<>();
  private final List<Edge> edges = new ArrayList<>();

  private Pipelines(String id) {
    this.id = id;
  }

  static Pipelines pipeline(String id) {
    return new Pipelines(id);
  }

  Pipelines dataset(String datasetId, DatasetKind kind, String datastorePath) {
    datasets.add(new DatasetNode(datasetId, datasetId, kind, new DatasetSource.DatastorePath("default", datastorePath)));
    return this;
  }

  Pipelines sql(String stepId, String sqlFile, List<String> inputs, List<String> outputs) {
    steps.add(step(stepId, new SparkStep(new SparkEntry.Sql(sqlFile), SparkSettings.DEFAULTS), inputs, InputMode.DIRECT,
        outputs, List.of(), null));
    return this;
  }

  Pipelines script(String stepId, String command, List<String> inputs, List<String> outputs, List<String> arguments) {
    steps.add(step(stepId, new ScriptStep(command), inputs, InputMode.DIRECT, outputs, arguments, null));
    return this;
  }

  Pipelines add(Step step) {
    steps.add(step);
    return this;
  }

  static Step step(String stepId, io.pipewright.model.StepKind kind, List<String> inputs, InputMode mode,
      List<String> outputs, List<String> arguments, String registerAs) {
    return new Step(stepId, stepId, null, kind, kind instanceof ScriptStep ? "local-process" : "local-spark", ".",
        inputs.stream().map(n -> new InputPort(n, mode, false)).toList(),
        outputs.stream().map(n -> new OutputPort(n, registerAs)).toList(), arguments, Environment.EMPTY, true);
  }

  /** An edge from a dataset ({@code "titanic"}) or a step output ({@code "prep.prepared"}) to {@code "step.port"}. */
  Pipelines edge(String from, String to) {
    String[] f = from.split("\\.", 2);
    String[] t = to.split("\\.", 2);
    edges.add(new Edge("e" + (edges.size() + 1), new Edge.End(f[0], f.length > 1 ? f[1] : null), new Edge.End(t[0], t[1])));
    return this;
  }

  Pipeline build() {
    return new Pipeline(id, id, null, List.of(), "local-spark", datasets, steps, edges, null);
  }
}

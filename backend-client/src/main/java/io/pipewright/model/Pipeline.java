package io.pipewright.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A pipeline: steps and dataset nodes linked by edges. Everything is referred to by stable id;
 * {@link Layout} (where nodes sit on the canvas) is kept apart from the semantics.
 *
 * @param defaultCompute the compute target of steps that do not name one
 */
public record Pipeline(
    String id,
    String name,
    String description,
    List<Parameter> parameters,
    String defaultCompute,
    List<DatasetNode> datasets,
    List<Step> steps,
    List<Edge> edges,
    Layout layout) {

  public Pipeline {
    Objects.requireNonNull(id, "id");
    name = name == null ? id : name;
    description = description == null ? "" : description;
    parameters = List.copyOf(parameters == null ? List.of() : parameters);
    datasets = List.copyOf(datasets == null ? List.of() : datasets);
    steps = List.copyOf(steps == null ? List.of() : steps);
    edges = List.copyOf(edges == null ? List.of() : edges);
    layout = layout == null ? Layout.EMPTY : layout;
  }

  public Optional<Step> step(String stepId) {
    return steps.stream().filter(s -> s.id().equals(stepId)).findFirst();
  }

  public Optional<DatasetNode> dataset(String datasetId) {
    return datasets.stream().filter(d -> d.id().equals(datasetId)).findFirst();
  }

  public Optional<Parameter> parameter(String parameterName) {
    return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
  }

  /** The edges that end at one of this step's inputs. */
  public List<Edge> edgesInto(String stepId) {
    return edges.stream().filter(e -> e.to().node().equals(stepId)).toList();
  }

  /** The compute target a step runs on: its own, else the pipeline's default. */
  public String computeOf(Step step) {
    return step.compute() != null ? step.compute() : defaultCompute;
  }

  public Pipeline withSteps(List<Step> newSteps) {
    return new Pipeline(id, name, description, parameters, defaultCompute, datasets, newSteps, edges, layout);
  }

  public Pipeline withEdges(List<Edge> newEdges) {
    return new Pipeline(id, name, description, parameters, defaultCompute, datasets, steps, newEdges, layout);
  }

  public Pipeline withDatasets(List<DatasetNode> newDatasets) {
    return new Pipeline(id, name, description, parameters, defaultCompute, newDatasets, steps, edges, layout);
  }

  public Pipeline withLayout(Layout newLayout) {
    return new Pipeline(id, name, description, parameters, defaultCompute, datasets, steps, edges, newLayout);
  }
}

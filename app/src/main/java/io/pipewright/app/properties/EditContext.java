package io.pipewright.app.properties;

import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.fx.DialogService;
import io.pipewright.app.fx.TaskExecutor;
import io.pipewright.model.Capacity;
import io.pipewright.model.Pipeline;
import io.pipewright.workspace.ComputeTarget;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javafx.collections.ObservableList;

/** What the panel models of one document share: the document, services and the compute targets. */
final class EditContext {
  final PipelineDocument document;
  final TaskExecutor executor;
  final DialogService dialogs;
  /** The workspace's compute targets, loaded in the background; empty until then. */
  final ObservableList<ComputeTarget> computes;
  /** What each compute target offers a Spark step, by name, read with the targets; absent when unknown. */
  final Map<String, Capacity> capacities;
  /** The workspace's warm Spark, where the designer's runs put SQL steps; empty before the workspace opens. */
  final java.util.function.Supplier<Optional<io.pipewright.workspace.WarmSpark>> warmSpark;

  EditContext(PipelineDocument document, TaskExecutor executor, DialogService dialogs,
      ObservableList<ComputeTarget> computes, Map<String, Capacity> capacities) {
    this(document, executor, dialogs, computes, capacities, Optional::empty);
  }

  EditContext(PipelineDocument document, TaskExecutor executor, DialogService dialogs,
      ObservableList<ComputeTarget> computes, Map<String, Capacity> capacities,
      java.util.function.Supplier<Optional<io.pipewright.workspace.WarmSpark>> warmSpark) {
    this.document = document;
    this.executor = executor;
    this.dialogs = dialogs;
    this.computes = computes;
    this.capacities = capacities;
    this.warmSpark = warmSpark;
  }

  Pipeline pipeline() {
    return document.pipeline();
  }

  void edit(String description, UnaryOperator<Pipeline> change) {
    document.edit(description, change);
  }

  /** The pipeline file's directory, against which source directories resolve; empty before a save. */
  Optional<Path> baseDirectory() {
    return document.file().map(f -> f.toAbsolutePath().getParent());
  }

  Optional<ComputeTarget> compute(String name) {
    return computes.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** {@code path} relative to {@code base} when it lies inside it, else absolute; {@code /} between names. */
  static String relativeTo(Path base, Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    if (base != null) {
      Path b = base.toAbsolutePath().normalize();
      if (absolute.startsWith(b)) {
        String relative = b.relativize(absolute).toString().replace('\\', '/');
        return relative.isEmpty() ? "." : relative;
      }
    }
    return absolute.toString();
  }
}

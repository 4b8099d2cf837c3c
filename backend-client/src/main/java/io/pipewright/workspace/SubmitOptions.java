package io.pipewright.workspace;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How to run a pipeline.
 *
 * @param pipelineFile the file the pipeline came from; its directory anchors relative source
 *     directories
 * @param parameters values for pipeline parameters, overriding their defaults
 * @param regenerateOutputs run every step even where an earlier result could be reused
 * @param sparkTarget the compute target every Spark step runs on instead of its own (script steps
 *     keep theirs); null to run each step where the pipeline says
 * @param selection which steps run ({@link StepSelection#ALL} for every step)
 */
public record SubmitOptions(
    String experiment, Path pipelineFile, Map<String, String> parameters, boolean regenerateOutputs,
    String sparkTarget, StepSelection selection) {

  public SubmitOptions {
    Objects.requireNonNull(pipelineFile, "pipelineFile");
    parameters = Map.copyOf(parameters == null ? Map.of() : parameters);
    sparkTarget = sparkTarget == null || sparkTarget.isBlank() ? null : sparkTarget;
    selection = selection == null ? StepSelection.ALL : selection;
  }

  /** Every step. */
  public SubmitOptions(String experiment, Path pipelineFile, Map<String, String> parameters, boolean regenerateOutputs,
      String sparkTarget) {
    this(experiment, pipelineFile, parameters, regenerateOutputs, sparkTarget, StepSelection.ALL);
  }

  /** Each step on its own compute target. */
  public SubmitOptions(String experiment, Path pipelineFile, Map<String, String> parameters, boolean regenerateOutputs) {
    this(experiment, pipelineFile, parameters, regenerateOutputs, null, StepSelection.ALL);
  }

  public Path baseDirectory() {
    Path parent = pipelineFile.toAbsolutePath().getParent();
    return parent == null ? Path.of(".").toAbsolutePath() : parent;
  }
}

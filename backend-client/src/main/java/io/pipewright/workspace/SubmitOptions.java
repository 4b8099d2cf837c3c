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
 * @param warmSpark run the SQL steps of local Spark computes in a long-lived warm driver where they
 *     can (the designer's default; {@code pipewright run --warm}); false for a cold JVM per step
 */
public record SubmitOptions(
    String experiment, Path pipelineFile, Map<String, String> parameters, boolean regenerateOutputs,
    String sparkTarget, StepSelection selection, boolean warmSpark) {

  public SubmitOptions {
    Objects.requireNonNull(pipelineFile, "pipelineFile");
    parameters = Map.copyOf(parameters == null ? Map.of() : parameters);
    sparkTarget = sparkTarget == null || sparkTarget.isBlank() ? null : sparkTarget;
    selection = selection == null ? StepSelection.ALL : selection;
  }

  /** Cold Spark: a JVM per local Spark step. */
  public SubmitOptions(String experiment, Path pipelineFile, Map<String, String> parameters, boolean regenerateOutputs,
      String sparkTarget, StepSelection selection) {
    this(experiment, pipelineFile, parameters, regenerateOutputs, sparkTarget, selection, false);
  }

  /** The same options with local SQL steps run in a warm driver, or not. */
  public SubmitOptions withWarmSpark(boolean warm) {
    return new SubmitOptions(experiment, pipelineFile, parameters, regenerateOutputs, sparkTarget, selection, warm);
  }

  /** Every step. */
  public SubmitOptions(String experiment, Path pipelineFile, Map<String, String> parameters, boolean regenerateOutputs,
      String sparkTarget) {
    this(experiment, pipelineFile, parameters, regenerateOutputs, sparkTarget, StepSelection.ALL, false);
  }

  /** Each step on its own compute target. */
  public SubmitOptions(String experiment, Path pipelineFile, Map<String, String> parameters, boolean regenerateOutputs) {
    this(experiment, pipelineFile, parameters, regenerateOutputs, null, StepSelection.ALL, false);
  }

  public Path baseDirectory() {
    Path parent = pipelineFile.toAbsolutePath().getParent();
    return parent == null ? Path.of(".").toAbsolutePath() : parent;
  }
}

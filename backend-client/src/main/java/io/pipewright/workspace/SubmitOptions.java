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
 */
public record SubmitOptions(
    String experiment, Path pipelineFile, Map<String, String> parameters, boolean regenerateOutputs) {

  public SubmitOptions {
    Objects.requireNonNull(pipelineFile, "pipelineFile");
    parameters = Map.copyOf(parameters == null ? Map.of() : parameters);
  }

  public Path baseDirectory() {
    Path parent = pipelineFile.toAbsolutePath().getParent();
    return parent == null ? Path.of(".").toAbsolutePath() : parent;
  }
}

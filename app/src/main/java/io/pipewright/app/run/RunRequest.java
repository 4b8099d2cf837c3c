package io.pipewright.app.run;

import java.util.Map;

/**
 * What the user chose in the Run dialog.
 *
 * @param experiment the experiment to record the run in; blank means the pipeline's id
 * @param regenerateOutputs run every step, even where an earlier result could be reused
 * @param parameters values of the pipeline's parameters for this run, by name (others keep their default)
 */
public record RunRequest(String experiment, boolean regenerateOutputs, Map<String, String> parameters) {
  public RunRequest {
    experiment = experiment == null ? "" : experiment.strip();
    parameters = Map.copyOf(parameters == null ? Map.of() : parameters);
  }

  public RunRequest(String experiment, boolean regenerateOutputs) {
    this(experiment, regenerateOutputs, Map.of());
  }
}

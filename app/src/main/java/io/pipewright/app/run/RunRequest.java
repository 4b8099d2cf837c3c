package io.pipewright.app.run;

import java.util.Map;

/**
 * What the user chose in the Run dialog.
 *
 * @param experiment the experiment to record the run in; blank means the pipeline's id
 * @param regenerateOutputs run every step, even where an earlier result could be reused
 * @param parameters values of the pipeline's parameters for this run, by name (others keep their default)
 * @param sparkTarget the compute target every Spark step runs on (script steps keep theirs); null for
 *     each step's own compute, as in the pipeline
 */
public record RunRequest(String experiment, boolean regenerateOutputs, Map<String, String> parameters,
    String sparkTarget) {
  public RunRequest {
    experiment = experiment == null ? "" : experiment.strip();
    parameters = Map.copyOf(parameters == null ? Map.of() : parameters);
    sparkTarget = sparkTarget == null || sparkTarget.isBlank() ? null : sparkTarget;
  }

  /** Each step on its own compute. */
  public RunRequest(String experiment, boolean regenerateOutputs, Map<String, String> parameters) {
    this(experiment, regenerateOutputs, parameters, null);
  }

  public RunRequest(String experiment, boolean regenerateOutputs) {
    this(experiment, regenerateOutputs, Map.of(), null);
  }
}

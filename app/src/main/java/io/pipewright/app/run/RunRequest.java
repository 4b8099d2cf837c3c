package io.pipewright.app.run;

/**
 * What the user chose in the Run dialog.
 *
 * @param experiment the experiment to record the run in; blank means the pipeline's id
 * @param regenerateOutputs run every step, even where an earlier result could be reused
 */
public record RunRequest(String experiment, boolean regenerateOutputs) {
  public RunRequest {
    experiment = experiment == null ? "" : experiment.strip();
  }
}

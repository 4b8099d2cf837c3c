package io.pipewright.app.run;

import io.pipewright.workspace.ComputeKind;
import io.pipewright.workspace.ComputeTarget;

/**
 * One entry of the Run dialog's "Run Spark steps on" choice.
 *
 * @param target the compute target's name; null for each step's own compute
 * @param label what the dialog shows ("cluster1 — Spark standalone cluster")
 */
public record SparkTargetChoice(String target, String label) {

  /** The default: every step where the pipeline says. */
  public static final SparkTargetChoice EACH_STEPS_OWN =
      new SparkTargetChoice(null, "Each step's own compute (as in the pipeline)");

  /** Every Spark step on {@code target}. */
  public static SparkTargetChoice of(ComputeTarget target) {
    String kind = ComputeKind.of(target.kind()).map(ComputeKind::label).orElse(target.kind());
    return new SparkTargetChoice(target.name(), target.name() + " — " + kind);
  }

  @Override
  public String toString() {
    return label;
  }
}

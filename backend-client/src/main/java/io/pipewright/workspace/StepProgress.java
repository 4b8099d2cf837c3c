package io.pipewright.workspace;

import java.time.Instant;

/**
 * How far a running Spark step has come, as its driver's monitoring API (or its target) reports it.
 *
 * @param stagesDone completed stages of the step's Spark application
 * @param stagesTotal stages known so far (grows as jobs are submitted); 0 when not known
 * @param tasksDone completed tasks of the active stages and those done
 * @param tasksTotal tasks of the same stages; 0 when not known
 * @param activeTasks tasks running now
 * @param stage what the driver says the current stage is ({@code "count at prep.sql:3"}), or null
 * @param source where the figures come from ({@code "Spark UI"}, {@code "Livy"}), for the tooltip
 */
public record StepProgress(
    String runId, String stepId, int stagesDone, int stagesTotal, int tasksDone, int tasksTotal, int activeTasks,
    String stage, String source, Instant at) {

  /** The fraction of tasks done, 0 to 1; -1 when nothing is known yet. */
  public double fraction() {
    return tasksTotal <= 0 ? -1 : Math.min(1.0, (double) tasksDone / tasksTotal);
  }

  /**
   * "stage 2 of 3 · 150/200 tasks", as a node and the Runs view show it; with no figures, what the
   * target reports ({@link #stage}: a Livy batch's "running"), else "starting".
   */
  public String describe() {
    StringBuilder s = new StringBuilder();
    if (stagesTotal > 0) {
      s.append("stage ").append(Math.min(stagesDone + 1, stagesTotal)).append(" of ").append(stagesTotal);
    }
    if (tasksTotal > 0) {
      if (s.length() > 0) {
        s.append(" · ");
      }
      s.append(tasksDone).append('/').append(tasksTotal).append(" tasks");
    }
    return s.length() > 0 ? s.toString() : stage != null ? stage : "starting";
  }
}

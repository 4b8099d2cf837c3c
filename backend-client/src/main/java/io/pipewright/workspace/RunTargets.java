package io.pipewright.workspace;

import io.pipewright.model.Pipeline;
import io.pipewright.model.Step;
import java.util.function.Function;

/** Where the steps of a pipeline run when {@code run --target} (or the Run dialog) names a target. */
public final class RunTargets {
  private RunTargets() {}

  /**
   * The pipeline with every Spark step on {@code sparkTarget}. When that target is this machine
   * ({@code local-spark}), script steps on anything but a local target (an Azure ML cluster, a
   * name this workspace does not know) run as local processes too: a pipeline made for Azure runs
   * here as a whole by switching its target.
   *
   * @param kindOf the kind of a compute target by name, null when there is none
   */
  public static Pipeline onTarget(Pipeline pipeline, String sparkTarget, Function<String, String> kindOf) {
    boolean local = ComputeTarget.LOCAL_SPARK.equals(kindOf.apply(sparkTarget));
    return pipeline.withSteps(pipeline.steps().stream().map(step -> {
      if (step.isSpark()) {
        return step.withCompute(sparkTarget);
      }
      return local && !isLocal(kindOf.apply(ComputeTarget.nameFor(pipeline, step)))
          ? step.withCompute(ComputeTarget.LOCAL_PROCESS) : step;
    }).toList());
  }

  /** The compute a step runs on, as {@link #onTarget} places it. */
  public static String computeOf(Pipeline pipeline, Step step, String sparkTarget, Function<String, String> kindOf) {
    if (sparkTarget == null) {
      return ComputeTarget.nameFor(pipeline, step);
    }
    if (step.isSpark()) {
      return sparkTarget;
    }
    String own = ComputeTarget.nameFor(pipeline, step);
    return ComputeTarget.LOCAL_SPARK.equals(kindOf.apply(sparkTarget)) && !isLocal(kindOf.apply(own))
        ? ComputeTarget.LOCAL_PROCESS : own;
  }

  private static boolean isLocal(String kind) {
    return ComputeTarget.LOCAL_SPARK.equals(kind) || ComputeTarget.LOCAL_PROCESS.equals(kind);
  }
}

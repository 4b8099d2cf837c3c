package io.pipewright.livy;

import io.pipewright.model.SparkStep;
import io.pipewright.remote.RemoteStep;
import io.pipewright.remote.SparkSubmission;
import io.pipewright.remote.Staging;
import io.pipewright.model.Step;
import io.pipewright.workspace.ComputeLauncher;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.LaunchedStep;
import io.pipewright.workspace.RemoteBackend;
import io.pipewright.workspace.StepLaunch;
import io.pipewright.workspace.WorkspaceException;
import java.time.Duration;
import java.util.Map;

/** Runs Spark steps as Livy batches (see {@link LivyJob}). */
final class LivyLauncher implements ComputeLauncher {
  static final Duration POLL_EVERY = Duration.ofSeconds(1);

  private final RemoteBackend.Context context;

  LivyLauncher(RemoteBackend.Context context) {
    this.context = context;
  }

  /** The step runs on the cluster: it takes none of this machine's cores. */
  @Override
  public int coresFor(Step step, ComputeTarget target) {
    return 0;
  }

  @Override
  public LaunchedStep launch(StepLaunch launch) throws WorkspaceException {
    if (!(launch.step().kind() instanceof SparkStep)) {
      throw new WorkspaceException("step '" + launch.step().name() + "' is not a Spark step: Livy runs Spark steps only");
    }
    Staging staging = Staging.of(launch, launch.target().setting("stagingDir"));
    SparkSubmission submission = staging.submission(launch, context.sqlDriverJar(),
        "pipewright-" + launch.runId() + "-" + launch.step().id(), Map.of("spark.ui.showConsoleProgress", "false"));
    LivyConnection livy = new LivyConnection(launch.target(), context.passwords());
    launch.logs().note("livy: " + livy.url() + (staging.copies()
        ? ", files staged in " + launch.target().setting("stagingDir").orElseThrow()
        : ", files read from this workspace's folders (Livy's livy.file.local-dir-whitelist must allow them)"));
    if (!submission.environment().isEmpty()) {
      launch.logs().note("environment: Livy batches take no driver environment; the step's variables are set on"
          + " the executors (spark.executorEnv.*) only");
    }
    LivyJob job = new LivyJob(livy, submission, launch.target().setting("proxyUser").orElse(null), launch.logs());
    return RemoteStep.start(job, staging, launch.logs(), POLL_EVERY);
  }
}

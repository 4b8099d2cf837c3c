package io.pipewright.standalone;

import io.pipewright.http.RestClient;
import io.pipewright.model.SparkEntry;
import io.pipewright.model.SparkStep;
import io.pipewright.remote.RemoteStep;
import io.pipewright.remote.SparkSubmission;
import io.pipewright.remote.Staging;
import io.pipewright.remote.TargetTimeouts;
import io.pipewright.model.Step;
import io.pipewright.workspace.ComputeLauncher;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.LaunchedStep;
import io.pipewright.workspace.RemoteBackend;
import io.pipewright.workspace.StepLaunch;
import io.pipewright.workspace.WorkspaceException;
import java.time.Duration;
import java.util.Map;

/** Runs Spark steps as drivers in cluster deploy mode on a standalone cluster (see {@link StandaloneJob}). */
final class StandaloneLauncher implements ComputeLauncher {
  static final Duration POLL_EVERY = Duration.ofSeconds(1);

  private final RemoteBackend.Context context;

  StandaloneLauncher(RemoteBackend.Context context) {
    this.context = context;
  }

  /** The step runs on the cluster: it takes none of this machine's cores. */
  @Override
  public int coresFor(Step step, ComputeTarget target) {
    return 0;
  }

  @Override
  public LaunchedStep launch(StepLaunch launch) throws WorkspaceException {
    if (!(launch.step().kind() instanceof SparkStep spark)) {
      throw new WorkspaceException("step '" + launch.step().name() + "' is not a Spark step: a standalone cluster"
          + " runs Spark steps only");
    }
    if (spark.entry() instanceof SparkEntry.Python) {
      throw new WorkspaceException("step '" + launch.step().name() + "' is a Python Spark step, and a standalone"
          + " cluster cannot run Python applications in cluster deploy mode (a Spark limitation): run it on Livy"
          + " or on local Spark");
    }
    StandaloneUrls urls = StandaloneUrls.of(launch.target());
    Staging staging = Staging.of(launch, launch.target().setting("stagingDir"));
    SparkSubmission submission = staging.submission(launch, context.sqlDriverJar(),
        "pipewright-" + launch.runId() + "-" + launch.step().id(), Map.of("spark.ui.showConsoleProgress", "false"));
    RestClient rest = RestClient.to(urls.rest()).timeouts(TargetTimeouts.of(launch.target())).build();
    RestClient web = RestClient.to(urls.web()).timeouts(TargetTimeouts.of(launch.target())).build();
    launch.logs().note("spark standalone: master " + urls.master() + ", REST server " + urls.rest() + ", web UI "
        + urls.web() + (staging.copies() ? ", files staged in " + launch.target().setting("stagingDir").orElseThrow()
        : ", files read from this workspace's folders"));
    StandaloneJob job = new StandaloneJob(urls, rest, web, submission, context.sparkVersion(), launch.logs());
    return RemoteStep.start(job, staging, launch.logs(), POLL_EVERY);
  }
}

package io.pipewright.standalone;

import io.pipewright.http.RestClient;
import io.pipewright.model.SparkEntry;
import io.pipewright.model.SparkStep;
import io.pipewright.remote.RemoteJob;
import io.pipewright.remote.RemoteLauncher;
import io.pipewright.remote.SparkSubmission;
import io.pipewright.remote.TargetTimeouts;
import io.pipewright.workspace.RemoteBackend;
import io.pipewright.workspace.StepLaunch;
import io.pipewright.workspace.WorkspaceException;

/** Runs Spark steps as drivers in cluster deploy mode on a standalone cluster (see {@link StandaloneJob}). */
final class StandaloneLauncher extends RemoteLauncher {

  StandaloneLauncher(RemoteBackend.Context context) {
    super(context, "a standalone cluster");
  }

  @Override
  protected void check(StepLaunch launch, SparkStep spark) throws WorkspaceException {
    if (spark.entry() instanceof SparkEntry.Python) {
      throw new WorkspaceException("step '" + launch.step().name() + "' is a Python Spark step, and a standalone"
          + " cluster cannot run Python applications in cluster deploy mode (a Spark limitation): run it on Livy"
          + " or on local Spark");
    }
  }

  /** A standalone driver's application is named after its step (spark.app.name). */
  @Override
  protected String sparkUiAppName(StepLaunch launch) {
    return launch.step().name();
  }

  @Override
  protected RemoteJob job(StepLaunch launch, SparkSubmission submission) {
    StandaloneUrls urls = StandaloneUrls.of(launch.target());
    RestClient rest = RestClient.to(urls.rest()).timeouts(TargetTimeouts.of(launch.target())).build();
    RestClient web = RestClient.to(urls.web()).timeouts(TargetTimeouts.of(launch.target())).build();
    launch.logs().note("spark standalone: master " + urls.master() + ", REST server " + urls.rest() + ", web UI "
        + urls.web());
    return new StandaloneJob(urls, rest, web, submission, context().sparkVersion(), launch.logs());
  }
}

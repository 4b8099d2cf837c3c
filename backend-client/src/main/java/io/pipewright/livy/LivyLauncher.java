package io.pipewright.livy;

import io.pipewright.remote.RemoteJob;
import io.pipewright.remote.RemoteLauncher;
import io.pipewright.remote.SparkSubmission;
import io.pipewright.workspace.RemoteBackend;
import io.pipewright.workspace.StepLaunch;

/** Runs Spark steps as Livy batches (see {@link LivyJob}). */
final class LivyLauncher extends RemoteLauncher {

  LivyLauncher(RemoteBackend.Context context) {
    super(context, "Livy");
  }

  @Override
  protected RemoteJob job(StepLaunch launch, SparkSubmission submission) {
    LivyConnection livy = new LivyConnection(launch.target(), context().passwords());
    if (!submission.environment().isEmpty()) {
      launch.logs().note("environment: Livy batches take no driver environment; the step's variables are set on"
          + " the executors (spark.executorEnv.*) only");
    }
    launch.logs().note("livy: " + livy.url() + " reads files of this machine only from the folders its"
        + " livy.file.local-dir-whitelist allows");
    return new LivyJob(livy, submission, launch.target().setting("proxyUser").orElse(null), launch.logs());
  }
}

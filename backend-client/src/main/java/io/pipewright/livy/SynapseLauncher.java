package io.pipewright.livy;

import io.pipewright.http.Cancellation;
import io.pipewright.http.RemoteException;
import io.pipewright.http.RetryPolicy;
import io.pipewright.remote.RemoteJob;
import io.pipewright.remote.RemoteLauncher;
import io.pipewright.remote.SparkSubmission;
import io.pipewright.remote.Staging;
import io.pipewright.remote.TargetTimeouts;
import io.pipewright.workspace.LinkedService;
import io.pipewright.workspace.RemoteBackend;
import io.pipewright.workspace.StepLaunch;
import io.pipewright.workspace.WorkspaceException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs Spark steps on a Synapse Spark pool as batches of its Livy-compatible API ({@link LivyJob}),
 * with the step's files staged in the Synapse workspace's default storage ({@link SynapseStorage}).
 */
final class SynapseLauncher extends RemoteLauncher {
  /** Workspaces read from Resource Manager, by linked service: their endpoints do not change under a run. */
  private final Map<LinkedService, SynapseWorkspace> workspaces = new ConcurrentHashMap<>();

  SynapseLauncher(RemoteBackend.Context context) {
    super(context, "a Synapse Spark pool");
  }

  private SynapseWorkspace workspace(StepLaunch launch, Cancellation cancel) throws WorkspaceException {
    LinkedService service = SynapseWorkspace.linkedService(launch.target(), context());
    SynapseWorkspace known = workspaces.get(service);
    if (known != null) {
      return known;
    }
    try {
      SynapseWorkspace workspace = SynapseWorkspace.resolve(service, context().azure(), cancel);
      launch.logs().note("synapse: workspace " + workspace.name() + ", development endpoint " + workspace.dev()
          + ", default storage " + workspace.accountUrl() + " (filesystem " + workspace.filesystem() + ")");
      workspaces.put(service, workspace);
      return workspace;
    } catch (RemoteException e) {
      throw new WorkspaceException("cannot read Synapse workspace " + service.synapseWorkspace() + " from Azure: "
          + e.getMessage(), e);
    }
  }

  @Override
  protected Staging staging(StepLaunch launch, Cancellation cancel) throws WorkspaceException {
    return Staging.in(workspace(launch, cancel).staging(launch.runId(), launch.step().id(), context().azure(),
        TargetTimeouts.of(launch.target()), RetryPolicy.DEFAULT, cancel));
  }

  @Override
  protected RemoteJob job(StepLaunch launch, SparkSubmission submission) throws WorkspaceException {
    String pool = launch.target().setting("pool").orElseThrow(() -> new WorkspaceException("Spark pool is required:"
        + " compute '" + launch.target().name() + "' names none"));
    LivyConnection synapse = workspace(launch, Cancellation.none()).pool(pool, context().azure(), TargetTimeouts.of(launch.target()),
        RetryPolicy.DEFAULT);
    if (!submission.environment().isEmpty()) {
      launch.logs().note("environment: Synapse batches take no driver environment; the step's variables are set on"
          + " the executors (spark.executorEnv.*) only");
    }
    return new LivyJob(synapse, submission, null, launch.logs());
  }
}

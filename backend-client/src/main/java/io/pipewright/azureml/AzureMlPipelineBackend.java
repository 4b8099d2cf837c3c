package io.pipewright.azureml;

import io.pipewright.azure.Arm;
import io.pipewright.azure.AzureErrors;
import io.pipewright.http.Cancellation;
import io.pipewright.workspace.ComputeKind;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.PipelineBackend;
import io.pipewright.workspace.RemoteBackend;
import io.pipewright.workspace.WorkspaceException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a pipeline as an Azure ML v2 pipeline job when it is meant for Azure ML: {@code --target}
 * (the Run dialog's "Run Spark steps on") names an {@code azureml} workspace target, or a step runs
 * on an {@code azureml-cluster}, whose {@code workspace} setting names the Azure ML workspace target.
 */
public final class AzureMlPipelineBackend implements PipelineBackend {

  /** The Azure ML REST API version of every call (API-NOTES.md §1). */
  static final String API_VERSION = "2024-10-01";
  /** How often a run is polled; the system property {@code pipewright.azureml.pollMillis} changes it (tests). */
  static Duration pollInterval() {
    return Duration.ofMillis(Long.getLong("pipewright.azureml.pollMillis", 5000));
  }

  @Override
  public String label() {
    return "Azure ML";
  }

  @Override
  public Optional<ComputeTarget> workspaceFor(Map<String, String> stepComputes, String sparkTarget,
      Map<String, ComputeTarget> computes) throws WorkspaceException {
    if (sparkTarget != null) {
      ComputeTarget target = computes.get(sparkTarget);
      return target != null && ComputeKind.AZUREML.equals(target.kind()) ? Optional.of(target) : Optional.empty();
    }
    for (String name : stepComputes.values()) {
      ComputeTarget cluster = computes.get(name);
      if (cluster == null || !ComputeKind.AZUREML_CLUSTER.equals(cluster.kind())) {
        continue;
      }
      String workspace = cluster.setting("workspace").orElse("");
      ComputeTarget target = computes.get(workspace);
      if (target == null || !ComputeKind.AZUREML.equals(target.kind())) {
        throw new WorkspaceException("Azure ML cluster '" + name + "' belongs to Azure ML workspace '" + workspace
            + "', which is not a compute target of this workspace: attach the Azure ML workspace first");
      }
      return Optional.of(target);
    }
    return Optional.empty();
  }

  @Override
  public Execution submit(Submission submission, Recorder recorder) throws WorkspaceException {
    AzureMlPipelineRun run = new AzureMlPipelineRun(submission, recorder, pollInterval());
    run.submit();
    return run;
  }

  @Override
  public String cancel(ComputeTarget workspace, String remoteRun, Duration timeout, RemoteBackend.Context context) {
    try {
      AzureMlWorkspaceRef ref = AzureMlWorkspaceRef.of(workspace);
      Arm.of(context.azure()).post(ref.path() + "/jobs/" + remoteRun + "/cancel", API_VERSION, null, Duration.ZERO,
          Cancellation.none());
      return "its Azure ML pipeline job " + remoteRun + " was asked to cancel";
    } catch (WorkspaceException | IOException e) {
      return "its Azure ML pipeline job " + remoteRun + " could not be canceled: "
          + (e instanceof IOException io ? AzureErrors.serverMessage(io) : e.getMessage());
    }
  }
}

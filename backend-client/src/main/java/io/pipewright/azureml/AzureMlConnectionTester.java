package io.pipewright.azureml;

import io.pipewright.azure.Arm;
import io.pipewright.http.Cancellation;
import io.pipewright.http.RetryPolicy;
import io.pipewright.http.Timeouts;
import io.pipewright.workspace.AzureSession;
import io.pipewright.workspace.ComputeKind;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.ConnectionTest;
import io.pipewright.workspace.ConnectionTester;
import io.pipewright.workspace.RemoteBackend;
import io.pipewright.workspace.WorkspaceException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tests an Azure Machine Learning workspace target: Resource Manager answers for the workspace
 * (its region), and lists its computes, which proves the signed-in account may read it.
 */
public final class AzureMlConnectionTester implements ConnectionTester {

  @Override
  public String kind() {
    return ComputeKind.AZUREML;
  }

  @Override
  public ConnectionTest test(ComputeTarget target, Duration timeout) {
    return test(target, timeout, new RemoteBackend.Context(null, null, null, AzureSession.NONE));
  }

  @Override
  public ConnectionTest test(ComputeTarget target, Duration timeout, RemoteBackend.Context context) {
    List<String> details = new ArrayList<>();
    try {
      AzureMlComputes computes = computesOf(target, timeout, context.azure());
      AzureMlWorkspaceInfo workspace = computes.workspace(Cancellation.none());
      details.add("Resource Manager: " + context.azure().managementUrl() + ", workspace " + workspace.id());
      List<AzureMlCompute> all = computes.list(Cancellation.none());
      details.add(all.isEmpty() ? "no computes yet"
          : all.size() + " compute" + (all.size() == 1 ? "" : "s") + ": " + String.join(", ",
              all.stream().map(c -> c.name() + " (" + c.computeType() + ")").toList()));
      details.add("Studio: " + workspace.studioUrl());
      return ConnectionTest.ok("Azure ML workspace " + computes.workspaceName() + " in " + workspace.location()
          + " answers (" + all.size() + " compute" + (all.size() == 1 ? "" : "s") + ")", details);
    } catch (IOException | WorkspaceException e) {
      return ConnectionTest.failed(e.getMessage(), details);
    }
  }

  /** The computes of the Azure ML workspace a target of kind {@code azureml} names, with a test's timeouts. */
  static AzureMlComputes computesOf(ComputeTarget workspace, Duration timeout, AzureSession azure)
      throws WorkspaceException {
    Arm arm = Arm.to(azure.managementUrl().toString(), azure, AzureSession.MANAGEMENT_SCOPE,
        new Timeouts(timeout, timeout, timeout.multipliedBy(2)), RetryPolicy.NONE);
    AzureMlWorkspaceRef ref = AzureMlWorkspaceRef.of(workspace);
    return AzureMlComputes.of(arm, ref.subscriptionId(), ref.resourceGroup(), ref.workspaceName());
  }

  /**
   * Tests an Azure ML compute cluster target: its Azure ML workspace answers, and the cluster is
   * there and ready, or not there yet (Pipewright creates it when a pipeline first runs on it).
   */
  public static final class Cluster implements ConnectionTester {

    @Override
    public String kind() {
      return ComputeKind.AZUREML_CLUSTER;
    }

    @Override
    public ConnectionTest test(ComputeTarget target, Duration timeout) {
      return ConnectionTest.failed("an Azure ML compute cluster is tested through its workspace, which this test"
          + " was not given", List.of());
    }

    @Override
    public ConnectionTest test(ComputeTarget target, Duration timeout, RemoteBackend.Context context) {
      List<String> details = new ArrayList<>();
      String workspaceName = target.setting("workspace").orElse("");
      try {
        Optional<ComputeTarget> workspace = context.computes().find(workspaceName);
        if (workspace.isEmpty() || !ComputeKind.AZUREML.equals(workspace.get().kind())) {
          return ConnectionTest.failed("Azure ML workspace '" + workspaceName + "' is not attached here: attach it"
              + " (an Azure Machine Learning workspace target) and name it in this cluster's Azure ML workspace",
              details);
        }
        AzureMlComputes computes = computesOf(workspace.get(), timeout, context.azure());
        AzureMlWorkspaceInfo info = computes.workspace(Cancellation.none());
        details.add("Azure ML workspace " + computes.workspaceName() + " in " + info.location());
        String vmSize = target.setting("vmSize").orElse("STANDARD_DS3_V2");
        String nodes = target.setting("minNodes").orElse("0") + " to " + target.setting("maxNodes").orElse("4");
        Optional<AzureMlCompute> found = computes.find(target.name(), Cancellation.none());
        if (found.isEmpty()) {
          return ConnectionTest.ok("Azure ML workspace " + computes.workspaceName() + " answers; it has no cluster "
              + target.name() + " yet: Pipewright creates it (" + vmSize + ", " + nodes + " nodes) when a pipeline"
              + " first runs on it", details);
        }
        AzureMlCompute cluster = found.get();
        if (!cluster.isCluster()) {
          return ConnectionTest.failed(target.name() + " in Azure ML workspace " + computes.workspaceName() + " is a "
              + cluster.computeType() + " compute, not a compute cluster: give this target another name", details);
        }
        details.add(cluster.name() + ": " + cluster.vmSize().orElse("?") + ", "
            + (cluster.minNodes().isPresent() ? cluster.minNodes().getAsInt() : 0) + " to "
            + (cluster.maxNodes().isPresent() ? cluster.maxNodes().getAsInt() : 0) + " nodes, "
            + (cluster.provisioningState().isBlank() ? "state unknown" : cluster.provisioningState()));
        cluster.provisioningErrors().forEach(details::add);
        if (!cluster.succeeded()) {
          return ConnectionTest.failed("cluster " + target.name() + " is " + cluster.provisioningState()
              + " in Azure ML, not ready for jobs", details);
        }
        return ConnectionTest.ok("cluster " + target.name() + " of Azure ML workspace " + computes.workspaceName()
            + " is ready (" + cluster.vmSize().orElse("?") + ")", details);
      } catch (IOException | WorkspaceException e) {
        return ConnectionTest.failed(e.getMessage(), details);
      }
    }
  }
}

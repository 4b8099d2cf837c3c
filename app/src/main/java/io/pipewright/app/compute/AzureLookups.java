package io.pipewright.app.compute;

import io.pipewright.azure.SynapseSparkPool;
import io.pipewright.azure.SynapseSparkPools;
import io.pipewright.azureml.AzureMlCompute;
import io.pipewright.azureml.AzureMlComputes;
import io.pipewright.azureml.AzureMlLinkedService;
import io.pipewright.azureml.AzureMlLinkedServices;
import io.pipewright.azureml.AzureMlVmSize;
import io.pipewright.http.Cancellation;
import io.pipewright.workspace.AzureSession;
import io.pipewright.workspace.ComputeKind;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.LinkedService;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the compute dialogs ask Azure, each call blocking (run them through the app's executor):
 * the Synapse workspaces linked to an Azure ML workspace, a Synapse workspace's Spark pools, the
 * VM sizes and the computes of an Azure ML workspace. An Azure ML workspace is named by its
 * {@code azureml} compute target (subscription, resource group, workspace name).
 */
final class AzureLookups {
  /** Shown instead of a list when nobody is signed in; the fields stay typeable. */
  static final String SIGNED_OUT = "Not signed in to Azure: nothing can be listed, type the values instead"
      + " (sign in to pick them from Azure).";

  private AzureLookups() {}

  static boolean signedIn(AzureSession session) {
    return session != null && session != AzureSession.NONE;
  }

  /** The Azure ML workspace target named {@code name}, among {@code targets}. */
  static Optional<ComputeTarget> azureMlTarget(List<ComputeTarget> targets, String name) {
    return targets.stream().filter(t -> ComputeKind.AZUREML.equals(t.kind()) && t.name().equals(name)).findFirst();
  }

  static List<String> azureMlTargetNames(List<ComputeTarget> targets) {
    return targets.stream().filter(t -> ComputeKind.AZUREML.equals(t.kind())).map(ComputeTarget::name).toList();
  }

  static AzureMlComputes computes(AzureSession session, ComputeTarget azureMl) throws IOException {
    return AzureMlComputes.of(session, setting(azureMl, "subscriptionId"), setting(azureMl, "resourceGroup"),
        setting(azureMl, "workspaceName"));
  }

  static List<AzureMlLinkedService> linkedSynapseWorkspaces(AzureSession session, ComputeTarget azureMl)
      throws IOException {
    return AzureMlLinkedServices.of(session, setting(azureMl, "subscriptionId"), setting(azureMl, "resourceGroup"),
        setting(azureMl, "workspaceName")).list(Cancellation.none());
  }

  static List<SynapseSparkPool> pools(AzureSession session, LinkedService link) throws IOException {
    return SynapseSparkPools.of(session).list(link.subscriptionId(), link.resourceGroup(), link.synapseWorkspace(),
        Cancellation.none());
  }

  /** The VM sizes a cluster can be made of in the workspace's region. */
  static List<AzureMlVmSize> clusterVmSizes(AzureSession session, ComputeTarget azureMl) throws IOException {
    return computes(session, azureMl).vmSizes(Cancellation.none()).stream().filter(AzureMlVmSize::forClusters).toList();
  }

  static List<AzureMlCompute> azureMlComputes(AzureSession session, ComputeTarget azureMl) throws IOException {
    return computes(session, azureMl).list(Cancellation.none());
  }

  static void detach(AzureSession session, ComputeTarget azureMl, String compute, Consumer<String> progress)
      throws IOException {
    computes(session, azureMl).detach(compute, Duration.ofMinutes(10), progress, Cancellation.none());
  }

  /**
   * Attaches the pool of a Synapse pool target to an Azure ML workspace as a SynapseSpark compute of
   * the target's name, through the target's linked service. Blocks: reads the workspace's linked
   * services, then waits for Azure's operation.
   */
  static void attachPool(AzureSession session, ComputeTarget azureMl, ComputeTarget pool,
      java.util.List<io.pipewright.workspace.LinkedService> linkedServices, Consumer<String> progress) throws IOException {
    String service = pool.setting("linkedService").orElse("");
    io.pipewright.workspace.LinkedService link = linkedServices.stream().filter(l -> l.name().equals(service))
        .findFirst().orElseThrow(() -> new IOException("Synapse pool '" + pool.name() + "' is reached through linked"
            + " service '" + service + "', which this workspace does not have: add it first (Compute ▸ Linked services)"));
    String poolId = io.pipewright.azure.SynapseSparkPools.poolId(link.subscriptionId(), link.resourceGroup(),
        link.synapseWorkspace(), pool.setting("pool").orElse(""));
    computes(session, azureMl).attachSynapsePool(pool.name(), poolId, Duration.ofMinutes(10), progress,
        Cancellation.none());
  }

  private static String setting(ComputeTarget target, String key) throws IOException {
    return target.setting(key).filter(v -> !v.isBlank()).orElseThrow(() -> new IOException("Azure ML workspace '"
        + target.name() + "' has no " + ComputeKind.of(ComputeKind.AZUREML).flatMap(k -> k.setting(key))
            .map(s -> s.label().toLowerCase(java.util.Locale.ROOT)).orElse(key) + "; edit it first"));
  }
}

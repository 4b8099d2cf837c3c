package io.pipewright.livy;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipewright.azure.AzureErrors;
import io.pipewright.azure.SynapseSparkPool;
import io.pipewright.azure.SynapseSparkPools;
import io.pipewright.http.Cancellation;
import io.pipewright.http.RemoteException;
import io.pipewright.http.RetryPolicy;
import io.pipewright.http.Timeouts;
import io.pipewright.model.Capacity;
import io.pipewright.model.SynapseNodeSize;
import io.pipewright.workspace.ComputeKind;
import io.pipewright.workspace.ComputeLauncher;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.ConnectionTest;
import io.pipewright.workspace.LinkedService;
import io.pipewright.workspace.RemoteBackend;
import io.pipewright.workspace.WorkspaceException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Synapse Spark pool backend ({@code synapse-spark-pool}): a target names a linked service (the
 * Synapse workspace's subscription, resource group and name) and a pool. Resource Manager tells the
 * workspace's endpoints and the pool's size; steps run as batches of the pool's Livy-compatible API.
 */
public final class SynapseBackend implements RemoteBackend {

  @Override
  public String kind() {
    return ComputeKind.SYNAPSE_SPARK_POOL;
  }

  @Override
  public ComputeLauncher launcher(Context context) {
    return new SynapseLauncher(context);
  }

  @Override
  public ConnectionTest test(ComputeTarget target, Duration timeout) {
    return ConnectionTest.failed("a Synapse Spark pool is tested through the workspace that holds its linked service",
        List.of());
  }

  /**
   * Reads the workspace and the pool from Resource Manager (the pool exists, its state, its node
   * size and count, hence its capacity), then lists the pool's batches, which proves the Synapse
   * token is accepted.
   */
  @Override
  public ConnectionTest test(ComputeTarget target, Duration timeout, Context context) {
    List<String> details = new ArrayList<>();
    String pool = target.setting("pool").orElse("");
    try {
      LinkedService service = SynapseWorkspace.linkedService(target, context);
      SynapseWorkspace workspace = SynapseWorkspace.resolve(service, context.azure(), Cancellation.none());
      details.add("Synapse workspace " + workspace.name() + ": development endpoint " + workspace.dev()
          + ", default storage " + workspace.accountUrl() + " (filesystem " + workspace.filesystem() + ")");
      LinkedService where = workspace.linkedService();
      Optional<SynapseSparkPool> found;
      try {
        found = SynapseSparkPools.of(context.azure()).find(where.subscriptionId(), where.resourceGroup(),
            where.synapseWorkspace(), pool, Cancellation.none());
      } catch (IOException e) {
        return ConnectionTest.failed(e.getMessage(), details);
      }
      if (found.isEmpty()) {
        return ConnectionTest.failed("Synapse workspace " + workspace.name() + " has no Spark pool '" + pool + "'",
            details);
      }
      SynapseSparkPool sparkPool = found.get();
      String state = sparkPool.provisioningState().isBlank() ? "unknown" : sparkPool.provisioningState();
      String nodeSize = sparkPool.nodeSize();
      int nodeCount = sparkPool.nodeCount();
      details.add("Spark pool " + pool + ": " + state + ", Spark " + sparkPool.sparkVersion() + ", "
          + sparkPool.nodesInWords() + ", auto-pause " + sparkPool.autoPauseInWords());
      Optional<Capacity> capacity = sparkPool.capacity();
      capacity.ifPresent(c -> details.add("capacity: " + c.description()));
      if (!nodeSize.equals(target.setting("nodeSize").orElse(nodeSize))
          || !Integer.toString(nodeCount).equals(target.setting("nodeCount").orElse(Integer.toString(nodeCount)))) {
        details.add("the target says " + target.setting("nodeCount").orElse("?") + " " + target.setting("nodeSize")
            .orElse("?") + " nodes: update it to what Azure says");
      }
      if (!"Succeeded".equals(state)) {
        return ConnectionTest.failed("Spark pool " + pool + " is " + state + " in Azure, not ready for jobs", details);
      }
      LivyConnection synapse = workspace.pool(pool, context.azure(),
          new Timeouts(timeout, timeout, timeout.multipliedBy(2)), RetryPolicy.NONE);
      JsonNode batches = synapse.call(rest -> rest.get(synapse.detailed("/batches?from=0&size=1"), Cancellation.none()));
      details.add("GET " + synapse.url() + "/batches: " + batches.path("total").asInt() + " batches");
      return ConnectionTest.ok("Synapse Spark pool " + pool + " of " + workspace.name() + " answers ("
          + sparkPool.nodesInWords() + sparkPool.nodeInWords().map(n -> ", " + n + " each").orElse("") + ")", details);
    } catch (RemoteException e) {
      return ConnectionTest.failed(AzureErrors.serverMessage(e), details);
    } catch (WorkspaceException e) {
      return ConnectionTest.failed(e.getMessage(), details);
    }
  }

  @Override
  public String kill(ComputeTarget target, String jobId, Duration timeout, Context context) {
    String pool = target.setting("pool").orElse("");
    String where = "its batch " + jobId + " on Synapse Spark pool " + pool;
    try {
      SynapseWorkspace workspace = SynapseWorkspace.resolve(SynapseWorkspace.linkedService(target, context),
          context.azure(), Cancellation.none());
      LivyConnection synapse = workspace.pool(pool, context.azure(),
          new Timeouts(timeout, timeout, timeout.multipliedBy(2)), RetryPolicy.NONE);
      return LivyJob.delete(synapse, jobId, Cancellation.none()) ? "deleted " + where + " of " + workspace.name()
          : where + " of " + workspace.name() + " had ended already";
    } catch (RemoteException e) {
      return where + " could not be deleted: " + AzureErrors.serverMessage(e);
    } catch (WorkspaceException e) {
      return where + " could not be deleted: " + e.getMessage();
    }
  }

  /** From the target's node size and count (the connection test checks them against Azure's). */
  @Override
  public Optional<Capacity> capacity(ComputeTarget target, Duration timeout) {
    Optional<SynapseNodeSize> size = target.setting("nodeSize").flatMap(SynapseNodeSize::fromLabel);
    Optional<Integer> count = target.setting("nodeCount").flatMap(SynapseBackend::wholeNumber);
    if (size.isEmpty() || count.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Capacity.synapsePool(size.get(), count.get()));
  }

  private static Optional<Integer> wholeNumber(String text) {
    try {
      return Optional.of(Integer.parseInt(text.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}

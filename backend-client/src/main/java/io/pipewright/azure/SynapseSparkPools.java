package io.pipewright.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipewright.http.Cancellation;
import io.pipewright.http.RemoteException;
import io.pipewright.workspace.AzureSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Apache Spark pools of Synapse workspaces, through Resource Manager ({@code
 * Microsoft.Synapse/workspaces/{ws}/bigDataPools}, api-version {@value #API_VERSION}: BigDataPools_ListByWorkspace
 * and BigDataPools_Get). Every method blocks: call them off the FX thread.
 */
public final class SynapseSparkPools {
  /** The Synapse Resource Manager api-version of big data pools. */
  public static final String API_VERSION = "2021-06-01";

  private final Arm arm;
  private final String apiVersion;

  private SynapseSparkPools(Arm arm, String apiVersion) {
    this.arm = arm;
    this.apiVersion = apiVersion;
  }

  public static SynapseSparkPools of(Arm arm) {
    return new SynapseSparkPools(arm, API_VERSION);
  }

  public static SynapseSparkPools of(AzureSession session) {
    return of(Arm.of(session));
  }

  public SynapseSparkPools withApiVersion(String version) {
    return new SynapseSparkPools(arm, version);
  }

  /** {@code /subscriptions/…/providers/Microsoft.Synapse/workspaces/{workspace}}. */
  public static String workspacePath(String subscriptionId, String resourceGroup, String workspace) {
    return "/subscriptions/" + segment(subscriptionId) + "/resourceGroups/" + segment(resourceGroup)
        + "/providers/Microsoft.Synapse/workspaces/" + segment(workspace);
  }

  /** The Resource Manager id of pool {@code pool}: what an Azure ML SynapseSpark compute attaches. */
  public static String poolId(String subscriptionId, String resourceGroup, String workspace, String pool) {
    return workspacePath(subscriptionId, resourceGroup, workspace) + "/bigDataPools/" + segment(pool);
  }

  /** Every Spark pool of Synapse workspace {@code workspace}, page after page. */
  public List<SynapseSparkPool> list(String subscriptionId, String resourceGroup, String workspace,
      Cancellation cancel) throws IOException {
    List<SynapseSparkPool> pools = new ArrayList<>();
    try {
      for (JsonNode item : arm.list(workspacePath(subscriptionId, resourceGroup, workspace) + "/bigDataPools",
          apiVersion, cancel)) {
        pools.add(SynapseSparkPool.from(item));
      }
    } catch (RemoteException e) {
      throw new IOException("Could not list the Spark pools of Synapse workspace '" + workspace + "': "
          + describe(e), e);
    }
    return pools;
  }

  /** Pool {@code pool}, or empty when the workspace has none of that name. */
  public Optional<SynapseSparkPool> find(String subscriptionId, String resourceGroup, String workspace, String pool,
      Cancellation cancel) throws IOException {
    try {
      return Optional.of(SynapseSparkPool.from(
          arm.get(poolId(subscriptionId, resourceGroup, workspace, pool), apiVersion, cancel)));
    } catch (RemoteException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw new IOException("Could not read Spark pool '" + pool + "' of Synapse workspace '" + workspace + "': "
          + describe(e), e);
    }
  }

  private static String describe(RemoteException e) {
    return AzureErrors.inWords(e);
  }

  private static String segment(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a part of the Synapse pool's path is missing");
    }
    return URLEncoder.encode(value.strip(), StandardCharsets.UTF_8).replace("+", "%20");
  }
}

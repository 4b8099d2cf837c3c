package io.pipewright.livy;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipewright.azure.Arm;
import io.pipewright.azure.SynapseSparkPools;
import io.pipewright.http.Cancellation;
import io.pipewright.http.RemoteException;
import io.pipewright.http.RetryPolicy;
import io.pipewright.http.Timeouts;
import io.pipewright.workspace.AzureSession;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.LinkedService;
import io.pipewright.workspace.RemoteBackend;
import io.pipewright.workspace.WorkspaceException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A Synapse workspace as Resource Manager describes it ({@code GET
 * /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Synapse/workspaces/{ws}}, api-version
 * 2021-06-01): its development endpoint ({@code properties.connectivityEndpoints.dev}), where the
 * Spark batch API is, and its default storage ({@code properties.defaultDataLakeStorage}: {@code
 * accountUrl}, {@code filesystem}), where Pipewright stages a step's files.
 *
 * @param id the workspace's Resource Manager path
 * @param dev the development endpoint, as Azure names it ({@code https://ws.dev.azuresynapse.net})
 * @param accountUrl the default storage's DFS endpoint ({@code https://account.dfs.core.windows.net})
 */
record SynapseWorkspace(LinkedService linkedService, String id, URI dev, URI accountUrl, String filesystem) {
  static final String API_VERSION = "2021-06-01";
  /** The Livy API version of Synapse's batch calls: the default of the published specs' {@code sparkJob.json}. */
  static final String LIVY_API_VERSION = "2019-11-01-preview";

  /** The linked service a Synapse pool target names. */
  static LinkedService linkedService(ComputeTarget target, RemoteBackend.Context context) throws WorkspaceException {
    String name = target.setting("linkedService").orElse("");
    if (name.isBlank()) {
      throw new WorkspaceException("Linked service is required: compute '" + target.name() + "' names none");
    }
    return context.linkedServices().find(name).orElseThrow(() -> new WorkspaceException("compute '" + target.name()
        + "' is reached through linked service '" + name + "', which this workspace does not have (any more):"
        + " add it, or attach the pool through another one"));
  }

  static String path(LinkedService service) {
    return SynapseSparkPools.workspacePath(service.subscriptionId(), service.resourceGroup(), service.synapseWorkspace());
  }

  /** Reads the workspace from Resource Manager. */
  static SynapseWorkspace resolve(LinkedService service, AzureSession azure, Cancellation cancel)
      throws RemoteException, WorkspaceException {
    String id = path(service);
    JsonNode workspace = Arm.of(azure).get(id, API_VERSION, cancel);
    JsonNode properties = workspace.path("properties");
    String dev = properties.path("connectivityEndpoints").path("dev").asText("");
    JsonNode storage = properties.path("defaultDataLakeStorage");
    String accountUrl = storage.path("accountUrl").asText("");
    String filesystem = storage.path("filesystem").asText("");
    if (dev.isBlank()) {
      throw new WorkspaceException("Synapse workspace " + service.synapseWorkspace() + " has no development endpoint"
          + " (connectivityEndpoints.dev) in Azure's answer");
    }
    if (accountUrl.isBlank() || filesystem.isBlank()) {
      throw new WorkspaceException("Synapse workspace " + service.synapseWorkspace() + " has no default storage"
          + " (defaultDataLakeStorage) in Azure's answer, where Pipewright would stage the step's files");
    }
    return new SynapseWorkspace(service, id, https(dev), https(accountUrl), filesystem);
  }

  /** Azure writes some endpoints without a scheme ({@code workspace1.dev.azuresynapse.net}). */
  private static URI https(String endpoint) {
    String url = endpoint.contains("://") ? endpoint : "https://" + endpoint;
    return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
  }

  String name() {
    return linkedService.synapseWorkspace();
  }

  /** The batch API of a pool. */
  LivyConnection pool(String pool, AzureSession azure, Timeouts timeouts, RetryPolicy retry) {
    String url = azure.endpoint(dev) + "/livyApi/versions/" + LIVY_API_VERSION + "/sparkPools/"
        + URLEncoder.encode(pool, StandardCharsets.UTF_8);
    return LivyConnection.synapse(url, "Synapse Spark pool " + pool + " of " + name(), azure, timeouts, retry);
  }

  /** The staging folder of one step in the default storage. */
  SynapseStorage staging(String runId, String stepId, AzureSession azure, Timeouts timeouts, RetryPolicy retry,
      Cancellation cancel) {
    return new SynapseStorage(accountUrl, azure.endpoint(accountUrl), filesystem, "pipewright/" + runId + "/" + stepId,
        azure, timeouts, retry, SynapseStorage.CHUNK, cancel);
  }
}

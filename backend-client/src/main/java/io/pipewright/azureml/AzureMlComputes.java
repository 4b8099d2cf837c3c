package io.pipewright.azureml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipewright.azure.Arm;
import io.pipewright.http.Cancellation;
import io.pipewright.http.RemoteException;
import io.pipewright.io.Jackson;
import io.pipewright.workspace.AzureSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The computes of one Azure ML workspace, through Resource Manager (api-version {@value
 * #API_VERSION}, Microsoft.MachineLearningServices {@code Compute_*} operations): list them, get
 * one, attach a Synapse Spark pool as a {@code SynapseSpark} compute, create an {@code AmlCompute}
 * cluster and wait until it is ready, detach one.
 *
 * <p>Every method blocks and may take minutes (creating a cluster): call them off the FX thread.
 * {@code progress} hears what is happening, in words, from the calling thread.
 */
public final class AzureMlComputes {
  /** Azure ML's Resource Manager api-version used for workspaces and computes. */
  public static final String API_VERSION = "2024-10-01";
  /** How long creating a cluster or attaching a pool may take before we stop waiting. */
  public static final Duration CREATE_TIMEOUT = Duration.ofMinutes(20);
  /** How long a detach may take. */
  public static final Duration DETACH_TIMEOUT = Duration.ofMinutes(10);
  /** Azure ML's default idle time of a cluster's node before it is removed. */
  public static final Duration DEFAULT_IDLE = Duration.ofSeconds(120);

  private static final ObjectMapper JSON = Jackson.MAPPER;

  private final Arm arm;
  private final String subscriptionId;
  private final String resourceGroup;
  private final String workspaceName;
  private final String apiVersion;
  private final Duration pollInterval;
  private volatile AzureMlWorkspaceInfo info;

  private AzureMlComputes(Arm arm, String subscriptionId, String resourceGroup, String workspaceName,
      String apiVersion, Duration pollInterval) {
    this.arm = Objects.requireNonNull(arm);
    this.subscriptionId = require(subscriptionId, "Subscription");
    this.resourceGroup = require(resourceGroup, "Resource group");
    this.workspaceName = require(workspaceName, "Workspace name");
    this.apiVersion = Objects.requireNonNull(apiVersion);
    this.pollInterval = Objects.requireNonNull(pollInterval);
  }

  /** The computes of workspace {@code workspaceName}, through {@code arm}. */
  public static AzureMlComputes of(Arm arm, String subscriptionId, String resourceGroup, String workspaceName) {
    return new AzureMlComputes(arm, subscriptionId, resourceGroup, workspaceName, API_VERSION, Duration.ofSeconds(10));
  }

  /** The computes of workspace {@code workspaceName}, on the Resource Manager of {@code session}'s cloud. */
  public static AzureMlComputes of(AzureSession session, String subscriptionId, String resourceGroup,
      String workspaceName) {
    return of(Arm.of(session), subscriptionId, resourceGroup, workspaceName);
  }

  /** The same computes through another api-version (a newer one Azure offers). */
  public AzureMlComputes withApiVersion(String version) {
    return new AzureMlComputes(arm, subscriptionId, resourceGroup, workspaceName, version, pollInterval);
  }

  /** The same computes, looking at a compute being created every {@code interval} (10 s unless told). */
  public AzureMlComputes withPollInterval(Duration interval) {
    return new AzureMlComputes(arm, subscriptionId, resourceGroup, workspaceName, apiVersion, interval);
  }

  public String workspaceName() {
    return workspaceName;
  }

  /** {@code /subscriptions/…/resourceGroups/…/providers/Microsoft.MachineLearningServices/workspaces/…}. */
  public String workspacePath() {
    return "/subscriptions/" + segment(subscriptionId) + "/resourceGroups/" + segment(resourceGroup)
        + "/providers/Microsoft.MachineLearningServices/workspaces/" + segment(workspaceName);
  }

  /** The workspace itself: its region, discovery URL and what Studio links are made of. Asked once. */
  public AzureMlWorkspaceInfo workspace(Cancellation cancel) throws IOException {
    AzureMlWorkspaceInfo known = info;
    if (known == null) {
      try {
        known = AzureMlWorkspaceInfo.from(arm.get(workspacePath(), apiVersion, cancel));
      } catch (RemoteException e) {
        throw inWords(e, "Could not read Azure ML workspace '" + workspaceName + "'");
      }
      info = known;
    }
    return known;
  }

  /** Every compute of the workspace, page after page. */
  public List<AzureMlCompute> list(Cancellation cancel) throws IOException {
    List<AzureMlCompute> computes = new ArrayList<>();
    try {
      for (JsonNode item : arm.list(workspacePath() + "/computes", apiVersion, cancel)) {
        computes.add(AzureMlCompute.from(item));
      }
    } catch (RemoteException e) {
      throw inWords(e, "Could not list the computes of Azure ML workspace '" + workspaceName + "'");
    }
    return computes;
  }

  /** Compute {@code name}, or empty when the workspace has none of that name. */
  public Optional<AzureMlCompute> find(String name, Cancellation cancel) throws IOException {
    try {
      return Optional.of(AzureMlCompute.from(arm.get(computePath(name), apiVersion, cancel)));
    } catch (RemoteException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw inWords(e, "Could not read compute '" + name + "' of Azure ML workspace '" + workspaceName + "'");
    }
  }

  /** Compute {@code name}; fails with a sentence when there is none. */
  public AzureMlCompute get(String name, Cancellation cancel) throws IOException {
    return find(name, cancel).orElseThrow(() -> new IOException(
        "Azure ML workspace '" + workspaceName + "' has no compute named '" + name + "'"));
  }

  /** The VM sizes Azure ML offers in the workspace's region ({@code GET …/locations/{location}/vmSizes}). */
  public List<AzureMlVmSize> vmSizes(Cancellation cancel) throws IOException {
    String location = workspace(cancel).location();
    String path = "/subscriptions/" + segment(subscriptionId) + "/providers/Microsoft.MachineLearningServices/locations/"
        + segment(location) + "/vmSizes";
    List<AzureMlVmSize> sizes = new ArrayList<>();
    try {
      arm.get(path, apiVersion, cancel).path("value").forEach(item -> sizes.add(AzureMlVmSize.from(item)));
    } catch (RemoteException e) {
      throw inWords(e, "Could not list the VM sizes of region '" + location + "'");
    }
    return sizes;
  }

  /**
   * Attaches a Synapse Spark pool as compute {@code name} ({@code PUT …/computes/{name}} with
   * {@code computeType SynapseSpark} and the pool's {@code resourceId}), in the workspace's region,
   * and waits for Azure's long-running operation to end.
   *
   * @param synapsePoolResourceId {@code /subscriptions/…/providers/Microsoft.Synapse/workspaces/{ws}/bigDataPools/{pool}}
   */
  public AzureMlCompute attachSynapsePool(String name, String synapsePoolResourceId, Duration timeout,
      Consumer<String> progress, Cancellation cancel) throws IOException {
    require(synapsePoolResourceId, "Spark pool");
    ObjectNode body = JSON.createObjectNode();
    body.put("location", workspace(cancel).location());
    ObjectNode properties = body.putObject("properties");
    properties.put("computeType", AzureMlCompute.SYNAPSE_SPARK);
    properties.put("resourceId", synapsePoolResourceId);
    progress.accept("Attaching Spark pool '" + lastSegment(synapsePoolResourceId) + "' as compute '" + name + "'…");
    AzureMlCompute compute = put(name, body, timeout, progress, cancel, "attach Spark pool as compute '" + name + "'");
    return awaitProvisioned(compute, timeout, progress, cancel);
  }

  /**
   * Creates an {@code AmlCompute} cluster named {@code name} (dedicated Linux nodes of {@code
   * vmSize}, scaling between {@code minNodes} and {@code maxNodes}, a node removed after {@code
   * idle} without work) and waits until Azure says {@code Succeeded}.
   */
  public AzureMlCompute createCluster(String name, String vmSize, int minNodes, int maxNodes, Duration idle,
      Duration timeout, Consumer<String> progress, Cancellation cancel) throws IOException {
    require(vmSize, "VM size");
    if (minNodes < 0 || maxNodes < 1 || minNodes > maxNodes) {
      throw new IOException("Cluster '" + name + "' needs 0 ≤ minimum nodes ≤ maximum nodes and at least 1 maximum node"
          + " (got " + minNodes + " and " + maxNodes + ")");
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("location", workspace(cancel).location());
    ObjectNode properties = body.putObject("properties");
    properties.put("computeType", AzureMlCompute.AML_COMPUTE);
    ObjectNode cluster = properties.putObject("properties");
    cluster.put("vmSize", vmSize);
    cluster.put("vmPriority", "Dedicated");
    ObjectNode scale = cluster.putObject("scaleSettings");
    scale.put("minNodeCount", minNodes);
    scale.put("maxNodeCount", maxNodes);
    scale.put("nodeIdleTimeBeforeScaleDown", idle.toString());
    progress.accept("Creating cluster '" + name + "' (" + vmSize + ", " + minNodes + "–" + maxNodes + " nodes)…");
    AzureMlCompute compute = put(name, body, timeout, progress, cancel, "create cluster '" + name + "'");
    return awaitProvisioned(compute, timeout, progress, cancel);
  }

  /**
   * The cluster {@code name}, created when the workspace has none of that name, once Azure says it
   * is ready. Fails with a sentence when a compute of that name is not a cluster or failed.
   */
  public AzureMlCompute ensureCluster(String name, String vmSize, int minNodes, int maxNodes,
      Consumer<String> progress) throws IOException {
    return ensureCluster(name, vmSize, minNodes, maxNodes, DEFAULT_IDLE, CREATE_TIMEOUT, progress, Cancellation.none());
  }

  public AzureMlCompute ensureCluster(String name, String vmSize, int minNodes, int maxNodes, Duration idle,
      Duration timeout, Consumer<String> progress, Cancellation cancel) throws IOException {
    Optional<AzureMlCompute> existing = find(name, cancel);
    if (existing.isEmpty()) {
      return createCluster(name, vmSize, minNodes, maxNodes, idle, timeout, progress, cancel);
    }
    AzureMlCompute compute = existing.get();
    if (!compute.isCluster()) {
      throw new IOException("Compute '" + name + "' of Azure ML workspace '" + workspaceName + "' is a "
          + compute.computeType() + " compute, not a cluster (AmlCompute)");
    }
    if (compute.vmSize().isPresent() && !compute.vmSize().get().equalsIgnoreCase(vmSize)) {
      progress.accept("Cluster '" + name + "' exists with VM size " + compute.vmSize().get() + ", not " + vmSize
          + "; using it as it is");
    }
    return awaitProvisioned(compute, timeout, progress, cancel);
  }

  /**
   * The compute {@code name} attached to the Synapse Spark pool {@code synapsePoolResourceId},
   * attached when the workspace has none of that name. Fails with a sentence when a compute of that
   * name is something else.
   */
  public AzureMlCompute ensureSynapsePool(String name, String synapsePoolResourceId, Consumer<String> progress)
      throws IOException {
    return ensureSynapsePool(name, synapsePoolResourceId, CREATE_TIMEOUT, progress, Cancellation.none());
  }

  public AzureMlCompute ensureSynapsePool(String name, String synapsePoolResourceId, Duration timeout,
      Consumer<String> progress, Cancellation cancel) throws IOException {
    Optional<AzureMlCompute> existing = find(name, cancel);
    if (existing.isEmpty()) {
      return attachSynapsePool(name, synapsePoolResourceId, timeout, progress, cancel);
    }
    AzureMlCompute compute = existing.get();
    if (!compute.isSynapseSpark()) {
      throw new IOException("Compute '" + name + "' of Azure ML workspace '" + workspaceName + "' is a "
          + compute.computeType() + " compute, not an attached Synapse Spark pool");
    }
    if (!compute.resourceId().isBlank() && !compute.resourceId().equalsIgnoreCase(synapsePoolResourceId)) {
      throw new IOException("Compute '" + name + "' of Azure ML workspace '" + workspaceName
          + "' is attached to another Spark pool (" + compute.resourceId() + ")");
    }
    return awaitProvisioned(compute, timeout, progress, cancel);
  }

  /**
   * Detaches compute {@code name} from the workspace, leaving what is behind it (a Synapse pool)
   * in place: {@code DELETE …/computes/{name}?underlyingResourceAction=Detach}, waiting for the
   * long-running operation. A compute already gone counts as detached.
   */
  public void detach(String name, Duration timeout, Consumer<String> progress, Cancellation cancel) throws IOException {
    progress.accept("Detaching compute '" + name + "'…");
    try {
      arm.delete(computePath(name) + "?underlyingResourceAction=Detach", apiVersion, timeout, progress, cancel);
    } catch (RemoteException e) {
      throw inWords(e, "Could not detach compute '" + name + "' from Azure ML workspace '" + workspaceName + "'");
    }
    progress.accept("Compute '" + name + "' detached");
  }

  private AzureMlCompute put(String name, JsonNode body, Duration timeout, Consumer<String> progress,
      Cancellation cancel, String what) throws IOException {
    try {
      JsonNode resource = arm.put(computePath(name), apiVersion, body, timeout,
          status -> progress.accept("Compute '" + name + "': " + status), cancel);
      return AzureMlCompute.from(resource);
    } catch (RemoteException e) {
      throw inWords(e, "Could not " + what + " in Azure ML workspace '" + workspaceName + "'");
    }
  }

  /** Looks at the compute until its provisioning ends; a failed one fails with Azure's errors. */
  private AzureMlCompute awaitProvisioned(AzureMlCompute compute, Duration timeout, Consumer<String> progress,
      Cancellation cancel) throws IOException {
    Instant deadline = Instant.now().plus(timeout);
    AzureMlCompute current = compute;
    String lastState = "";
    while (!current.provisioningEnded()) {
      if (!current.provisioningState().equals(lastState)) {
        progress.accept("Compute '" + current.name() + "': " + current.provisioningState());
        lastState = current.provisioningState();
      }
      if (Instant.now().plus(pollInterval).isAfter(deadline)) {
        throw new IOException("Compute '" + current.name() + "' is still " + current.provisioningState() + " after "
            + timeout.toMinutes() + " min; it may still become ready in Azure");
      }
      if (cancel.sleep(pollInterval)) {
        throw new IOException("Stopped waiting for compute '" + current.name() + "'; Azure goes on with it");
      }
      current = get(current.name(), cancel);
    }
    if (!current.succeeded()) {
      throw new IOException("Compute '" + current.name() + "' of Azure ML workspace '" + workspaceName + "' is "
          + current.provisioningState() + (current.provisioningErrors().isEmpty() ? ""
          : ": " + String.join("; ", current.provisioningErrors())));
    }
    progress.accept("Compute '" + current.name() + "' is ready");
    return current;
  }

  private String computePath(String name) {
    return workspacePath() + "/computes/" + segment(require(name, "Compute name"));
  }

  /** Azure's answer in a sentence that says what we were doing. */
  private static AzureMlException inWords(RemoteException e, String doing) {
    return new AzureMlException(doing, e);
  }

  private static String require(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String lastSegment(String resourceId) {
    int slash = resourceId.lastIndexOf('/');
    return slash < 0 ? resourceId : resourceId.substring(slash + 1);
  }
}

package io.pipewright.azureml;

import static io.pipewright.testing.SpecExamples.local;
import static io.pipewright.testing.SpecExamples.response;
import static io.pipewright.testing.SpecExamples.responseText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipewright.http.Cancellation;
import io.pipewright.testing.FakeArmServer;
import io.pipewright.testing.FakeAzure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * AzureMlComputes against a fake Resource Manager that answers with the published examples of
 * api-version 2024-10-01 (Azure/azure-rest-api-specs, machinelearningservices, examples/Compute,
 * examples/Workspace, examples/VirtualMachineSize): the exact requests, long-running operations,
 * paging, a fresh token after a 401, Retry-After on 429 and Azure's errors in words.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AzureMlComputesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COMPUTE = "machinelearningservices/2024-10-01/Compute/";
  private static final String WORKSPACE_GET = "machinelearningservices/2024-10-01/Workspace/get.json";
  private static final String SUB = "34adfa4f-cedf-4dc0-ba29-b6d1a69ab345";
  private static final String WS_PATH = "/subscriptions/" + SUB
      + "/resourceGroups/testrg123/providers/Microsoft.MachineLearningServices/workspaces/workspaces123";
  private static final String POOL_ID = "/subscriptions/" + SUB
      + "/resourceGroups/testrg123/providers/Microsoft.Synapse/workspaces/contoso-synapse/bigDataPools/sparkpool1";
  /**
   * A SynapseSpark compute as Resource Manager returns it. 2024-10-01 publishes no SynapseSpark
   * example: this follows the SynapseSpark definition of mfe.json (read-only properties.properties:
   * nodeCount, nodeSize, nodeSizeFamily, sparkVersion, poolName, workspaceName, autoScale/autoPause),
   * with the envelope of examples/Compute/get/AmlCompute.json.
   */
  private static final String SYNAPSE_COMPUTE = """
      {"id":"%s/computes/synapse-pool","type":"Microsoft.MachineLearningServices/workspaces/computes",
       "name":"synapse-pool","location":"eastus2euap",
       "properties":{"computeType":"SynapseSpark","provisioningState":"%s","resourceId":"%s",
        "properties":{"nodeCount":3,"nodeSize":"Medium","nodeSizeFamily":"MemoryOptimized","sparkVersion":"3.4",
         "poolName":"sparkpool1","workspaceName":"contoso-synapse","subscriptionId":"%s","resourceGroup":"testrg123",
         "autoScaleProperties":{"enabled":false,"minNodeCount":3,"maxNodeCount":3},
         "autoPauseProperties":{"enabled":true,"delayInMinutes":15}}}}""";
  private static final String AUTHORIZATION_FAILED = "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"The client"
      + " 'ada@contoso.example' does not have authorization to perform action"
      + " 'Microsoft.MachineLearningServices/workspaces/computes/read' over scope '" + WS_PATH + "'.\"}}";

  private final FakeArmServer server = new FakeArmServer();
  private final FakeAzure azure = server.session();
  private final AzureMlComputes computes = AzureMlComputes.of(azure, SUB, "testrg123", "workspaces123")
      .withPollInterval(Duration.ofMillis(20));
  private final List<String> progress = new CopyOnWriteArrayList<>();

  AzureMlComputesTest() throws Exception {}

  @AfterEach
  void stop() {
    server.close();
  }

  private static String synapseCompute(String state) {
    return SYNAPSE_COMPUTE.formatted(WS_PATH, state, POOL_ID, SUB);
  }

  /** The example's body with another provisioning state. */
  private static String withState(String example, int status, String state) {
    ObjectNode body = (ObjectNode) response(example, status).deepCopy();
    ((ObjectNode) body.path("properties")).put("provisioningState", state);
    return body.toString();
  }

  private static JsonNode body(RecordedRequest request) throws Exception {
    return JSON.readTree(request.getBody().utf8());
  }

  @Test
  void listsEveryComputeFollowingNextLink() throws Exception {
    ObjectNode first = (ObjectNode) response(COMPUTE + "list.json", 200).deepCopy();
    first.put("nextLink", server.url() + WS_PATH + "/computes?api-version=2024-10-01&$skipToken=page2");
    String second = "{\"value\":[" + responseText(COMPUTE + "get/AmlCompute.json", 200) + "]}";
    server.json(200, first.toString()).json(200, second);

    List<AzureMlCompute> all = computes.list(Cancellation.none());

    assertThat(all).extracting(AzureMlCompute::name).containsExactly("compute123", "compute1234", "compute123");
    assertThat(all).extracting(AzureMlCompute::computeType).containsExactly("AKS", "AKS", "AmlCompute");
    RecordedRequest page1 = server.take();
    assertThat(page1.getMethod()).isEqualTo("GET");
    assertThat(page1.getTarget()).isEqualTo(WS_PATH + "/computes?api-version=2024-10-01");
    assertThat(page1.getHeaders().get("Authorization")).isEqualTo("Bearer fake-token-1");
    assertThat(server.take().getTarget()).isEqualTo(WS_PATH + "/computes?api-version=2024-10-01&$skipToken=page2");
    assertThat(azure.scopes()).containsOnly("https://management.azure.com/.default");
  }

  @Test
  void readsAClustersSizeAndScale() throws Exception {
    server.json(200, responseText(COMPUTE + "get/AmlCompute.json", 200));

    AzureMlCompute cluster = computes.get("compute123", Cancellation.none());

    assertThat(server.take().getTarget()).isEqualTo(WS_PATH + "/computes/compute123?api-version=2024-10-01");
    assertThat(cluster.isCluster()).isTrue();
    assertThat(cluster.succeeded()).isTrue();
    assertThat(cluster.vmSize()).contains("STANDARD_NC6");
    assertThat(cluster.minNodes()).hasValue(0);
    assertThat(cluster.maxNodes()).hasValue(1);
    assertThat(cluster.idleTimeBeforeScaleDown()).contains("PT5M");
    assertThat(cluster.id()).isEqualTo(WS_PATH + "/computes/compute123");
    assertThat(cluster.summary()).isEqualTo("compute123: AmlCompute, Succeeded, STANDARD_NC6, 0–1 nodes");
  }

  @Test
  void aComputeThatIsNotThereIsEmptyNotAnError() throws Exception {
    server.json(404, "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"The Resource"
        + " 'Microsoft.MachineLearningServices/workspaces/workspaces123/computes/gpu' was not found.\"}}");

    assertThat(computes.find("gpu", Cancellation.none())).isEmpty();
  }

  @Test
  void createsAClusterAndFollowsItsAzureAsyncOperation() throws Exception {
    String operation = local("https://management.azure.com/subscriptions/...pathToOperationStatus...", server.url());
    server.json(200, responseText(WORKSPACE_GET, 200))
        .json(201, responseText(COMPUTE + "createOrUpdate/BasicAmlCompute.json", 201),
            "Azure-AsyncOperation", operation, "Retry-After", "0")
        .json(200, "{\"status\":\"InProgress\"}", "Retry-After", "0")
        .json(200, "{\"status\":\"Succeeded\"}")
        .json(200, responseText(COMPUTE + "get/AmlCompute.json", 200));

    AzureMlCompute cluster = computes.createCluster("compute123", "STANDARD_NC6", 0, 1, Duration.ofMinutes(5),
        Duration.ofMinutes(1), progress::add, Cancellation.none());

    assertThat(cluster.succeeded()).isTrue();
    assertThat(server.take().getTarget()).isEqualTo(WS_PATH.replace("34adfa4f-cedf-4dc0-ba29-b6d1a69ab345", SUB)
        + "?api-version=2024-10-01");
    RecordedRequest put = server.take();
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(put.getTarget()).isEqualTo(WS_PATH + "/computes/compute123?api-version=2024-10-01");
    // The example's request, less what Pipewright does not set (OS, image, network, public IP).
    assertThat(body(put)).isEqualTo(JSON.readTree("""
        {"location":"eastus2euap","properties":{"computeType":"AmlCompute","properties":{"vmSize":"STANDARD_NC6",
         "vmPriority":"Dedicated","scaleSettings":{"minNodeCount":0,"maxNodeCount":1,
         "nodeIdleTimeBeforeScaleDown":"PT5M"}}}}"""));
    assertThat(server.take().getTarget()).isEqualTo("/subscriptions/...pathToOperationStatus...");
    assertThat(server.take().getTarget()).isEqualTo("/subscriptions/...pathToOperationStatus...");
    assertThat(server.take().getTarget()).isEqualTo(WS_PATH + "/computes/compute123?api-version=2024-10-01");
    assertThat(progress).containsExactly("Creating cluster 'compute123' (STANDARD_NC6, 0–1 nodes)…",
        "Compute 'compute123': InProgress", "Compute 'compute123': Succeeded", "Compute 'compute123' is ready");
  }

  @Test
  void ensureClusterCreatesAMissingClusterAndWaitsUntilItSucceeded() throws Exception {
    String operation = server.url() + "/subscriptions/" + SUB + "/providers/Microsoft.MachineLearningServices"
        + "/locations/eastus2euap/computeOperationsStatus/op1?api-version=2024-10-01";
    server.json(404, "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"not found\"}}")
        .json(200, responseText(WORKSPACE_GET, 200))
        .json(201, responseText(COMPUTE + "createOrUpdate/BasicAmlCompute.json", 201),
            "Azure-AsyncOperation", operation, "Retry-After", "0")
        .json(200, "{\"status\":\"Succeeded\"}")
        // The operation has ended but the cluster is still being made: looked at again until Succeeded.
        .json(200, withState(COMPUTE + "get/AmlCompute.json", 200, "Creating"))
        .json(200, withState(COMPUTE + "get/AmlCompute.json", 200, "Creating"))
        .json(200, responseText(COMPUTE + "get/AmlCompute.json", 200));

    AzureMlCompute cluster = computes.ensureCluster("compute123", "STANDARD_NC6", 0, 1, progress::add);

    assertThat(cluster.succeeded()).isTrue();
    assertThat(server.requestCount()).isEqualTo(7);
    assertThat(progress).containsSubsequence("Creating cluster 'compute123' (STANDARD_NC6, 0–1 nodes)…",
        "Compute 'compute123': Creating", "Compute 'compute123' is ready");
    assertThat(server.take().getMethod()).isEqualTo("GET");
    server.take();
    RecordedRequest put = server.take();
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(body(put).path("properties").path("properties").path("scaleSettings")
        .path("nodeIdleTimeBeforeScaleDown").asText()).isEqualTo("PT2M");
  }

  @Test
  void ensureClusterUsesAnExistingReadyClusterAsItIs() throws Exception {
    server.json(200, responseText(COMPUTE + "get/AmlCompute.json", 200));

    AzureMlCompute cluster = computes.ensureCluster("compute123", "STANDARD_DS3_V2", 0, 4, progress::add);

    assertThat(cluster.vmSize()).contains("STANDARD_NC6");
    assertThat(server.requestCount()).isEqualTo(1);
    assertThat(progress).contains(
        "Cluster 'compute123' exists with VM size STANDARD_NC6, not STANDARD_DS3_V2; using it as it is");
  }

  @Test
  void ensureClusterRefusesAComputeOfAnotherType() throws Exception {
    server.json(200, response(COMPUTE + "list.json", 200).path("value").get(0).toString());

    Exception e = catchThrowableOfType(java.io.IOException.class,
        () -> computes.ensureCluster("compute123", "STANDARD_NC6", 0, 1, progress::add));

    assertThat(e).hasMessage("Compute 'compute123' of Azure ML workspace 'workspaces123' is a AKS compute, not a cluster"
        + " (AmlCompute)");
  }

  @Test
  void aClusterThatFailsToProvisionSaysWhyInAzuresWords() throws Exception {
    ObjectNode failed = (ObjectNode) response(COMPUTE + "get/AmlCompute.json", 200).deepCopy();
    ObjectNode properties = (ObjectNode) failed.path("properties");
    properties.put("provisioningState", "Failed");
    properties.putArray("provisioningErrors").addObject().putObject("error")
        .put("code", "QuotaExceeded").put("message", "Operation results in exceeding quota limits of Core.");
    server.json(200, failed.toString());

    Exception e = catchThrowableOfType(java.io.IOException.class,
        () -> computes.ensureCluster("compute123", "STANDARD_NC6", 0, 1, progress::add));

    assertThat(e).hasMessage("Compute 'compute123' of Azure ML workspace 'workspaces123' is Failed: (QuotaExceeded)"
        + " Operation results in exceeding quota limits of Core.");
  }

  @Test
  void aFailedAsyncOperationShowsAzuresError() throws Exception {
    String operation = server.url() + "/operations/op2";
    server.json(200, responseText(WORKSPACE_GET, 200))
        .json(201, responseText(COMPUTE + "createOrUpdate/BasicAmlCompute.json", 201),
            "Azure-AsyncOperation", operation, "Retry-After", "0")
        .json(200, "{\"status\":\"Failed\",\"error\":{\"code\":\"BadArgument\",\"message\":\"VM size STANDARD_NC6 is not"
            + " available in region eastus2euap\"}}");

    AzureMlException e = catchThrowableOfType(AzureMlException.class, () -> computes.createCluster("compute123",
        "STANDARD_NC6", 0, 1, Duration.ofMinutes(2), Duration.ofMinutes(1), progress::add, Cancellation.none()));

    assertThat(e).hasMessage("Could not create cluster 'compute123' in Azure ML workspace 'workspaces123': Azure's"
        + " operation ended Failed: VM size STANDARD_NC6 is not available in region eastus2euap");
  }

  @Test
  void attachesASynapsePoolAsASynapseSparkCompute() throws Exception {
    String operation = server.url() + "/operations/attach1";
    server.json(200, responseText(WORKSPACE_GET, 200))
        .json(201, synapseCompute("Creating"), "Azure-AsyncOperation", operation, "Retry-After", "0")
        .json(200, "{\"status\":\"Succeeded\"}")
        .json(200, synapseCompute("Succeeded"));

    AzureMlCompute pool = computes.attachSynapsePool("synapse-pool", POOL_ID, Duration.ofMinutes(1), progress::add,
        Cancellation.none());

    server.take();
    RecordedRequest put = server.take();
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(put.getTarget()).isEqualTo(WS_PATH + "/computes/synapse-pool?api-version=2024-10-01");
    assertThat(body(put)).isEqualTo(JSON.readTree("{\"location\":\"eastus2euap\",\"properties\":{\"computeType\":"
        + "\"SynapseSpark\",\"resourceId\":\"" + POOL_ID + "\"}}"));
    assertThat(pool.isSynapseSpark()).isTrue();
    assertThat(pool.nodeSize()).contains("Medium");
    assertThat(pool.nodeCount()).hasValue(3);
    assertThat(pool.sparkVersion()).contains("3.4");
    assertThat(progress).startsWith("Attaching Spark pool 'sparkpool1' as compute 'synapse-pool'…");
  }

  @Test
  void ensureSynapsePoolKeepsAPoolAttachedAlready() throws Exception {
    server.json(200, synapseCompute("Succeeded"));

    AzureMlCompute pool = computes.ensureSynapsePool("synapse-pool", POOL_ID, progress::add);

    assertThat(pool.resourceId()).isEqualTo(POOL_ID);
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void ensureSynapsePoolRefusesANameAttachedToAnotherPool() throws Exception {
    server.json(200, synapseCompute("Succeeded"));

    Exception e = catchThrowableOfType(java.io.IOException.class,
        () -> computes.ensureSynapsePool("synapse-pool", POOL_ID.replace("sparkpool1", "other"), progress::add));

    assertThat(e).hasMessage("Compute 'synapse-pool' of Azure ML workspace 'workspaces123' is attached to another"
        + " Spark pool (" + POOL_ID + ")");
  }

  @Test
  void detachesWithUnderlyingResourceActionDetachAndWaitsForTheOperation() throws Exception {
    // delete.json: 202 with Azure-AsyncOperation and Location.
    server.empty(202, "Azure-AsyncOperation",
            local("https://management.azure.com/subscriptions/...pathToOperationStatus...", server.url()),
            "Location", local("https://management.azure.com/subscriptions/...pathToOperationResult...", server.url()),
            "Retry-After", "0")
        .json(200, "{\"status\":\"InProgress\"}", "Retry-After", "0")
        .json(200, "{\"status\":\"Succeeded\"}");

    computes.detach("compute123", Duration.ofMinutes(1), progress::add, Cancellation.none());

    RecordedRequest delete = server.take();
    assertThat(delete.getMethod()).isEqualTo("DELETE");
    assertThat(delete.getTarget())
        .isEqualTo(WS_PATH + "/computes/compute123?underlyingResourceAction=Detach&api-version=2024-10-01");
    assertThat(server.take().getTarget()).isEqualTo("/subscriptions/...pathToOperationStatus...");
    assertThat(server.take().getTarget()).isEqualTo("/subscriptions/...pathToOperationStatus...");
    assertThat(progress).containsExactly("Detaching compute 'compute123'…", "InProgress", "Succeeded",
        "Compute 'compute123' detached");
  }

  @Test
  void detachingAComputeAlreadyGoneIsDone() throws Exception {
    server.json(204, "");

    computes.detach("compute123", Duration.ofMinutes(1), progress::add, Cancellation.none());

    assertThat(server.requestCount()).isEqualTo(1);
    assertThat(progress).endsWith("Compute 'compute123' detached");
  }

  @Test
  void asksForAFreshTokenAfterA401() throws Exception {
    server.json(401, "{\"error\":{\"code\":\"ExpiredAuthenticationToken\",\"message\":\"The access token expiry UTC"
            + " time is earlier than current UTC time.\"}}")
        .json(200, responseText(COMPUTE + "get/AmlCompute.json", 200));

    assertThat(computes.get("compute123", Cancellation.none()).name()).isEqualTo("compute123");

    assertThat(server.take().getHeaders().get("Authorization")).isEqualTo("Bearer fake-token-1");
    assertThat(server.take().getHeaders().get("Authorization")).isEqualTo("Bearer fake-token-2");
    assertThat(azure.refreshes()).containsExactly(false, true);
  }

  @Test
  void waitsAsA429sRetryAfterAsks() throws Exception {
    server.json(429, "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Too many requests\"}}", "Retry-After", "1")
        .json(200, responseText(COMPUTE + "get/AmlCompute.json", 200));

    computes.get("compute123", Cancellation.none());

    List<Long> arrivals = server.arrivals();
    assertThat(arrivals).hasSize(2);
    assertThat(Duration.ofNanos(arrivals.get(1) - arrivals.get(0))).isBetween(Duration.ofMillis(950),
        Duration.ofSeconds(5));
  }

  @Test
  void saysInWordsWhatAzureRefused() throws Exception {
    server.json(403, AUTHORIZATION_FAILED);

    AzureMlException e = catchThrowableOfType(AzureMlException.class, () -> computes.list(Cancellation.none()));

    assertThat(e.status()).isEqualTo(403);
    // Azure's message is long: shown on one line of at most 300 characters, then what to do.
    assertThat(e.getMessage()).startsWith("Could not list the computes of Azure ML workspace 'workspaces123': HTTP 403"
        + " Forbidden: (AuthorizationFailed) The client 'ada@contoso.example' does not have authorization to perform"
        + " action 'Microsoft.MachineLearningServices/workspaces/computes/read'")
        .endsWith("… (the signed-in account lacks a role on this resource)");
    assertThat(e.getMessage()).doesNotContain("fake-token");
  }

  @Test
  void readsTheWorkspacesRegionAndStudioLink() throws Exception {
    server.json(200, responseText(WORKSPACE_GET, 200));

    AzureMlWorkspaceInfo info = computes.workspace(Cancellation.none());
    computes.workspace(Cancellation.none());

    assertThat(server.requestCount()).isEqualTo(1);
    assertThat(info.location()).isEqualTo("eastus2euap");
    assertThat(info.discoveryUrl()).isEqualTo("http://example.com");
    assertThat(info.friendlyName()).isEqualTo("HelloName");
    assertThat(info.studioUrl()).isEqualTo("https://ml.azure.com/?wsid=%2Fsubscriptions%2F00000000-1111-2222-3333-"
        + "444444444444%2FresourceGroups%2Fworkspace-1234%2Fproviders%2FMicrosoft.MachineLearningServices%2Fworkspaces"
        + "%2Ftestworkspace");
  }

  @Test
  void listsTheVmSizesOfTheWorkspacesRegion() throws Exception {
    server.json(200, responseText(WORKSPACE_GET, 200))
        .json(200, responseText("machinelearningservices/2024-10-01/VirtualMachineSize/list.json", 200));

    List<AzureMlVmSize> sizes = computes.vmSizes(Cancellation.none());

    server.take();
    assertThat(server.take().getTarget()).isEqualTo("/subscriptions/" + SUB
        + "/providers/Microsoft.MachineLearningServices/locations/eastus2euap/vmSizes?api-version=2024-10-01");
    assertThat(sizes).extracting(AzureMlVmSize::summary).containsExactly("Standard_DS1_v2 (1 core, 3.5 GB)",
        "Standard_DS2_v2 (2 cores, 7 GB)", "Standard_DS3_v2 (4 cores, 14 GB)");
    assertThat(sizes).allMatch(AzureMlVmSize::forClusters);
  }

  @Test
  void usesTheApiVersionItIsGiven() throws Exception {
    server.json(200, responseText(COMPUTE + "get/AmlCompute.json", 200));

    computes.withApiVersion("2025-06-01").get("compute123", Cancellation.none());

    assertThat(server.take().getTarget()).isEqualTo(WS_PATH + "/computes/compute123?api-version=2025-06-01");
  }
}

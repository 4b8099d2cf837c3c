package io.pipewright.azureml;

import static io.pipewright.testing.SpecExamples.responseText;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.local.LocalWorkspace;
import io.pipewright.testing.FakeArmServer;
import io.pipewright.testing.SpecExamples;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.ConnectionTest;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Testing Azure ML targets through the embedded workspace, against a fake Resource Manager that
 * answers with the published 2024-10-01 examples (Workspace/get.json, Compute/list.json,
 * Compute/get/AmlCompute.json): the workspace answers with its region and computes; a cluster is
 * ready, missing (created at the first run) or not a cluster; signed out says so.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AzureMlConnectionTesterTest {
  private static final String EXAMPLES = "machinelearningservices/2024-10-01/";
  private static final String SUB = "34adfa4f-cedf-4dc0-ba29-b6d1a69ab345";
  private static final String WS_PATH = "/subscriptions/" + SUB
      + "/resourceGroups/testrg123/providers/Microsoft.MachineLearningServices/workspaces/workspaces123";

  @TempDir Path home;
  private final FakeArmServer server = new FakeArmServer();
  private LocalWorkspace workspace;

  AzureMlConnectionTesterTest() throws Exception {}

  @BeforeEach
  void open() throws Exception {
    workspace = LocalWorkspace.open(home);
    workspace.attachCompute("ml", "azureml", Map.of("subscriptionId", SUB, "resourceGroup", "testrg123",
        "workspaceName", "workspaces123"));
  }

  @AfterEach
  void close() {
    workspace.close();
    server.close();
  }

  private ComputeTarget cluster(String name) throws Exception {
    return workspace.attachCompute(name, "azureml-cluster", Map.of("workspace", "ml", "vmSize", "STANDARD_NC6",
        "minNodes", "0", "maxNodes", "1"));
  }

  @Test
  void aWorkspaceAnswersWithItsRegionAndComputes() throws Exception {
    workspace.setAzureSession(server.session());
    // The example's nextLink is the placeholder "nextLink": this is the only page.
    com.fasterxml.jackson.databind.node.ObjectNode list =
        (com.fasterxml.jackson.databind.node.ObjectNode) SpecExamples.response(EXAMPLES + "Compute/list.json", 200).deepCopy();
    list.remove("nextLink");
    server.json(200, responseText(EXAMPLES + "Workspace/get.json", 200)).json(200, list.toString());

    ConnectionTest test = workspace.testConnection(workspace.computes().stream()
        .filter(c -> c.name().equals("ml")).findFirst().orElseThrow());

    assertThat(test.isOk()).as(test.message()).isTrue();
    assertThat(test.message()).isEqualTo("Azure ML workspace workspaces123 in eastus2euap answers (2 computes)");
    assertThat(test.details()).contains("2 computes: compute123 (AKS), compute1234 (AKS)");
    RecordedRequest get = server.take();
    assertThat(get.getMethod()).isEqualTo("GET");
    assertThat(get.getTarget()).isEqualTo(WS_PATH + "?api-version=2024-10-01");
    assertThat(get.getHeaders().get("Authorization")).startsWith("Bearer fake-token");
    assertThat(server.take().getTarget()).isEqualTo(WS_PATH + "/computes?api-version=2024-10-01");
    assertThat(workspace.testedComputes()).contains("ml");
  }

  @Test
  void aReadyClusterSaysItsSize() throws Exception {
    workspace.setAzureSession(server.session());
    server.json(200, responseText(EXAMPLES + "Workspace/get.json", 200))
        .json(200, responseText(EXAMPLES + "Compute/get/AmlCompute.json", 200));

    ConnectionTest test = workspace.testConnection(cluster("compute123"));

    assertThat(test.isOk()).as(test.message()).isTrue();
    assertThat(test.message()).isEqualTo("cluster compute123 of Azure ML workspace workspaces123 is ready (STANDARD_NC6)");
    server.take();
    assertThat(server.take().getTarget()).isEqualTo(WS_PATH + "/computes/compute123?api-version=2024-10-01");
  }

  @Test
  void aMissingClusterIsCreatedAtTheFirstRunSoTheTestPasses() throws Exception {
    workspace.setAzureSession(server.session());
    server.json(200, responseText(EXAMPLES + "Workspace/get.json", 200))
        .json(404, "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"The Resource was not found.\"}}");

    ConnectionTest test = workspace.testConnection(cluster("cpu-cluster"));

    assertThat(test.isOk()).as(test.message()).isTrue();
    assertThat(test.message()).contains("it has no cluster cpu-cluster yet: Pipewright creates it (STANDARD_NC6, 0 to 1"
        + " nodes) when a pipeline first runs on it");
  }

  @Test
  void aComputeOfAnotherTypeUnderTheClustersNameFails() throws Exception {
    workspace.setAzureSession(server.session());
    server.json(200, responseText(EXAMPLES + "Workspace/get.json", 200))
        .json(200, SpecExamples.response(EXAMPLES + "Compute/list.json", 200).path("value").get(0).toString());

    ConnectionTest test = workspace.testConnection(cluster("compute123"));

    assertThat(test.outcome()).isEqualTo(ConnectionTest.Outcome.FAILED);
    assertThat(test.message()).isEqualTo("compute123 in Azure ML workspace workspaces123 is a AKS compute, not a compute"
        + " cluster: give this target another name");
  }

  @Test
  void signedOutTheTestSaysToSignIn() throws Exception {
    ConnectionTest test = workspace.testConnection(cluster("cpu-cluster"));

    assertThat(test.outcome()).isEqualTo(ConnectionTest.Outcome.FAILED);
    assertThat(test.message()).contains("Not signed in to Azure");
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void aClusterWhoseWorkspaceIsNotAttachedSaysSo() throws Exception {
    workspace.setAzureSession(server.session());
    ComputeTarget orphan = new ComputeTarget("gpu", "azureml-cluster", Map.of("workspace", "other"));

    ConnectionTest test = workspace.testConnection(orphan);

    assertThat(test.message()).isEqualTo("Azure ML workspace 'other' is not attached here: attach it (an Azure Machine"
        + " Learning workspace target) and name it in this cluster's Azure ML workspace");
  }
}

package io.pipewright.app.compute;

import static io.pipewright.testing.SpecExamples.response;
import static io.pipewright.testing.SpecExamples.responseText;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipewright.app.context.AppContext;
import io.pipewright.app.fx.CurrentThreadTaskExecutor;
import io.pipewright.app.testing.NoUnexpectedErrors;
import io.pipewright.azure.SynapseSparkPool;
import io.pipewright.azureml.AzureMlCompute;
import io.pipewright.azureml.AzureMlLinkedService;
import io.pipewright.local.LocalWorkspace;
import io.pipewright.model.Capacity;
import io.pipewright.testing.FakeArmServer;
import io.pipewright.testing.FakeAzure;
import io.pipewright.workspace.AzureSession;
import io.pipewright.workspace.ComputeKind;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.FieldProblem;
import io.pipewright.workspace.LinkedService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attach dialogs' lists from Azure, against a fake Resource Manager answering with the published
 * examples (Synapse 2021-06-01 bigDataPools, Machine Learning 2024-10-01 workspaces, VM sizes and
 * computes) and Azure ML's linkedServices (2020-09-01-preview), on a real workspace: what is asked,
 * what picking fills, signed out, and Azure's errors in words.
 */
@ExtendWith(NoUnexpectedErrors.class)
class AzureListsViewModelTest {
  private static final String SUB = "00000000-1111-2222-3333-444444444444";
  private static final String ML = "/subscriptions/" + SUB
      + "/resourceGroups/resourceGroup-1/providers/Microsoft.MachineLearningServices/workspaces/workspace-1";
  private static final String SYNAPSE = "/subscriptions/" + SUB
      + "/resourceGroups/resourceGroup-1/providers/Microsoft.Synapse/workspaces/contoso-synapse";
  /** LinkedServiceResponse of 2020-09-01-preview (see AzureMlLinkedServicesTest for where it comes from). */
  private static final String LINKS = "{\"value\":[{\"id\":\"" + ML + "/linkedServices/link-1\",\"name\":\"link-1\","
      + "\"type\":\"Microsoft.MachineLearningServices/workspaces/linkedServices\",\"location\":\"westus\","
      + "\"identity\":{\"type\":\"SystemAssigned\"},\"properties\":{\"linkedServiceResourceId\":\"" + SYNAPSE + "\","
      + "\"linkType\":\"Synapse\",\"createdTime\":\"2020-07-20T07:02:45Z\",\"modifiedTime\":\"2020-07-20T07:02:45Z\"}}]}";

  @TempDir Path home;
  private LocalWorkspace workspace;
  private ScriptedDialogs dialogs;
  private AppContext context;
  private ComputeCatalog catalog;
  private FakeArmServer server;
  private FakeAzure azure;

  @BeforeEach
  void open() throws Exception {
    workspace = Workspaces.seeded(home);
    workspace.attachCompute("ml-ws", ComputeKind.AZUREML,
        Map.of("subscriptionId", SUB, "resourceGroup", "resourceGroup-1", "workspaceName", "workspace-1"));
    dialogs = new ScriptedDialogs();
    context = Workspaces.context(new CurrentThreadTaskExecutor(), dialogs, workspace);
    catalog = new ComputeCatalog(context, () -> {});
    server = new FakeArmServer();
    azure = server.session();
  }

  @AfterEach
  void close() {
    server.close();
    workspace.close();
  }

  private static ComputeKind kind(String id) {
    return ComputeKind.of(id).orElseThrow();
  }

  @Test
  void linkedServicesListsTheSynapseWorkspacesLinkedToTheAzureMlWorkspaceAndPickingFillsTheForm() throws Exception {
    server.json(200, LINKS);

    LinkedServicesViewModel vm = new LinkedServicesViewModel(context, () -> azure);

    assertThat(vm.azureMlWorkspaceProperty().get()).isEqualTo("ml-ws");
    RecordedRequest request = server.take();
    assertThat(request.getTarget()).isEqualTo(ML + "/linkedServices?api-version=2020-09-01-preview");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer fake-token-1");
    assertThat(vm.linkedInAzure()).extracting(AzureMlLinkedService::name).containsExactly("link-1");
    assertThat(vm.lookupProperty().get()).isEqualTo("1 Synapse workspace is linked to ml-ws: pick one to fill the form.");
    assertThat(vm.lookingProperty().get()).isFalse();

    vm.pick(vm.linkedInAzure().get(0));

    assertThat(vm.value(FieldProblem.NAME).get()).isEqualTo("link-1");
    assertThat(vm.value("subscriptionId").get()).isEqualTo(SUB);
    assertThat(vm.value("resourceGroup").get()).isEqualTo("resourceGroup-1");
    assertThat(vm.value("synapseWorkspace").get()).isEqualTo("contoso-synapse");
    assertThat(vm.validBinding().get()).isTrue();
    vm.add();
    assertThat(workspace.linkedServices()).containsExactly(
        new LinkedService("link-1", SUB, "resourceGroup-1", "contoso-synapse"));
  }

  @Test
  void signedOutNothingIsListedAndTheFieldsAreTyped() throws Exception {
    LinkedServicesViewModel vm = new LinkedServicesViewModel(context, () -> AzureSession.NONE);

    assertThat(vm.lookupProperty().get()).isEqualTo(AzureLookups.SIGNED_OUT);
    assertThat(vm.linkedInAzure()).isEmpty();
    assertThat(server.requestCount()).isZero();
    vm.value(FieldProblem.NAME).set("link1");
    vm.value("subscriptionId").set(SUB);
    vm.value("resourceGroup").set("rg-ml");
    vm.value("synapseWorkspace").set("contoso-synapse");
    assertThat(vm.validBinding().get()).isTrue();
  }

  @Test
  void azuresRefusalIsShownInWordsAndTheFormStaysUsable() throws Exception {
    server.json(403, "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"The client does not have"
        + " authorization to perform action 'Microsoft.MachineLearningServices/workspaces/linkedServices/read'.\"}}");

    LinkedServicesViewModel vm = new LinkedServicesViewModel(context, () -> azure);

    assertThat(vm.lookupProperty().get()).isEqualTo("Could not list the linked services of Azure ML workspace"
        + " 'workspace-1': HTTP 403 Forbidden: (AuthorizationFailed) The client does not have authorization to perform"
        + " action 'Microsoft.MachineLearningServices/workspaces/linkedServices/read'. (the signed-in account lacks a"
        + " role on this resource). The fields can still be typed.");
    assertThat(vm.lookupProperty().get()).doesNotContain("fake-token");
    assertThat(vm.lookingProperty().get()).isFalse();
  }

  @Test
  void thePoolWizardListsThePoolsOfTheLinkedSynapseWorkspaceAndPickingFillsSizeCountAndCapacity() throws Exception {
    workspace.addLinkedService(new LinkedService("link1", SUB, "resourceGroup-1", "contoso-synapse"));
    server.json(200, responseText("synapse/2021-06-01/ListBigDataPoolsInWorkspace.json", 200));

    AttachComputeViewModel vm = AttachComputeViewModel.attach(context, catalog, kind(ComputeKind.SYNAPSE_SPARK_POOL),
        () -> azure);

    assertThat(vm.field("linkedService").value()).isEqualTo("link1");
    assertThat(server.take().getTarget()).isEqualTo(SYNAPSE + "/bigDataPools?api-version=2021-06-01");
    assertThat(vm.pools()).extracting(SynapseSparkPool::name).containsExactly("ExamplePool", "ExamplePool2");
    assertThat(vm.listNoteProperty().get()).isEqualTo("2 Spark pools in the Synapse workspace of link1: pick one to"
        + " fill its name, node size and node count.");

    vm.pickPool(vm.pools().get(0));

    assertThat(vm.field("pool").value()).isEqualTo("ExamplePool");
    assertThat(vm.field("nodeSize").value()).isEqualTo("Medium");
    assertThat(vm.field("nodeCount").value()).isEqualTo("50");
    assertThat(vm.capacityBinding().get()).isEqualTo("Capacity: 50 × Medium nodes, 400 cores, 3200 GiB (pool ExamplePool:"
        + " Medium × 3–50 (autoscale), auto-pause after 15 min, Spark 2.4)");
    assertThat(vm.nameProperty().get()).isEqualTo("link1-ExamplePool");
    assertThat(vm.isValid()).isTrue();

    List<ComputeTarget> saved = new ArrayList<>();
    vm.save(saved::add);
    assertThat(saved).hasSize(1);
    Capacity capacity = workspace.capacityOf(saved.get(0)).orElseThrow();
    assertThat(capacity.description()).isEqualTo("50 × Medium nodes");
    assertThat(capacity.cores()).isEqualTo(400);
  }

  @Test
  void signedOutThePoolIsTyped() throws Exception {
    workspace.addLinkedService(new LinkedService("link1", SUB, "resourceGroup-1", "contoso-synapse"));

    AttachComputeViewModel vm = AttachComputeViewModel.attach(context, catalog, kind(ComputeKind.SYNAPSE_SPARK_POOL),
        () -> AzureSession.NONE);

    assertThat(vm.pools()).isEmpty();
    assertThat(vm.listNoteProperty().get()).isEqualTo(AzureLookups.SIGNED_OUT);
    vm.field("pool").setValue("spark01");
    vm.field("nodeSize").setValue("Small");
    vm.field("nodeCount").setValue("3");
    assertThat(vm.isValid()).isTrue();
    assertThat(vm.capacityBinding().get()).isEqualTo("Capacity: 3 × Small nodes, 12 cores, 96 GiB");
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void aPoolListingThatFailsSaysWhyAndKeepsThePoolTypeable() throws Exception {
    workspace.addLinkedService(new LinkedService("link1", SUB, "resourceGroup-1", "contoso-synapse"));
    server.json(404, "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"The Resource"
        + " 'Microsoft.Synapse/workspaces/contoso-synapse' under resource group 'resourceGroup-1' was not found.\"}}");

    AttachComputeViewModel vm = AttachComputeViewModel.attach(context, catalog, kind(ComputeKind.SYNAPSE_SPARK_POOL),
        () -> azure);

    assertThat(vm.listNoteProperty().get()).isEqualTo("Could not list the Spark pools of Synapse workspace"
        + " 'contoso-synapse': HTTP 404 Not Found: (ResourceNotFound) The Resource"
        + " 'Microsoft.Synapse/workspaces/contoso-synapse' under resource group 'resourceGroup-1' was not found.. The"
        + " pool can still be typed.");
    assertThat(vm.listingProperty().get()).isFalse();
  }

  @Test
  void theClusterDialogOffersTheWorkspaceTargetsAndTheVmSizesOfItsRegion() throws Exception {
    server.json(200, responseText("machinelearningservices/2024-10-01/Workspace/get.json", 200))
        .json(200, responseText("machinelearningservices/2024-10-01/VirtualMachineSize/list.json", 200));

    AttachComputeViewModel vm = AttachComputeViewModel.attach(context, catalog, kind(ComputeKind.AZUREML_CLUSTER),
        () -> azure);

    assertThat(vm.azureMlWorkspaces()).containsExactly("ml-ws");
    assertThat(vm.field("workspace").value()).isEqualTo("ml-ws");
    assertThat(server.take().getTarget()).isEqualTo(ML + "?api-version=2024-10-01");
    assertThat(server.take().getTarget()).isEqualTo("/subscriptions/" + SUB
        + "/providers/Microsoft.MachineLearningServices/locations/eastus2euap/vmSizes?api-version=2024-10-01");
    assertThat(vm.pickList("vmSize").orElseThrow()).containsExactly("Standard_DS1_v2", "Standard_DS2_v2",
        "Standard_DS3_v2");
    assertThat(vm.listNoteProperty().get()).isEqualTo("3 VM sizes for clusters in ml-ws's region.");
    vm.nameProperty().set("cpu-cluster");
    vm.field("vmSize").setValue("Standard_DS3_v2");
    assertThat(vm.isValid()).isTrue();
  }

  @Test
  void azureMlComputesAreListedAndOneIsDetachedAfterAsking() throws Exception {
    String list = "{\"value\":[" + response("machinelearningservices/2024-10-01/Compute/list.json", 200)
        .path("value").get(0) + "," + responseText("machinelearningservices/2024-10-01/Compute/get/AmlCompute.json",
        200).replace("compute123", "cpu-cluster") + "]}";
    server.json(200, list)
        .empty(202, "Azure-AsyncOperation", server.url() + "/operations/detach1", "Retry-After", "0")
        .json(200, "{\"status\":\"Succeeded\"}")
        .json(200, "{\"value\":[" + response("machinelearningservices/2024-10-01/Compute/list.json", 200)
            .path("value").get(0) + "]}");

    AzureMlComputesViewModel vm = new AzureMlComputesViewModel(context, () -> azure);

    assertThat(vm.computes()).extracting(AzureMlCompute::name).containsExactly("compute123", "cpu-cluster");
    assertThat(vm.statusProperty().get()).isEqualTo("ml-ws has 2 computes.");
    vm.selectedProperty().set(vm.computes().get(1));
    dialogs.answerConfirm(true);

    vm.detachSelected();

    assertThat(dialogs.last()).startsWith("confirm: Detach cpu-cluster?");
    server.take();
    RecordedRequest detach = server.take();
    assertThat(detach.getMethod()).isEqualTo("DELETE");
    assertThat(detach.getTarget()).isEqualTo(ML + "/computes/cpu-cluster?underlyingResourceAction=Detach"
        + "&api-version=2024-10-01");
    assertThat(vm.computes()).extracting(AzureMlCompute::name).containsExactly("compute123");
    assertThat(context.statusProperty().get()).isEqualTo("Detached cpu-cluster from ml-ws");
  }

  @Test
  void aSynapsePoolTargetIsAttachedToTheAzureMlWorkspaceAsASynapseSparkCompute() throws Exception {
    workspace.addLinkedService(new io.pipewright.workspace.LinkedService("link-1", SUB, "resourceGroup-1",
        "contoso-synapse"));
    workspace.attachCompute("synapse-pool", ComputeKind.SYNAPSE_SPARK_POOL, Map.of("linkedService", "link-1",
        "pool", "sparkpool1", "nodeSize", "Medium", "nodeCount", "3"));
    AppContext withPool = Workspaces.context(new CurrentThreadTaskExecutor(), dialogs, workspace);
    new ComputeCatalog(withPool, () -> {});
    String onlyTheFirst = "{\"value\":[" + response("machinelearningservices/2024-10-01/Compute/list.json", 200)
        .path("value").get(0) + "]}";
    String pool = io.pipewright.testing.AzureMlAnswers.SYNAPSE_COMPUTE
        .replace(io.pipewright.testing.AzureMlAnswers.WS, ML);
    server.json(200, onlyTheFirst)
        .json(200, responseText("machinelearningservices/2024-10-01/Workspace/get.json", 200))
        .json(201, pool.replace("\"Succeeded\"", "\"Creating\""), "Azure-AsyncOperation",
            server.url() + "/operations/attach1", "Retry-After", "0")
        .json(200, "{\"status\":\"Succeeded\"}")
        .json(200, pool)
        .json(200, "{\"value\":[" + response("machinelearningservices/2024-10-01/Compute/list.json", 200)
            .path("value").get(0) + "," + pool + "]}");

    AzureMlComputesViewModel vm = new AzureMlComputesViewModel(withPool, () -> azure);
    assertThat(vm.attachablePools()).containsExactly("synapse-pool");

    vm.attachPool("synapse-pool");

    server.take();
    server.take();
    RecordedRequest put = server.take();
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(put.getTarget()).isEqualTo(ML + "/computes/synapse-pool?api-version=2024-10-01");
    JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(put.getBody().utf8());
    assertThat(body.path("properties").path("computeType").asText()).isEqualTo("SynapseSpark");
    assertThat(body.path("properties").path("resourceId").asText()).isEqualTo(SYNAPSE + "/bigDataPools/sparkpool1");
    assertThat(body.path("location").asText()).isEqualTo("eastus2euap");
    assertThat(vm.computes()).extracting(AzureMlCompute::name).containsExactly("compute123", "synapse-pool");
    assertThat(vm.attachablePools()).isEmpty();
    assertThat(withPool.statusProperty().get()).isEqualTo("Attached synapse-pool to ml-ws");
  }

  @Test
  void detachingIsNotDoneWhenTheAnswerIsNo() throws Exception {
    server.json(200, responseText("machinelearningservices/2024-10-01/Compute/list.json", 200)
        .replace("\"nextLink\":\"nextLink\"", "\"nextLink\":\"\""));
    AzureMlComputesViewModel vm = new AzureMlComputesViewModel(context, () -> azure);
    vm.selectedProperty().set(vm.computes().get(0));
    dialogs.answerConfirm(false);

    vm.detachSelected();

    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void editingAPoolTargetListsThePoolsAndMarksTheOneItUses() throws Exception {
    workspace.addLinkedService(new LinkedService("link1", SUB, "resourceGroup-1", "contoso-synapse"));
    ComputeTarget target = workspace.attachCompute("link1-pool2", ComputeKind.SYNAPSE_SPARK_POOL,
        Map.of("linkedService", "link1", "pool", "ExamplePool2", "nodeSize", "Small", "nodeCount", "3"));
    server.json(200, responseText("synapse/2021-06-01/ListBigDataPoolsInWorkspace.json", 200));

    AttachComputeViewModel vm = AttachComputeViewModel.edit(context, catalog, target, () -> azure);

    assertThat(vm.pools()).hasSize(2);
    assertThat(vm.pickedPoolProperty().get().name()).isEqualTo("ExamplePool2");
    assertThat(vm.field("nodeSize").value()).isEqualTo("Small");
  }
}

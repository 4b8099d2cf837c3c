package io.pipewright.azureml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pipewright.http.Cancellation;
import io.pipewright.testing.FakeArmServer;
import io.pipewright.workspace.LinkedService;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Synapse workspaces linked to an Azure ML workspace (linkedServices, 2020-09-01-preview).
 * The bodies follow LinkedServiceResponse of that api-version (id, name, type, location, identity,
 * properties.linkedServiceResourceId, linkType, createdTime, modifiedTime) with the values of its
 * CreateLinkedService example (link-1 in westus, Synapse workspace Syn-1); the example file itself
 * could not be read with the tools at hand, so the bodies are rebuilt, not copied.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AzureMlLinkedServicesTest {
  private static final String SUB = "00000000-1111-2222-3333-444444444444";
  private static final String ML = "/subscriptions/" + SUB
      + "/resourceGroups/resourceGroup-1/providers/Microsoft.MachineLearningServices/workspaces/workspace-1";
  private static final String SYNAPSE = "/subscriptions/" + SUB
      + "/resourceGroups/resourceGroup-1/providers/Microsoft.Synapse/workspaces/Syn-1";
  private static final String LINK = """
      {"id":"%s/linkedServices/%s","name":"%s","type":"Microsoft.MachineLearningServices/workspaces/linkedServices",
       "location":"westus","identity":{"principalId":"00000000-1111-2222-3333-444444444444",
        "tenantId":"00000000-1111-2222-3333-444444444444","type":"SystemAssigned"},
       "properties":{"linkedServiceResourceId":"%s","linkType":"Synapse",
        "createdTime":"2020-07-20T07:02:45.1256542+00:00","modifiedTime":"2020-07-20T07:02:45.1256542+00:00"}}""";

  private final FakeArmServer server = new FakeArmServer();
  private final AzureMlLinkedServices links =
      AzureMlLinkedServices.of(server.session(), SUB, "resourceGroup-1", "workspace-1");

  AzureMlLinkedServicesTest() throws Exception {}

  @AfterEach
  void stop() {
    server.close();
  }

  private static String link(String name, String synapseId) {
    return LINK.formatted(ML, name, name, synapseId);
  }

  @Test
  void listsTheLinkedSynapseWorkspaces() throws Exception {
    server.json(200, "{\"value\":[" + link("link-1", SYNAPSE) + ","
        + link("link-2", SYNAPSE.replace("Syn-1", "contoso-synapse").replace("resourceGroups", "resourcegroups")) + "]}");

    List<AzureMlLinkedService> all = links.list(Cancellation.none());

    RecordedRequest request = server.take();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo(ML + "/linkedServices?api-version=2020-09-01-preview");
    assertThat(all).extracting(AzureMlLinkedService::name).containsExactly("link-1", "link-2");
    assertThat(all.get(0).linkType()).isEqualTo("Synapse");
    assertThat(all.get(0).linkedServiceResourceId()).isEqualTo(SYNAPSE);
    assertThat(all.get(1).toLinkedService()).contains(
        new LinkedService("link-2", SUB, "resourceGroup-1", "contoso-synapse"));
  }

  @Test
  void getsOneByName() throws Exception {
    server.json(200, link("link-1", SYNAPSE));

    AzureMlLinkedService link = links.find("link-1", Cancellation.none()).orElseThrow();

    assertThat(server.take().getTarget()).isEqualTo(ML + "/linkedServices/link-1?api-version=2020-09-01-preview");
    assertThat(link.synapseWorkspace().orElseThrow().name()).isEqualTo("Syn-1");
    assertThat(link.location()).isEqualTo("westus");
  }

  @Test
  void aMissingLinkIsEmpty() throws Exception {
    server.json(404, "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"not found\"}}");

    assertThat(links.find("link-9", Cancellation.none())).isEmpty();
  }

  @Test
  void aLinkToSomethingElseThanSynapseIsNotALinkedService() {
    AzureMlLinkedService other = new AzureMlLinkedService("x", "", "/subscriptions/s/resourceGroups/r/providers"
        + "/Microsoft.Storage/storageAccounts/acct", "Other", "westus", "");

    assertThat(other.toLinkedService()).isEmpty();
  }

  @Test
  void saysWhatAzureRefused() throws Exception {
    server.json(403, "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"No access to linkedServices\"}}");

    AzureMlException e = catchThrowableOfType(AzureMlException.class, () -> links.list(Cancellation.none()));

    assertThat(e).hasMessage("Could not list the linked services of Azure ML workspace 'workspace-1': HTTP 403"
        + " Forbidden: (AuthorizationFailed) No access to linkedServices (the signed-in account lacks a role on this"
        + " resource)");
  }
}

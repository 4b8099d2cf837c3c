package io.pipewright.azureml;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipewright.azure.ResourceId;
import io.pipewright.workspace.LinkedService;
import java.util.Optional;

/**
 * An Azure ML workspace's link to a Synapse workspace, as Resource Manager answers it ({@code
 * Microsoft.MachineLearningServices/workspaces/linkedServices}, {@code LinkedServiceResponse}).
 *
 * @param linkedServiceResourceId the linked Synapse workspace's Resource Manager id
 * @param linkType {@code Synapse}
 */
public record AzureMlLinkedService(String name, String id, String linkedServiceResourceId, String linkType,
    String location, String createdTime) {

  static AzureMlLinkedService from(JsonNode body) {
    JsonNode p = body.path("properties");
    return new AzureMlLinkedService(body.path("name").asText(""), body.path("id").asText(""),
        p.path("linkedServiceResourceId").asText(""), p.path("linkType").asText(""), body.path("location").asText(""),
        p.path("createdTime").asText(""));
  }

  /** The linked Synapse workspace's subscription, resource group and name; empty when the id is not a Synapse workspace's. */
  public Optional<ResourceId> synapseWorkspace() {
    return ResourceId.parse(linkedServiceResourceId).filter(r -> r.is("Microsoft.Synapse", "workspaces"));
  }

  /** Pipewright's linked service of the same name, pointing at the same Synapse workspace. */
  public Optional<LinkedService> toLinkedService() {
    return synapseWorkspace().map(r -> new LinkedService(name, r.subscriptionId(), r.resourceGroup(), r.name()));
  }
}

package io.pipewright.azureml;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipewright.azure.Arm;
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
 * The Synapse workspaces linked to an Azure ML workspace.
 *
 * <p>Which API: Azure ML documents one resource for linking a Synapse workspace, {@code
 * Microsoft.MachineLearningServices/workspaces/linkedServices} ({@code LinkedServices_List} and
 * {@code LinkedServices_Get} of Azure/azure-rest-api-specs {@code
 * specification/machinelearningservices/resource-manager/Microsoft.MachineLearningServices/preview/2020-09-01-preview/machineLearningServices.json};
 * {@code properties.linkedServiceResourceId} is the Synapse workspace's id, {@code linkType}
 * {@code Synapse}). It is what the azureml-core SDK's {@code LinkedService} and the Azure quickstart
 * template machine-learning-linkedservice-create use, and it exists only in preview
 * api-versions ({@value #API_VERSION}): the stable Azure ML APIs attach a pool directly by its
 * resource id (see {@link AzureMlComputes#attachSynapsePool}) and have no list of linked
 * workspaces. {@code workspaceConnections} are connections to data and services (storage, Git,
 * container registries), not Synapse links, so they are not used here.
 */
public final class AzureMlLinkedServices {
  /** The api-version of Azure ML's linkedServices resource. */
  public static final String API_VERSION = "2020-09-01-preview";

  private final Arm arm;
  private final String workspacePath;
  private final String workspaceName;
  private final String apiVersion;

  private AzureMlLinkedServices(Arm arm, String workspacePath, String workspaceName, String apiVersion) {
    this.arm = arm;
    this.workspacePath = workspacePath;
    this.workspaceName = workspaceName;
    this.apiVersion = apiVersion;
  }

  public static AzureMlLinkedServices of(Arm arm, String subscriptionId, String resourceGroup, String workspaceName) {
    String path = AzureMlComputes.of(arm, subscriptionId, resourceGroup, workspaceName).workspacePath();
    return new AzureMlLinkedServices(arm, path, workspaceName, API_VERSION);
  }

  public static AzureMlLinkedServices of(AzureSession session, String subscriptionId, String resourceGroup,
      String workspaceName) {
    return of(Arm.of(session), subscriptionId, resourceGroup, workspaceName);
  }

  public AzureMlLinkedServices withApiVersion(String version) {
    return new AzureMlLinkedServices(arm, workspacePath, workspaceName, version);
  }

  /** Every Synapse workspace linked to the Azure ML workspace. */
  public List<AzureMlLinkedService> list(Cancellation cancel) throws IOException {
    List<AzureMlLinkedService> links = new ArrayList<>();
    try {
      for (JsonNode item : arm.list(workspacePath + "/linkedServices", apiVersion, cancel)) {
        links.add(AzureMlLinkedService.from(item));
      }
    } catch (RemoteException e) {
      throw new AzureMlException("Could not list the linked services of Azure ML workspace '" + workspaceName + "'", e);
    }
    return links;
  }

  /** Linked service {@code name}, or empty when the workspace has none of that name. */
  public Optional<AzureMlLinkedService> find(String name, Cancellation cancel) throws IOException {
    try {
      return Optional.of(AzureMlLinkedService.from(arm.get(workspacePath + "/linkedServices/"
          + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"), apiVersion, cancel)));
    } catch (RemoteException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw new AzureMlException("Could not read linked service '" + name + "' of Azure ML workspace '"
          + workspaceName + "'", e);
    }
  }
}

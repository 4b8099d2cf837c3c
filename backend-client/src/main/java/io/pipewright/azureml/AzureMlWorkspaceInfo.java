package io.pipewright.azureml;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * An Azure ML workspace as Resource Manager describes it ({@code GET .../workspaces/{name}}): where
 * it is, and what a link to its Studio pages is made of.
 *
 * @param id the workspace's Resource Manager id ({@code /subscriptions/…/workspaces/ws})
 * @param location the Azure region ({@code eastus}); computes are created there
 * @param discoveryUrl the workspace's data-plane discovery URL, empty when Azure gave none
 * @param friendlyName the display name, empty when none
 */
public record AzureMlWorkspaceInfo(String id, String name, String location, String discoveryUrl, String friendlyName) {

  /** Azure ML Studio, where the workspace's pages are. */
  public static final String STUDIO = "https://ml.azure.com";

  static AzureMlWorkspaceInfo from(JsonNode body) {
    JsonNode properties = body.path("properties");
    return new AzureMlWorkspaceInfo(body.path("id").asText(""), body.path("name").asText(""),
        body.path("location").asText(""), properties.path("discoveryUrl").asText(""),
        properties.path("friendlyName").asText(""));
  }

  /** The {@code wsid} query parameter that Studio links carry: the workspace id, URL-encoded. */
  public String studioWorkspaceParameter() {
    return "wsid=" + URLEncoder.encode(id, StandardCharsets.UTF_8);
  }

  /** The workspace's home page in Studio. */
  public String studioUrl() {
    return STUDIO + "/?" + studioWorkspaceParameter();
  }
}

package io.pipewright.workspace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewright.io.Jackson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an Azure Machine Learning workspace's {@code config.json} (the file the Azure portal
 * downloads and the Azure ML SDKs read with {@code from_config}): {@code subscription_id}, {@code
 * resource_group}, {@code workspace_name}, into the settings of an {@code azureml} compute target.
 */
public final class AzureMlConfig {
  private static final ObjectMapper JSON = Jackson.MAPPER;

  private AzureMlConfig() {}

  /** The settings {@code subscriptionId}, {@code resourceGroup}, {@code workspaceName} of a config.json. */
  public static Map<String, String> read(Path file) throws WorkspaceException {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new WorkspaceException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return parse(text, file.getFileName().toString());
  }

  /** As {@link #read}, from the file's text; {@code source} names it in messages. */
  public static Map<String, String> parse(String text, String source) throws WorkspaceException {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new WorkspaceException(source + " is not JSON (line " + e.getLocation().getLineNr() + "): "
          + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new WorkspaceException(source + " is not an Azure ML config.json: it holds no JSON object");
    }
    Map<String, String> settings = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (String[] key : new String[][] {
        {"subscription_id", "subscriptionId"}, {"resource_group", "resourceGroup"}, {"workspace_name", "workspaceName"}}) {
      JsonNode value = root.get(key[0]);
      if (value == null || !value.isTextual() || value.asText().isBlank()) {
        missing.add(key[0]);
      } else {
        settings.put(key[1], value.asText().strip());
      }
    }
    if (!missing.isEmpty()) {
      throw new WorkspaceException(source + " is not an Azure ML config.json: it has no " + String.join(", ", missing));
    }
    return settings;
  }
}

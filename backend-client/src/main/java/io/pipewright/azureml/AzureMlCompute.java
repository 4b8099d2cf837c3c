package io.pipewright.azureml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One compute of an Azure ML workspace as Resource Manager answers it ({@code ComputeResource} of
 * api-version 2024-10-01): its type ({@code AmlCompute}, {@code SynapseSpark}, …), whether it is
 * ready ({@code provisioningState}), and the type's own read-only details.
 *
 * @param id the compute's Resource Manager id; what a job's {@code computeId} names
 * @param computeType {@code AmlCompute}, {@code SynapseSpark}, {@code ComputeInstance}, {@code AKS}, …
 * @param provisioningState {@code Creating}, {@code Succeeded}, {@code Failed}, … (empty if Azure gave none)
 * @param resourceId the resource behind an attached compute (a Synapse pool's id), empty for a cluster
 * @param details the type's own {@code properties.properties} (VM size and scale of a cluster, node size of a pool)
 */
public record AzureMlCompute(String name, String id, String computeType, String provisioningState, String location,
    String description, String resourceId, JsonNode details, List<String> provisioningErrors) {

  public static final String AML_COMPUTE = "AmlCompute";
  public static final String SYNAPSE_SPARK = "SynapseSpark";

  public AzureMlCompute {
    provisioningErrors = List.copyOf(provisioningErrors);
  }

  static AzureMlCompute from(JsonNode body) {
    JsonNode properties = body.path("properties");
    List<String> errors = new ArrayList<>();
    for (JsonNode e : properties.path("provisioningErrors")) {
      JsonNode error = e.path("error");
      String code = error.path("code").asText("");
      String message = error.path("message").asText("");
      if (!message.isBlank() || !code.isBlank()) {
        errors.add(code.isBlank() ? message : "(" + code + ") " + message);
      }
    }
    return new AzureMlCompute(body.path("name").asText(""), body.path("id").asText(""),
        properties.path("computeType").asText(""), properties.path("provisioningState").asText(""),
        body.path("location").asText(""), properties.path("description").asText(""),
        properties.path("resourceId").asText(""), properties.path("properties"), errors);
  }

  public boolean isCluster() {
    return AML_COMPUTE.equals(computeType);
  }

  public boolean isSynapseSpark() {
    return SYNAPSE_SPARK.equals(computeType);
  }

  public boolean succeeded() {
    return "Succeeded".equalsIgnoreCase(provisioningState);
  }

  /** Whether Azure is done with it, one way or the other: no longer Creating, Updating or Deleting. */
  public boolean provisioningEnded() {
    return switch (provisioningState.toLowerCase(java.util.Locale.ROOT)) {
      case "succeeded", "failed", "canceled" -> true;
      default -> false;
    };
  }

  /** A cluster's VM size ({@code STANDARD_DS3_V2}). */
  public Optional<String> vmSize() {
    return text("vmSize");
  }

  public OptionalInt minNodes() {
    return number(details.path("scaleSettings").path("minNodeCount"));
  }

  public OptionalInt maxNodes() {
    return number(details.path("scaleSettings").path("maxNodeCount"));
  }

  /** A cluster's idle time before scaling down, as Azure writes it ({@code PT5M}). */
  public Optional<String> idleTimeBeforeScaleDown() {
    String idle = details.path("scaleSettings").path("nodeIdleTimeBeforeScaleDown").asText("");
    return idle.isBlank() ? Optional.empty() : Optional.of(idle);
  }

  /** An attached Synapse pool's node size ({@code Small}, {@code Medium}). */
  public Optional<String> nodeSize() {
    return text("nodeSize");
  }

  public OptionalInt nodeCount() {
    return number(details.path("nodeCount"));
  }

  public Optional<String> sparkVersion() {
    return text("sparkVersion");
  }

  /** One line for lists: "cpu-cluster: AmlCompute, Succeeded, STANDARD_DS3_V2, 0–4 nodes". */
  public String summary() {
    StringBuilder line = new StringBuilder(name).append(": ").append(computeType.isBlank() ? "unknown type" : computeType);
    if (!provisioningState.isBlank()) {
      line.append(", ").append(provisioningState);
    }
    vmSize().ifPresent(v -> line.append(", ").append(v));
    if (minNodes().isPresent() && maxNodes().isPresent()) {
      line.append(", ").append(minNodes().getAsInt()).append("–").append(maxNodes().getAsInt()).append(" nodes");
    }
    nodeSize().ifPresent(s -> line.append(", ").append(s).append(" nodes"));
    sparkVersion().ifPresent(v -> line.append(", Spark ").append(v));
    return line.toString();
  }

  private Optional<String> text(String field) {
    String value = details.path(field).asText("");
    return value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  private static OptionalInt number(JsonNode node) {
    return node.canConvertToInt() && node.isNumber() ? OptionalInt.of(node.asInt()) : OptionalInt.empty();
  }
}

package io.pipewright.azureml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A VM size Azure ML offers in a region ({@code GET …/locations/{location}/vmSizes}).
 *
 * @param memoryGb memory as Azure gives it, in GB
 * @param supportedComputeTypes {@code AmlCompute}, {@code ComputeInstance}, …
 */
public record AzureMlVmSize(String name, String family, int vCpus, int gpus, double memoryGb,
    List<String> supportedComputeTypes) {

  public AzureMlVmSize {
    supportedComputeTypes = List.copyOf(supportedComputeTypes);
  }

  static AzureMlVmSize from(JsonNode item) {
    List<String> types = new ArrayList<>();
    item.path("supportedComputeTypes").forEach(t -> types.add(t.asText()));
    return new AzureMlVmSize(item.path("name").asText(""), item.path("family").asText(""), item.path("vCPUs").asInt(),
        item.path("gpus").asInt(), item.path("memoryGB").asDouble(), types);
  }

  /** Whether a cluster ({@code AmlCompute}) can be made of it. */
  public boolean forClusters() {
    return supportedComputeTypes.contains(AzureMlCompute.AML_COMPUTE);
  }

  /** "Standard_DS3_v2 (4 cores, 14 GB)". */
  public String summary() {
    String memory = memoryGb == Math.rint(memoryGb) ? String.valueOf((long) memoryGb) : String.valueOf(memoryGb);
    return name + " (" + vCpus + (vCpus == 1 ? " core, " : " cores, ") + memory + " GB"
        + (gpus > 0 ? ", " + gpus + " GPU" + (gpus == 1 ? "" : "s") : "") + ")";
  }
}

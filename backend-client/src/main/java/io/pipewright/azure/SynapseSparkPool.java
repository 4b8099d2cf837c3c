package io.pipewright.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipewright.model.Capacity;
import io.pipewright.model.SynapseNodeSize;
import java.util.Optional;

/**
 * An Apache Spark pool of a Synapse workspace ({@code Microsoft.Synapse/workspaces/bigDataPools},
 * api-version 2021-06-01): its nodes, autoscale, auto-pause and Spark version.
 *
 * @param id the pool's Resource Manager id; what an Azure ML {@code SynapseSpark} compute attaches
 * @param nodeSize {@code Small}, {@code Medium}, … ({@link SynapseNodeSize})
 * @param nodeCount the pool's nodes when autoscale is off
 * @param minNodes autoscale's least nodes (0 when autoscale is off)
 * @param maxNodes autoscale's most nodes (0 when autoscale is off)
 * @param autoPauseMinutes idle minutes before the pool pauses (0 when auto-pause is off)
 */
public record SynapseSparkPool(String name, String id, String location, String provisioningState, String sparkVersion,
    String nodeSize, String nodeSizeFamily, int nodeCount, boolean autoScale, int minNodes, int maxNodes,
    boolean autoPause, int autoPauseMinutes) {

  static SynapseSparkPool from(JsonNode body) {
    JsonNode p = body.path("properties");
    JsonNode scale = p.path("autoScale");
    JsonNode pause = p.path("autoPause");
    boolean scales = scale.path("enabled").asBoolean(false);
    boolean pauses = pause.path("enabled").asBoolean(false);
    return new SynapseSparkPool(body.path("name").asText(""), body.path("id").asText(""),
        body.path("location").asText(""), p.path("provisioningState").asText(""), p.path("sparkVersion").asText(""),
        p.path("nodeSize").asText(""), p.path("nodeSizeFamily").asText(""), p.path("nodeCount").asInt(0), scales,
        scales ? scale.path("minNodeCount").asInt(0) : 0, scales ? scale.path("maxNodeCount").asInt(0) : 0, pauses,
        pauses ? pause.path("delayInMinutes").asInt(0) : 0);
  }

  /** The most nodes the pool may have: autoscale's maximum, else its node count. */
  public int mostNodes() {
    return autoScale && maxNodes > 0 ? maxNodes : nodeCount;
  }

  /** What the pool offers a Spark step at most, when its node size is one Pipewright knows. */
  public Optional<Capacity> capacity() {
    return SynapseNodeSize.fromLabel(nodeSize).filter(s -> mostNodes() > 0)
        .map(size -> Capacity.synapsePool(size, mostNodes()));
  }

  /** "Medium × 3–50 (autoscale)" or "Small × 3". */
  public String nodesInWords() {
    return nodeSize + (autoScale ? " × " + minNodes + "–" + maxNodes + " (autoscale)" : " × " + nodeCount);
  }

  /** "after 15 min" or "off". */
  public String autoPauseInWords() {
    return autoPause ? "after " + autoPauseMinutes + " min" : "off";
  }

  /** A node's cores and memory in words ("8 cores, 64 GiB"), empty for an unknown size. */
  public Optional<String> nodeInWords() {
    return SynapseNodeSize.fromLabel(nodeSize).map(s -> s.vcores() + " cores, " + (s.memoryBytes() >> 30) + " GiB");
  }
}

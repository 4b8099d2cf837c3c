package io.pipewright.model;

import java.util.Objects;

/**
 * What a compute target offers a Spark step.
 *
 * @param description where the numbers come from ({@code this machine}, {@code 3 × Small nodes})
 * @param cores cores in all
 * @param memoryBytes memory in all
 * @param localMode true where Spark runs in local mode: one JVM, executors as threads of the driver
 * @param node one node of a pool, or null on a single machine; an executor must fit in one
 */
public record Capacity(String description, int cores, long memoryBytes, boolean localMode, Node node) {

  /** One node of a pool. */
  public record Node(String size, int cores, long memoryBytes) {}

  public Capacity {
    Objects.requireNonNull(description, "description");
  }

  /** This machine in local mode: its cores and physical memory. */
  public static Capacity localMachine(int cores, long physicalMemoryBytes) {
    return new Capacity("this machine", cores, physicalMemoryBytes, true, null);
  }

  /** A Synapse Spark pool of {@code nodeCount} nodes of one size. */
  public static Capacity synapsePool(SynapseNodeSize size, int nodeCount) {
    return new Capacity(nodeCount + " × " + size.label() + " nodes", size.vcores() * nodeCount,
        size.memoryBytes() * nodeCount, false, new Node(size.label(), size.vcores(), size.memoryBytes()));
  }
}

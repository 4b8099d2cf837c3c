package io.pipewright.model;

import java.util.Optional;

/**
 * The node sizes of an Azure Synapse Spark pool (memory-optimized family), as Microsoft documents
 * them: "Apache Spark pool configurations in Azure Synapse Analytics", section Node sizes
 * (https://learn.microsoft.com/azure/synapse-analytics/spark/apache-spark-pool-configurations).
 * Azure writes the memory as "GB"; it is taken here as GiB, which is how the VM sizes behind them
 * are counted. XXXLarge (isolated compute) is left out until its numbers are checked.
 */
public enum SynapseNodeSize {
  SMALL("Small", 4, 32),
  MEDIUM("Medium", 8, 64),
  LARGE("Large", 16, 128),
  XLARGE("XLarge", 32, 256),
  XXLARGE("XXLarge", 64, 432);

  private final String label;
  private final int vcores;
  private final int memoryGib;

  SynapseNodeSize(String label, int vcores, int memoryGib) {
    this.label = label;
    this.vcores = vcores;
    this.memoryGib = memoryGib;
  }

  /** The name Azure uses ({@code Small}, {@code XXLarge}). */
  public String label() {
    return label;
  }

  public int vcores() {
    return vcores;
  }

  public long memoryBytes() {
    return (long) memoryGib << 30;
  }

  /** The size with this exact Azure name; names are case-sensitive, as in the Azure API. */
  public static Optional<SynapseNodeSize> fromLabel(String label) {
    for (SynapseNodeSize size : values()) {
      if (size.label.equals(label)) {
        return Optional.of(size);
      }
    }
    return Optional.empty();
  }
}

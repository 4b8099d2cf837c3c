package io.pipewright.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Footprints of the reference workflow's Spark step (driver 7g/4 cores, executor 7g/2 cores, 1 executor). */
class FootprintTest {

  private static final long GIB = 1L << 30;
  private static final long MIB = 1L << 20;

  private static SparkSettings settings(String driverMemory, int driverCores, String executorMemory, int executorCores,
      int executors, DynamicAllocation dynamic, Map<String, String> conf) {
    return new SparkSettings(driverMemory, driverCores, executorMemory, executorCores, executors, dynamic, conf,
        List.of(), List.of(), List.of(), List.of());
  }

  private static final SparkSettings REFERENCE = settings("7g", 4, "7g", 2, 1, null, Map.of());

  private static Footprint footprint(SparkSettings settings, Capacity capacity) {
    return Footprint.of(settings, capacity).orElseThrow();
  }

  @Test
  void theReferenceStepOnThreeSmallSynapseNodesAsksSixCoresAndTwiceSevenGibPlusTenPercent() {
    Footprint f = footprint(REFERENCE, Capacity.synapsePool(SynapseNodeSize.SMALL, 3));

    assertThat(f.cores()).isEqualTo(6);
    assertThat(f.driver().overheadBytes()).isEqualTo(716 * MIB);
    assertThat(f.memoryBytes()).isEqualTo(2 * (7168 + 716) * MIB);
    assertThat(f.fits()).isTrue();
    assertThat(f.summary()).isEqualTo("asks 6 cores, 15.4 GiB (driver 4 cores, 7g + 10% overhead; 1 executor × 2 cores,"
        + " 7g + 10% overhead) of 12 cores, 96 GiB (3 × Small nodes): fits");
  }

  @Test
  void theReferenceStepDoesNotFitACapacityOfTwoCoresAndSaysWhy() {
    Capacity small = new Capacity("a 2-core pool", 2, 8 * GIB, false, null);

    Footprint f = footprint(REFERENCE, small);

    assertThat(f.fits()).isFalse();
    assertThat(f.problems()).containsExactly("6 cores > 2", "15.4 GiB > 8 GiB");
    assertThat(f.summary()).endsWith("of 2 cores, 8 GiB (a 2-core pool): does not fit: 6 cores > 2; 15.4 GiB > 8 GiB");
  }

  @Test
  void inLocalModeTheStepAsksItsExecutorThreadsAndTheDriverHeapAndSaysWhatIsNotUsed() {
    Footprint f = footprint(REFERENCE, Capacity.localMachine(2, 23 * GIB));

    assertThat(f.cores()).isEqualTo(2);
    assertThat(f.memoryBytes()).isEqualTo(7 * GIB);
    assertThat(f.fits()).isTrue();
    assertThat(f.notes()).containsExactly("driver cores 4 are not used: spark.driver.cores applies in cluster mode only");
    assertThat(f.summary()).isEqualTo("asks 2 cores, 7 GiB (local mode: one JVM with a 7g heap, 1 executor × 2 cores"
        + " as threads) of 2 cores, 23 GiB (this machine): fits");
  }

  @Test
  void inLocalModeMoreThreadsThanTheMachineHasCoresDoesNotFit() {
    Footprint f = footprint(REFERENCE, Capacity.localMachine(1, 23 * GIB));

    assertThat(f.fits()).isFalse();
    assertThat(f.problems()).containsExactly("2 cores > 1");
  }

  @Test
  void inLocalModeADifferentExecutorMemoryIsReportedAsNotUsed() {
    Footprint f = footprint(settings("2g", 1, "4g", 1, 1, null, Map.of()), Capacity.localMachine(4, 16 * GIB));

    assertThat(f.memoryBytes()).isEqualTo(2 * GIB);
    assertThat(f.notes()).containsExactly("executor memory 4g is not used: local executors are threads in the driver's 2g heap");
  }

  @Test
  void aSmallMemoryGetsTheMinimumOverheadOf384Mib() {
    Footprint f = footprint(settings("1g", 1, "1g", 1, 1, null, Map.of()), Capacity.synapsePool(SynapseNodeSize.SMALL, 3));

    assertThat(f.executor().overheadBytes()).isEqualTo(384 * MIB);
    assertThat(f.executor().overheadRule()).isEqualTo("minimum 384m");
  }

  @Test
  void anExplicitOverheadInConfReplacesTheFactor() {
    Footprint f = footprint(settings("7g", 4, "7g", 2, 1, null, Map.of("spark.executor.memoryOverhead", "2g")),
        Capacity.synapsePool(SynapseNodeSize.SMALL, 3));

    assertThat(f.executor().overheadBytes()).isEqualTo(2 * GIB);
    assertThat(f.driver().overheadBytes()).isEqualTo(716 * MIB);
    assertThat(f.executor().overheadRule()).isEqualTo("2g (spark.executor.memoryOverhead)");
  }

  @Test
  void anOverheadFactorAndMinimumInConfAreHonoured() {
    Footprint f = footprint(settings("10g", 1, "1g", 1, 1, null,
        Map.of("spark.driver.memoryOverheadFactor", "0.25", "spark.executor.minMemoryOverhead", "512m")),
        Capacity.synapsePool(SynapseNodeSize.MEDIUM, 3));

    assertThat(f.driver().overheadBytes()).isEqualTo(2560 * MIB);
    assertThat(f.driver().overheadRule()).isEqualTo("25%");
    assertThat(f.executor().overheadBytes()).isEqualTo(512 * MIB);
  }

  @Test
  void anOverheadFactorSparkWouldRefuseIsNotedAndTheDefaultUsed() {
    Footprint f = footprint(settings("7g", 1, "7g", 1, 1, null, Map.of("spark.driver.memoryOverheadFactor", "ten")),
        Capacity.synapsePool(SynapseNodeSize.SMALL, 3));

    assertThat(f.driver().overheadBytes()).isEqualTo(716 * MIB);
    assertThat(f.notes()).containsExactly(
        "spark.driver.memoryOverheadFactor 'ten' is not a number greater than 0; Spark would refuse it");
  }

  @Test
  void dynamicAllocationCountsItsMaximumExecutors() {
    Footprint f = footprint(settings("1g", 1, "2g", 2, 1, new DynamicAllocation(1, 4), Map.of()),
        Capacity.synapsePool(SynapseNodeSize.MEDIUM, 3));

    assertThat(f.executors()).isEqualTo(4);
    assertThat(f.cores()).isEqualTo(1 + 4 * 2);
    assertThat(f.summary()).contains("4 executors × 2 cores, 2g + minimum 384m overhead (dynamic allocation maximum)");
  }

  @Test
  void anExecutorBiggerThanOneNodeDoesNotFitEvenWhenThePoolHasRoomInAll() {
    Footprint f = footprint(settings("1g", 1, "40g", 2, 1, null, Map.of()), Capacity.synapsePool(SynapseNodeSize.SMALL, 10));

    assertThat(f.fits()).isFalse();
    assertThat(f.problems()).containsExactly("an executor (2 cores, 44 GiB) is bigger than a Small node (4 cores, 32 GiB)");
  }

  @Test
  void aMemorySizeSparkCannotReadGivesNoFootprint() {
    assertThat(Footprint.of(settings("7 gigs", 1, "1g", 1, 1, null, Map.of()), Capacity.localMachine(2, GIB))).isEmpty();
  }

  @Test
  void synapseNodeSizesAreTheDocumentedOnes() {
    assertThat(Capacity.synapsePool(SynapseNodeSize.XXLARGE, 3).memoryBytes()).isEqualTo(3 * 432 * GIB);
    assertThat(SynapseNodeSize.fromLabel("Medium")).contains(SynapseNodeSize.MEDIUM);
    assertThat(SynapseNodeSize.fromLabel("medium")).isEmpty();
  }
}

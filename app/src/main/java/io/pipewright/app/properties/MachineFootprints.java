package io.pipewright.app.properties;

import io.pipewright.model.MemorySize;
import io.pipewright.model.SparkSettings;
import io.pipewright.workspace.ComputeTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The footprint of a Spark step. On local Spark there is one JVM: the driver memory is its heap and
 * the executors are {@code executors × executor cores} threads ({@code local[N]}, at most the target's
 * cores), so that is what is compared with this machine. Elsewhere each driver and executor is a
 * container of its memory plus Spark's overhead: {@code spark.X.memoryOverhead} when set, else
 * {@code max(384 MiB, spark.X.memoryOverheadFactor (10 %) × memory)}; without a known capacity of
 * the target only the total asked is shown.
 */
public final class MachineFootprints implements FootprintCalculator {
  private static final long MIN_OVERHEAD_MIB = 384;
  private final int machineCores;
  private final long machineMemory;

  public MachineFootprints(int machineCores, long machineMemoryBytes) {
    this.machineCores = machineCores;
    this.machineMemory = machineMemoryBytes;
  }

  /** This machine's cores and physical memory. */
  public static MachineFootprints thisMachine() {
    long memory = 0;
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      memory = ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize();
    }
    return new MachineFootprints(Runtime.getRuntime().availableProcessors(), memory);
  }

  @Override
  public Optional<Line> estimate(SparkSettings s, ComputeTarget target) {
    Optional<MemorySize> driver = MemorySize.parse(s.driverMemory());
    Optional<MemorySize> executor = MemorySize.parse(s.executorMemory());
    if (driver.isEmpty() || executor.isEmpty()) {
      return Optional.empty();
    }
    if (ComputeTarget.LOCAL_SPARK.equals(target.kind())) {
      return Optional.of(local(s, driver.get(), target));
    }
    long driverTotal = driver.get().bytes() + overhead("driver", driver.get(), s);
    long executorTotal = executor.get().bytes() + overhead("executor", executor.get(), s);
    int executors = s.requestedExecutors();
    int cores = s.driverCores() + executors * s.executorCores();
    long memory = driverTotal + executors * executorTotal;
    return Optional.of(new Line("Asks " + cores + plural(cores, " core") + ", " + gib(memory)
        + " with overhead (driver " + gib(driverTotal) + ", " + executors + " × executor " + gib(executorTotal)
        + (s.dynamicAllocation() != null ? " at the dynamic maximum" : "") + ") of " + target.name()
        + ", whose capacity is not known", Verdict.UNKNOWN_CAPACITY));
  }

  private Line local(SparkSettings s, MemorySize heap, ComputeTarget target) {
    int cores = target.setting("cores").flatMap(MachineFootprints::parseInt).orElse(machineCores);
    int asked = Math.max(1, s.requestedExecutorCores());
    int threads = Math.min(asked, cores);
    List<String> problems = new ArrayList<>();
    if (asked > cores) {
      problems.add(asked + " executor cores asked, local[" + cores + "] used");
    }
    if (machineMemory > 0 && heap.bytes() > machineMemory) {
      problems.add("heap " + gib(heap.bytes()) + " > " + gib(machineMemory) + " of memory");
    }
    String text = "Local mode: one JVM with a " + heap.text() + " heap, local[" + threads + "] ("
        + s.requestedExecutors() + plural(s.requestedExecutors(), " executor") + " × " + s.executorCores()
        + plural(s.executorCores(), " core") + " as threads) on this machine's " + cores + plural(cores, " core")
        + (machineMemory > 0 ? ", " + gib(machineMemory) : "") + ": "
        + (problems.isEmpty() ? "fits" : "does not fit (" + String.join("; ", problems) + ")");
    return new Line(text, problems.isEmpty() ? Verdict.FITS : Verdict.DOES_NOT_FIT);
  }

  /** Spark's container overhead of the driver or an executor. */
  static long overhead(String role, MemorySize memory, SparkSettings s) {
    Optional<MemorySize> explicit = Optional.ofNullable(s.conf().get("spark." + role + ".memoryOverhead"))
        .flatMap(MemorySize::parse);
    if (explicit.isPresent()) {
      return explicit.get().mebibytes() << 20;
    }
    double factor = 0.10;
    String factorText = s.conf().get("spark." + role + ".memoryOverheadFactor");
    if (factorText != null) {
      try {
        double parsed = Double.parseDouble(factorText.strip());
        factor = parsed > 0 ? parsed : factor;
      } catch (NumberFormatException e) {
        // Spark refuses such a value at submit; the footprint keeps the default
      }
    }
    return Math.max(MIN_OVERHEAD_MIB, (long) (factor * memory.mebibytes())) << 20;
  }

  private static Optional<Integer> parseInt(String text) {
    try {
      return Optional.of(Integer.parseInt(text.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String plural(int n, String word) {
    return n == 1 ? word : word + "s";
  }

  static String gib(long bytes) {
    String text = String.format(Locale.ROOT, "%.1f", bytes / (double) (1L << 30));
    return (text.endsWith(".0") ? text.substring(0, text.length() - 2) : text) + " GiB";
  }
}

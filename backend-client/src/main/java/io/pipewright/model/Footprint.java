package io.pipewright.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a Spark step asks of a compute target in total, and whether that fits its {@link Capacity}.
 *
 * <p>On a cluster each process is a container of heap plus overhead; Spark's rule (YARN and
 * Kubernetes, {@code ResourceProfile}/{@code YarnAllocator}) is {@code spark.X.memoryOverhead} when
 * set, else {@code max(spark.X.minMemoryOverhead (384m), spark.X.memoryOverheadFactor (0.10) ×
 * memory)}, in whole MiB, for X = driver and executor. The 0.40 default for non-JVM jobs applies
 * only on Kubernetes, which Pipewright does not target. Dynamic allocation counts its maximum.
 *
 * <p>In local mode there is one JVM: the driver's heap is the memory, executors are
 * {@code executors × executor cores} threads in it, and executor memory, driver cores, overheads
 * and dynamic allocation are not used; {@link #notes()} says which of those the step sets.
 *
 * @param cores cores asked in all
 * @param memoryBytes memory asked in all, overheads included
 * @param driver what the driver asks
 * @param executors executors asked (the dynamic maximum when dynamic allocation is on)
 * @param executor what one executor asks
 * @param fits whether it fits the capacity
 * @param problems why it does not fit, one line each; empty when it fits
 * @param notes settings the capacity does not use, and conf values Spark would refuse
 * @param summary one line for people
 */
public record Footprint(
    int cores,
    long memoryBytes,
    Part driver,
    int executors,
    Part executor,
    Capacity capacity,
    boolean fits,
    List<String> problems,
    List<String> notes,
    String summary) {

  static final long MIN_OVERHEAD_MIB = 384;
  static final double DEFAULT_OVERHEAD_FACTOR = 0.10;

  /**
   * One driver or executor.
   *
   * @param overheadRule how the overhead was found ({@code 10%}, {@code minimum 384m}, {@code
   *     1g from spark.driver.memoryOverhead}); empty in local mode
   */
  public record Part(int cores, long memoryBytes, long overheadBytes, String overheadRule) {
    public long totalBytes() {
      return memoryBytes + overheadBytes;
    }
  }

  public Footprint {
    Objects.requireNonNull(capacity, "capacity");
    problems = List.copyOf(problems);
    notes = List.copyOf(notes);
  }

  /**
   * The footprint of a step's settings on a capacity; empty when a memory size in them is not one
   * Spark reads (the validator reports that, as PW113).
   */
  public static Optional<Footprint> of(SparkSettings settings, Capacity capacity) {
    Optional<MemorySize> driverMemory = MemorySize.parse(settings.driverMemory());
    Optional<MemorySize> executorMemory = MemorySize.parse(settings.executorMemory());
    if (driverMemory.isEmpty() || executorMemory.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(capacity.localMode()
        ? local(settings, driverMemory.get(), capacity)
        : cluster(settings, driverMemory.get(), executorMemory.get(), capacity));
  }

  private static Footprint cluster(SparkSettings s, MemorySize driverMemory, MemorySize executorMemory, Capacity capacity) {
    List<String> notes = new ArrayList<>();
    Part driver = part("driver", s.driverCores(), driverMemory, s.conf(), notes);
    Part executor = part("executor", s.executorCores(), executorMemory, s.conf(), notes);
    int executors = s.requestedExecutors();
    int cores = driver.cores() + executors * executor.cores();
    long memory = driver.totalBytes() + executors * executor.totalBytes();
    List<String> problems = new ArrayList<>();
    totals(cores, memory, capacity, problems);
    if (capacity.node() != null) {
      nodeFit("the driver", driver, capacity.node(), problems);
      if (executors > 0) {
        nodeFit("an executor", executor, capacity.node(), problems);
      }
    }
    String detail = "driver " + s.driverCores() + (s.driverCores() == 1 ? " core, " : " cores, ")
        + driverMemory.text() + " + " + driver.overheadRule() + " overhead; " + executors
        + (executors == 1 ? " executor × " : " executors × ") + s.executorCores()
        + (s.executorCores() == 1 ? " core, " : " cores, ") + executorMemory.text() + " + " + executor.overheadRule()
        + " overhead" + (s.dynamicAllocation() != null ? " (dynamic allocation maximum)" : "");
    return new Footprint(cores, memory, driver, executors, executor, capacity, problems.isEmpty(), problems, notes,
        summary(cores, memory, detail, capacity, problems));
  }

  private static Footprint local(SparkSettings s, MemorySize driverMemory, Capacity capacity) {
    int executors = s.requestedExecutors();
    int threads = Math.max(1, s.requestedExecutorCores());
    long memory = driverMemory.bytes();
    List<String> notes = new ArrayList<>();
    if (!Objects.equals(MemorySize.parse(s.executorMemory()).map(MemorySize::bytes).orElse(0L), memory)) {
      notes.add("executor memory " + s.executorMemory() + " is not used: local executors are threads in the driver's "
          + driverMemory.text() + " heap");
    }
    if (s.driverCores() != 1) {
      notes.add("driver cores " + s.driverCores() + " are not used: spark.driver.cores applies in cluster mode only");
    }
    if (s.dynamicAllocation() != null) {
      notes.add("dynamic allocation is not used: local mode has a fixed pool of " + threads + " threads");
    }
    for (String key : List.of("spark.driver.memoryOverhead", "spark.executor.memoryOverhead",
        "spark.driver.memoryOverheadFactor", "spark.executor.memoryOverheadFactor")) {
      if (s.conf().containsKey(key)) {
        notes.add(key + " is not used: there are no containers in local mode");
      }
    }
    List<String> problems = new ArrayList<>();
    totals(threads, memory, capacity, problems);
    Part driver = new Part(threads, memory, 0, "");
    Part executor = new Part(s.executorCores(), 0, 0, "");
    String detail = "local mode: one JVM with a " + driverMemory.text() + " heap, " + executors
        + (executors == 1 ? " executor × " : " executors × ") + s.executorCores()
        + (s.executorCores() == 1 ? " core" : " cores") + " as threads";
    return new Footprint(threads, memory, driver, executors, executor, capacity, problems.isEmpty(), problems, notes,
        summary(threads, memory, detail, capacity, problems));
  }

  /** Memory and overhead of the driver or an executor, by Spark's rule and the step's conf. */
  private static Part part(String role, int cores, MemorySize memory, Map<String, String> conf, List<String> notes) {
    String overheadKey = "spark." + role + ".memoryOverhead";
    String explicit = conf.get(overheadKey);
    if (explicit != null) {
      Optional<MemorySize> size = MemorySize.parse(explicit);
      if (size.isPresent()) {
        return new Part(cores, memory.bytes(), size.get().mebibytes() << 20, size.get().text() + " (" + overheadKey + ")");
      }
      notes.add(overheadKey + " '" + explicit + "' is not a size Spark reads; Spark would refuse it");
    }
    long minMib = MIN_OVERHEAD_MIB;
    String minKey = "spark." + role + ".minMemoryOverhead";
    String min = conf.get(minKey);
    if (min != null) {
      Optional<MemorySize> size = MemorySize.parse(min);
      if (size.isPresent()) {
        minMib = size.get().mebibytes();
      } else {
        notes.add(minKey + " '" + min + "' is not a size Spark reads; Spark would refuse it");
      }
    }
    double factor = DEFAULT_OVERHEAD_FACTOR;
    String factorKey = "spark." + role + ".memoryOverheadFactor";
    String factorText = conf.get(factorKey);
    if (factorText != null) {
      double parsed;
      try {
        parsed = Double.parseDouble(factorText.trim());
      } catch (NumberFormatException e) {
        parsed = -1;
      }
      if (parsed > 0) {
        factor = parsed;
      } else {
        notes.add(factorKey + " '" + factorText + "' is not a number greater than 0; Spark would refuse it");
      }
    }
    long byFactor = (long) (factor * memory.mebibytes());
    long overheadMib = Math.max(byFactor, minMib);
    String rule = byFactor >= minMib ? percent(factor) : "minimum " + minMib + "m";
    return new Part(cores, memory.bytes(), overheadMib << 20, rule);
  }

  private static void totals(int cores, long memory, Capacity capacity, List<String> problems) {
    if (cores > capacity.cores()) {
      problems.add(cores + " cores > " + capacity.cores());
    }
    if (memory > capacity.memoryBytes()) {
      problems.add(gib(memory) + " > " + gib(capacity.memoryBytes()));
    }
  }

  private static void nodeFit(String who, Part part, Capacity.Node node, List<String> problems) {
    if (part.cores() > node.cores() || part.totalBytes() > node.memoryBytes()) {
      problems.add(who + " (" + part.cores() + " cores, " + gib(part.totalBytes()) + ") is bigger than a "
          + node.size() + " node (" + node.cores() + " cores, " + gib(node.memoryBytes()) + ")");
    }
  }

  private static String summary(int cores, long memory, String detail, Capacity capacity, List<String> problems) {
    return "asks " + cores + (cores == 1 ? " core, " : " cores, ") + gib(memory) + " (" + detail + ") of "
        + capacity.cores() + (capacity.cores() == 1 ? " core, " : " cores, ") + gib(capacity.memoryBytes())
        + " (" + capacity.description() + "): "
        + (problems.isEmpty() ? "fits" : "does not fit: " + String.join("; ", problems));
  }

  /** Bytes as GiB with one decimal, without a trailing {@code .0} ({@code 15.4 GiB}, {@code 32 GiB}). */
  public static String gib(long bytes) {
    String text = String.format(Locale.ROOT, "%.1f", bytes / (double) (1L << 30));
    return (text.endsWith(".0") ? text.substring(0, text.length() - 2) : text) + " GiB";
  }

  private static String percent(double factor) {
    return new BigDecimal(Double.toString(factor)).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
  }
}

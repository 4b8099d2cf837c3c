package io.pipewright.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Driver and executor resources of a Spark step. Memory sizes are strings as Spark writes them
 * ({@code 512m}, {@code 7g}); {@link MemorySize} parses them. {@code dynamicAllocation}, when
 * set, replaces {@code executors}.
 */
public record SparkSettings(
    String driverMemory,
    int driverCores,
    String executorMemory,
    int executorCores,
    int executors,
    DynamicAllocation dynamicAllocation,
    Map<String, String> conf,
    List<String> pyFiles,
    List<String> jars,
    List<String> files,
    List<String> archives) {

  public static final SparkSettings DEFAULTS =
      new SparkSettings("1g", 1, "1g", 1, 1, null, Map.of(), List.of(), List.of(), List.of(), List.of());

  public SparkSettings {
    driverMemory = driverMemory == null ? "1g" : driverMemory;
    executorMemory = executorMemory == null ? "1g" : executorMemory;
    conf = java.util.Collections.unmodifiableMap(new TreeMap<>(conf == null ? Map.of() : conf));
    pyFiles = List.copyOf(pyFiles == null ? List.of() : pyFiles);
    jars = List.copyOf(jars == null ? List.of() : jars);
    files = List.copyOf(files == null ? List.of() : files);
    archives = List.copyOf(archives == null ? List.of() : archives);
  }

  /** Executors the step asks for: the fixed number, or the dynamic maximum. */
  public int requestedExecutors() {
    return dynamicAllocation != null ? dynamicAllocation.maxExecutors() : executors;
  }

  /** Executor cores in all: what the step would ask of a pool. */
  public int requestedExecutorCores() {
    return requestedExecutors() * executorCores;
  }
}

package io.pipewright.workspace;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A named place a step runs ({@code local-spark}, {@code link1-spark01}).
 *
 * @param kind one of {@link #LOCAL_SPARK}, {@link #LOCAL_PROCESS}, and the remote kinds to come
 * @param settings kind-specific settings, for example {@code cores}, {@code javaHome}, {@code
 *     sparkHome} for local Spark
 */
public record ComputeTarget(String name, String kind, Map<String, String> settings) {
  public static final String LOCAL_SPARK = "local-spark";
  public static final String LOCAL_PROCESS = "local-process";

  public ComputeTarget {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    settings = java.util.Collections.unmodifiableMap(new TreeMap<>(settings == null ? Map.of() : settings));
  }

  public Optional<String> setting(String key) {
    return Optional.ofNullable(settings.get(key)).filter(v -> !v.isBlank());
  }

  public boolean runsSpark() {
    return !LOCAL_PROCESS.equals(kind);
  }
}

package io.pipewright.workspace;

import io.pipewright.model.Pipeline;
import io.pipewright.model.ScriptStep;
import io.pipewright.model.Step;
import java.util.List;
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

  /**
   * Whether Spark on this target reads the workspace's own folders at their paths: the local kinds,
   * a target with a {@code stagingDir} (files are copied there), and a cluster or Livy server on this
   * machine (its host a loopback or this machine's address, compared without a DNS look-up). Azure
   * kinds bring their own data handling and count as seeing them.
   */
  public boolean seesWorkspaceFiles() {
    if (setting("stagingDir").isPresent()) {
      return true;
    }
    Optional<String> url = setting("masterUrl").or(() -> setting("url"));
    if (url.isEmpty()) {
      return true;
    }
    try {
      String host = java.net.URI.create(url.get().strip()).getHost();
      return host == null || LocalHosts.isThisMachine(host);
    } catch (IllegalArgumentException e) {
      return true; // a malformed URL is reported as such
    }
  }

  /** Whether this is one of the workspace's own defaults, which cannot be detached. */
  public boolean isBuiltIn() {
    return (LOCAL_SPARK.equals(name) && LOCAL_SPARK.equals(kind)) || (LOCAL_PROCESS.equals(name) && LOCAL_PROCESS.equals(kind));
  }

  /**
   * The name of the compute target a step runs on: its own, else the pipeline's default, else
   * {@code local-process} for a script step and {@code local-spark} for a Spark step.
   */
  public static String nameFor(Pipeline pipeline, Step step) {
    String name = pipeline.computeOf(step);
    if (name != null) {
      return name;
    }
    return step.kind() instanceof ScriptStep ? LOCAL_PROCESS : LOCAL_SPARK;
  }

  /** The steps of a pipeline that run on the named target, in pipeline order (for a detach confirmation). */
  public static List<Step> stepsUsing(Pipeline pipeline, String computeName) {
    return pipeline.steps().stream().filter(step -> nameFor(pipeline, step).equals(computeName)).toList();
  }
}

package io.pipewright.model;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What validation checks a pipeline against besides itself.
 *
 * @param baseDirectory the pipeline file's directory, against which source directories and
 *     entry files resolve; null skips the file checks
 * @param computes the compute targets that exist, by name; null skips the compute checks
 * @param datastores the workspace's datastores by name, each with its root directory (null for one
 *     that is not a folder of this machine); null skips the checks of datasets' datastores and paths
 */
public record ValidationContext(Path baseDirectory, Map<String, ComputeProfile> computes,
    Map<String, Path> datastores) {

  public static final ValidationContext NONE = new ValidationContext(null, null, null);

  /** Without datastores: their checks are skipped. */
  public ValidationContext(Path baseDirectory, Map<String, ComputeProfile> computes) {
    this(baseDirectory, computes, null);
  }

  public Optional<Path> base() {
    return Optional.ofNullable(baseDirectory);
  }
}

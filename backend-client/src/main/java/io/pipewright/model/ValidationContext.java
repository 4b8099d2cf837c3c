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
 */
public record ValidationContext(Path baseDirectory, Map<String, ComputeProfile> computes) {

  public static final ValidationContext NONE = new ValidationContext(null, null);

  public Optional<Path> base() {
    return Optional.ofNullable(baseDirectory);
  }
}

package io.pipewright.workspace;

import io.pipewright.model.DatasetKind;
import java.time.Instant;

/**
 * A registered dataset version.
 *
 * @param location where the data is (a local path for the embedded workspace, a URI elsewhere)
 * @param runId the run whose step produced it, or null when registered by hand
 * @param delimiter the field delimiter of a tabular dataset; null for file datasets and for
 *     tabular ones that use the default comma
 */
public record DatasetVersion(
    String name, int version, DatasetKind kind, String location, String runId, String stepId, Instant createdAt,
    Character delimiter) {

  public static final char DEFAULT_DELIMITER = ',';

  public DatasetVersion(String name, int version, DatasetKind kind, String location, String runId, String stepId,
      Instant createdAt) {
    this(name, version, kind, location, runId, stepId, createdAt, null);
  }

  /** The delimiter to read a tabular version with. */
  public char delimiterOrDefault() {
    return delimiter == null ? DEFAULT_DELIMITER : delimiter;
  }
}

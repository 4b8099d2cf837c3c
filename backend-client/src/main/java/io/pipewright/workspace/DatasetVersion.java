package io.pipewright.workspace;

import java.time.Instant;

/**
 * A registered dataset version.
 *
 * @param location where the data is (a local path for the embedded workspace, a URI elsewhere)
 * @param runId the run whose step produced it, or null when registered by hand
 */
public record DatasetVersion(
    String name, int version, String kind, String location, String runId, String stepId, Instant createdAt) {}

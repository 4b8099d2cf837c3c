package io.pipewright.model;

import java.util.Objects;

/** A Spark application: an entry (Python, JAR or SQL) and its Spark settings. */
public record SparkStep(SparkEntry entry, SparkSettings settings) implements StepKind {
  public SparkStep {
    Objects.requireNonNull(entry, "entry");
    settings = settings == null ? SparkSettings.DEFAULTS : settings;
  }
}

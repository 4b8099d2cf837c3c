package io.pipewright.graph.model;

/** A run decoration of a node, set by the host. {@link #NONE} draws no decoration. */
public enum NodeStatus {
  NONE,
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  REUSED,
  SKIPPED,
  CANCELED
}

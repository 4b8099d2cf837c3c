package io.pipewright.graph.model;

/** What changed about a {@link GraphNode}, as reported to a {@link GraphChangeListener}. */
public enum NodeChange {
  /** x or y. */
  POSITION,
  /** width or height. */
  SIZE,
  TITLE,
  STATUS,
  BADGE,
  /** The progress fraction or its text. */
  PROGRESS,
  /** The detail line (a failure's cause, why it did not run). */
  DETAIL
}

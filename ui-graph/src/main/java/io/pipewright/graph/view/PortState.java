package io.pipewright.graph.view;

/** How a skin shows a port during a connect drag. */
public enum PortState {
  NORMAL,
  /** A legal target of the edge being dragged. */
  LEGAL,
  /** The validator refuses this target. */
  ILLEGAL,
  /** The legal target under the pointer. */
  HOVER
}

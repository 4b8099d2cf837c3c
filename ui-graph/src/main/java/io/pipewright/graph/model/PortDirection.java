package io.pipewright.graph.model;

/** Which side of a node a port is on: inputs on the left, outputs on the right. */
public enum PortDirection {
  INPUT,
  OUTPUT
}

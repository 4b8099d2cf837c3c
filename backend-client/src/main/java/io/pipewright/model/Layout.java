package io.pipewright.model;

import java.util.Map;
import java.util.TreeMap;

/** Where nodes sit on the canvas, by node id. Not part of a pipeline's meaning. */
public record Layout(Map<String, Position> nodes) {
  public static final Layout EMPTY = new Layout(Map.of());

  public Layout {
    nodes = java.util.Collections.unmodifiableMap(new TreeMap<>(nodes == null ? Map.of() : nodes));
  }

  public record Position(double x, double y) {}
}

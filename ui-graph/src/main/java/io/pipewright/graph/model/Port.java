package io.pipewright.graph.model;

import java.util.Objects;

/**
 * A typed connection point of a node. Immutable; identified by its id within its node.
 *
 * @param id stable id, unique among the ports of one node
 * @param name what the user reads next to the port
 * @param type a data type name that validators may compare; {@link #ANY} matches every type
 * @param direction input or output
 */
public record Port(String id, String name, String type, PortDirection direction) {
  /** The type that is compatible with every other type. */
  public static final String ANY = "*";

  public Port {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(direction, "direction");
  }

  public static Port input(String id, String type) {
    return new Port(id, id, type, PortDirection.INPUT);
  }

  public static Port output(String id, String type) {
    return new Port(id, id, type, PortDirection.OUTPUT);
  }

  public boolean isInput() {
    return direction == PortDirection.INPUT;
  }

  /** Whether data of this port's type may flow into {@code other} or the other way round. */
  public boolean typeCompatibleWith(Port other) {
    return ANY.equals(type) || ANY.equals(other.type) || type.equals(other.type);
  }
}

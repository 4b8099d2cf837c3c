package io.pipewright.model;

import java.util.Objects;

/** A named input of a step. A required input must have an edge into it. */
public record InputPort(String name, InputMode mode, boolean optional) {
  public InputPort {
    Objects.requireNonNull(name, "name");
    mode = mode == null ? InputMode.DIRECT : mode;
  }

  public static InputPort of(String name) {
    return new InputPort(name, InputMode.DIRECT, false);
  }
}

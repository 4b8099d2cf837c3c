package io.pipewright.model;

import java.util.Objects;

/** A pipeline parameter, referred to from step arguments as {@code {parameters.NAME}}. */
public record Parameter(String name, String defaultValue, String description) {
  public Parameter {
    Objects.requireNonNull(name, "name");
    defaultValue = defaultValue == null ? "" : defaultValue;
    description = description == null ? "" : description;
  }
}

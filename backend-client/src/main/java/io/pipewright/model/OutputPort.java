package io.pipewright.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A named output of a step: a directory the step writes. When {@code registerAs} is set, a
 * completed run registers the directory as a new version of that dataset.
 */
public record OutputPort(String name, String registerAs) {
  public OutputPort {
    Objects.requireNonNull(name, "name");
  }

  public static OutputPort of(String name) {
    return new OutputPort(name, null);
  }

  public Optional<String> registration() {
    return Optional.ofNullable(registerAs).filter(s -> !s.isBlank());
  }
}

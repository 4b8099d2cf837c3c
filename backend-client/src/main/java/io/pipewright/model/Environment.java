package io.pipewright.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a step needs around it: pip packages and environment variables. */
public record Environment(List<String> pipPackages, Map<String, String> variables) {
  public static final Environment EMPTY = new Environment(List.of(), Map.of());

  public Environment {
    pipPackages = List.copyOf(pipPackages == null ? List.of() : pipPackages);
    variables = java.util.Collections.unmodifiableMap(new TreeMap<>(variables == null ? Map.of() : variables));
  }
}

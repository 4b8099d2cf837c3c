package io.pipewright.azureml.yaml;

import java.util.Objects;

/** An import or export that could not be done at all; {@link #problem()} says why and where. */
public final class AmlYamlException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient AmlYamlProblem problem;

  public AmlYamlException(AmlYamlProblem problem) {
    super(problem.message());
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  public AmlYamlException(AmlYamlProblem problem, Throwable cause) {
    super(problem.message(), cause);
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  public AmlYamlProblem problem() {
    return problem;
  }
}

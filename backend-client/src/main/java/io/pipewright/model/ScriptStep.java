package io.pipewright.model;

import java.util.Objects;

/**
 * A command run in the step's source directory, such as {@code python3 train.py}. The step's
 * arguments follow the command.
 */
public record ScriptStep(String command) implements StepKind {
  public ScriptStep {
    Objects.requireNonNull(command, "command");
  }
}

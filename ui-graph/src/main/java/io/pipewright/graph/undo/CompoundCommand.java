package io.pipewright.graph.undo;

import java.util.List;
import java.util.Objects;

/** Several commands as one undo step: executed in order, undone in reverse order. */
public final class CompoundCommand implements Command {
  private final String description;
  private final List<Command> parts;

  public CompoundCommand(String description, List<? extends Command> parts) {
    this.description = Objects.requireNonNull(description, "description");
    this.parts = List.copyOf(parts);
  }

  public List<Command> parts() {
    return parts;
  }

  @Override
  public void execute() {
    for (Command c : parts) {
      c.execute();
    }
  }

  @Override
  public void undo() {
    for (int i = parts.size() - 1; i >= 0; i--) {
      parts.get(i).undo();
    }
  }

  @Override
  public String description() {
    return description;
  }
}

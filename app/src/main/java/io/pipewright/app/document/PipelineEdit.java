package io.pipewright.app.document;

import io.pipewright.graph.undo.Command;
import io.pipewright.model.Pipeline;
import java.util.Objects;

/**
 * An undoable change of the pipeline: the pipeline before and after. Pipelines are immutable
 * records that share their unchanged parts, so keeping both is cheap.
 */
final class PipelineEdit implements Command {
  private final PipelineDocument document;
  private final String description;
  private final Pipeline before;
  private final Pipeline after;

  PipelineEdit(PipelineDocument document, String description, Pipeline before, Pipeline after) {
    this.document = document;
    this.description = Objects.requireNonNull(description, "description");
    this.before = before;
    this.after = after;
  }

  @Override
  public void execute() {
    document.replace(after);
  }

  @Override
  public void undo() {
    document.replace(before);
  }

  @Override
  public String description() {
    return description;
  }
}

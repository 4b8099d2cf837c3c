package io.pipewright.graph.undo;

/**
 * One undoable edit. {@link #execute()} does it (and redoes it after an undo), {@link #undo()}
 * reverts it exactly. The description names it in the Edit menu ("Move 3 steps").
 */
public interface Command {
  void execute();

  void undo();

  String description();
}

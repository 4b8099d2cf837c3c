package io.pipewright.graph.undo;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * A bounded undo/redo history of {@link Command}s with a saved point. The dirty flag is true
 * whenever the current position differs from the saved one (including when the saved point fell
 * off the bounded stack or was discarded with the redo branch).
 *
 * <p>The canvas pushes its own edits here; a host pushes its own commands (property edits) onto
 * the same stack, so one Undo covers both.
 */
public final class UndoStack {
  private static final int UNREACHABLE = -1;

  private final int capacity;
  private final List<Command> commands = new ArrayList<>();
  /** Number of executed commands: commands[0..position) are undoable, the rest redoable. */
  private int position;
  private int savedPosition;
  private boolean busy;

  private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
  private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
  private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
  private final ReadOnlyStringWrapper undoDescription = new ReadOnlyStringWrapper(this, "undoDescription", "");
  private final ReadOnlyStringWrapper redoDescription = new ReadOnlyStringWrapper(this, "redoDescription", "");

  public UndoStack() {
    this(200);
  }

  public UndoStack(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.capacity = capacity;
  }

  /** Executes a command and makes it the next one to undo. */
  public void push(Command command) {
    guard();
    busy = true;
    try {
      command.execute();
    } finally {
      busy = false;
    }
    record(command);
  }

  /**
   * Records a command whose effect is already applied (a drag that moved nodes live), without
   * executing it again.
   */
  public void record(Command command) {
    guard();
    if (savedPosition > position) {
      savedPosition = UNREACHABLE;
    }
    commands.subList(position, commands.size()).clear();
    commands.add(command);
    position++;
    if (commands.size() > capacity) {
      commands.remove(0);
      position--;
      if (savedPosition != UNREACHABLE) {
        savedPosition--;
        if (savedPosition < 0) {
          savedPosition = UNREACHABLE;
        }
      }
    }
    update();
  }

  public void undo() {
    guard();
    if (position == 0) {
      return;
    }
    Command c = commands.get(position - 1);
    busy = true;
    try {
      c.undo();
    } finally {
      busy = false;
    }
    position--;
    update();
  }

  public void redo() {
    guard();
    if (position == commands.size()) {
      return;
    }
    Command c = commands.get(position);
    busy = true;
    try {
      c.execute();
    } finally {
      busy = false;
    }
    position++;
    update();
  }

  /** The current state is what is saved: the dirty flag clears. */
  public void markSaved() {
    savedPosition = position;
    update();
  }

  public void clear() {
    commands.clear();
    position = 0;
    savedPosition = 0;
    update();
  }

  public int capacity() {
    return capacity;
  }

  /** The number of commands that can be undone. */
  public int undoCount() {
    return position;
  }

  public int redoCount() {
    return commands.size() - position;
  }

  public ReadOnlyBooleanProperty dirtyProperty() {
    return dirty.getReadOnlyProperty();
  }

  public boolean isDirty() {
    return dirty.get();
  }

  public ReadOnlyBooleanProperty canUndoProperty() {
    return canUndo.getReadOnlyProperty();
  }

  public boolean canUndo() {
    return canUndo.get();
  }

  public ReadOnlyBooleanProperty canRedoProperty() {
    return canRedo.getReadOnlyProperty();
  }

  public boolean canRedo() {
    return canRedo.get();
  }

  /** "Move 3 steps" for the command Undo would revert, or "". */
  public ReadOnlyStringProperty undoDescriptionProperty() {
    return undoDescription.getReadOnlyProperty();
  }

  public String undoDescription() {
    return undoDescription.get();
  }

  public ReadOnlyStringProperty redoDescriptionProperty() {
    return redoDescription.getReadOnlyProperty();
  }

  public String redoDescription() {
    return redoDescription.get();
  }

  private void guard() {
    if (busy) {
      throw new IllegalStateException("A command may not change the undo stack while it runs");
    }
  }

  private void update() {
    canUndo.set(position > 0);
    canRedo.set(position < commands.size());
    undoDescription.set(position > 0 ? commands.get(position - 1).description() : "");
    redoDescription.set(position < commands.size() ? commands.get(position).description() : "");
    dirty.set(position != savedPosition);
  }
}

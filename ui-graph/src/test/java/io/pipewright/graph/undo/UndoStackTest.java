package io.pipewright.graph.undo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UndoStackTest {
  private final List<String> log = new ArrayList<>();

  private Command cmd(String name) {
    return new Command() {
      @Override
      public void execute() {
        log.add("do " + name);
      }

      @Override
      public void undo() {
        log.add("undo " + name);
      }

      @Override
      public String description() {
        return name;
      }
    };
  }

  @Test
  void undoRevertsTheLastCommandAndRedoReappliesIt() {
    UndoStack stack = new UndoStack();
    stack.push(cmd("a"));
    stack.undo();
    stack.redo();
    assertThat(log).containsExactly("do a", "undo a", "do a");
  }

  @Test
  void describesTheCommandsThatUndoAndRedoWouldRun() {
    UndoStack stack = new UndoStack();
    stack.push(cmd("Move 3 steps"));
    stack.push(cmd("Connect a → b"));
    stack.undo();
    assertThat(stack.undoDescription()).isEqualTo("Move 3 steps");
    assertThat(stack.redoDescription()).isEqualTo("Connect a → b");
  }

  @Test
  void compoundCommandUndoesItsPartsInReverseOrder() {
    UndoStack stack = new UndoStack();
    stack.push(new CompoundCommand("both", List.of(cmd("a"), cmd("b"))));
    stack.undo();
    assertThat(log).containsExactly("do a", "do b", "undo b", "undo a");
  }

  @Test
  void keepsOnlyTheNewestCommandsUpToItsCapacity() {
    UndoStack stack = new UndoStack(2);
    stack.push(cmd("a"));
    stack.push(cmd("b"));
    stack.push(cmd("c"));
    stack.undo();
    stack.undo();
    stack.undo();
    assertThat(log).containsExactly("do a", "do b", "do c", "undo c", "undo b");
  }

  @Test
  void savedPointClearsTheDirtyFlagAndUndoingPastItSetsIt() {
    UndoStack stack = new UndoStack();
    stack.push(cmd("a"));
    stack.markSaved();
    boolean cleanAfterSave = !stack.isDirty();
    stack.undo();
    assertThat(cleanAfterSave).isTrue();
    assertThat(stack.isDirty()).isTrue();
    stack.redo();
    assertThat(stack.isDirty()).isFalse();
  }

  @Test
  void savedPointOnADiscardedRedoBranchStaysDirtyForever() {
    UndoStack stack = new UndoStack();
    stack.push(cmd("a"));
    stack.markSaved();
    stack.undo();
    stack.push(cmd("b"));
    stack.undo();
    assertThat(stack.isDirty()).isTrue();
  }

  @Test
  void recordingAnAppliedCommandDoesNotExecuteItAgain() {
    UndoStack stack = new UndoStack();
    stack.record(cmd("a"));
    assertThat(log).isEmpty();
    assertThat(stack.canUndo()).isTrue();
  }
}

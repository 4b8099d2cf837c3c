package io.pipewright.app.designer;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.graph.undo.UndoStack;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** The main window's state: its title, the theme, and the actions that concern the whole document. */
public final class MainViewModel {
  private final AppContext context;
  private final BooleanProperty dark = new SimpleBooleanProperty(this, "dark", false);

  public MainViewModel(AppContext context) {
    this.context = context;
  }

  public AppContext context() {
    return context;
  }

  /** "• titanic.pipeline.json — Pipewright" while there are unsaved changes. */
  public StringBinding titleBinding() {
    // The selections are read in computeValue: a select binding that nobody reads invalidates once
    // and then stays silent, and the title would miss the next change of the dirty flag.
    BooleanBinding dirty = Bindings.selectBoolean(context.documentProperty(), "dirty");
    ObjectBinding<Object> file = Bindings.select(context.documentProperty(), "file");
    ObjectBinding<Object> pipeline = Bindings.select(context.documentProperty(), "pipeline");
    return Bindings.createStringBinding(() -> {
      file.get();
      pipeline.get();
      String name = context.document().displayNameBinding().get();
      return (dirty.get() ? "• " : "") + name + " — Pipewright";
    }, context.documentProperty(), dirty, file, pipeline);
  }

  public BooleanProperty darkProperty() {
    return dark;
  }

  public UndoStack undoStack() {
    return context.document().undoStack();
  }

  public void undo() {
    if (undoStack().canUndo()) {
      undoStack().undo();
    }
  }

  public void redo() {
    if (undoStack().canRedo()) {
      undoStack().redo();
    }
  }
}

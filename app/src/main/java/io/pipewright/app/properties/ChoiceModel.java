package io.pipewright.app.properties;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A choice of the property panel (a combo box or a check box): choosing another value is at once
 * one undoable edit; {@link #refresh()} shows the pipeline's value after an edit, undo or redo.
 */
public final class ChoiceModel<T> {
  private final String label;
  private final String pointer;
  private final Supplier<T> reader;
  private final Consumer<T> writer;
  private final ObservableList<T> items = FXCollections.observableArrayList();
  private final ObjectProperty<T> value = new SimpleObjectProperty<>(this, "value");
  private boolean refreshing;

  ChoiceModel(String label, String pointer, List<T> choices, Supplier<T> reader, Consumer<T> writer) {
    this.label = label;
    this.pointer = pointer;
    this.reader = reader;
    this.writer = writer;
    items.setAll(choices);
    value.set(reader.get());
    value.addListener((o, a, b) -> {
      if (!refreshing && b != null && !Objects.equals(b, reader.get())) {
        writer.accept(b);
        refresh();
      }
    });
  }

  public String label() {
    return label;
  }

  public String pointer() {
    return pointer;
  }

  public ObservableList<T> items() {
    return items;
  }

  /** The chosen value; setting it writes it into the pipeline. */
  public ObjectProperty<T> valueProperty() {
    return value;
  }

  public T value() {
    return value.get();
  }

  public void choose(T choice) {
    value.set(choice);
  }

  /** Replaces the choices without writing anything (the compute targets arrived). */
  void setItems(List<T> choices) {
    refreshing = true;
    try {
      // Replacing equal items would reset the control's selection while it may be in the middle of
      // handing over a choice (ComboBox fails with IndexOutOfBoundsException then): only on change.
      if (!items.equals(choices)) {
        items.setAll(choices);
        value.set(null);
      }
      value.set(reader.get());
    } finally {
      refreshing = false;
    }
  }

  public void refresh() {
    refreshing = true;
    try {
      value.set(reader.get());
    } finally {
      refreshing = false;
    }
  }
}

package io.pipewright.app.properties;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One text field of the property panel: what is typed, why it is wrong (checked as it is typed),
 * and the value in the pipeline. {@link #commit()} (Enter, focus leaving) writes a valid value as one
 * undoable edit; an invalid value is never written and stays in the field with its reason. When the
 * pipeline changes (an edit, an undo) {@link #refresh()} shows the new value, keeping what the user
 * is typing unless the pipeline's value of this very field changed.
 */
public final class FieldModel {
  private final String label;
  private final String pointer;
  private final Supplier<String> reader;
  private final Function<String, Optional<String>> validator;
  private final Consumer<String> writer;
  private final StringProperty text = new SimpleStringProperty(this, "text", "");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
  private String loaded;

  /**
   * @param pointer where the field is in the pipeline file, relative to its step, dataset or edge
   *     ({@code /spark/driverMemory}); used to focus it from the Problems tab
   * @param writer writes a valid, stripped value as one edit
   */
  FieldModel(String label, String pointer, Supplier<String> reader,
      Function<String, Optional<String>> validator, Consumer<String> writer) {
    this.label = label;
    this.pointer = pointer;
    this.reader = reader;
    this.validator = validator;
    this.writer = writer;
    this.loaded = Objects.requireNonNullElse(reader.get(), "");
    text.set(loaded);
    text.addListener((o, a, b) -> check());
    check();
  }

  public String label() {
    return label;
  }

  public String pointer() {
    return pointer;
  }

  /** What the field shows: the pipeline's value, or what the user is typing. */
  public StringProperty textProperty() {
    return text;
  }

  public String text() {
    return text.get();
  }

  /** Why the typed value cannot be written; empty when it can. */
  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public String error() {
    return error.get();
  }

  public boolean isValid() {
    return error.get().isEmpty();
  }

  /** Whether the field shows something other than the pipeline's value. */
  public boolean isEditing() {
    return !text.get().equals(loaded);
  }

  /**
   * Writes the typed value into the pipeline when it differs and is valid; {@code false} when it is
   * invalid (and stays in the field with its reason).
   */
  public boolean commit() {
    if (!isEditing()) {
      return isValid();
    }
    check();
    if (!isValid()) {
      return false;
    }
    String value = text.get().strip();
    if (value.equals(loaded)) {
      text.set(loaded);
      return true;
    }
    writer.accept(value);
    refresh();
    if (isEditing() && value.equals(text.get().strip())) {
      text.set(loaded); // the pipeline took it with other spacing, or refused the same value
    }
    return true;
  }

  /** Throws away what is typed (Escape). */
  public void revert() {
    text.set(loaded);
  }

  /** Shows the pipeline's value again when it changed (an edit, undo or redo). */
  public void refresh() {
    String now = Objects.requireNonNullElse(reader.get(), "");
    if (!now.equals(loaded) || !isEditing()) {
      loaded = now;
      text.set(now);
    }
    check();
  }

  /** Checks the typed value again (a value it depends on changed). */
  void recheck() {
    check();
  }

  private void check() {
    error.set(validator.apply(text.get()).orElse(""));
  }
}

package io.pipewright.app.properties;

import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The row under a key/value table where a new entry is typed (a Spark setting, an environment
 * variable). {@link #add()} writes it as one edit when both parts are valid and then empties the row;
 * an empty row is not an error.
 */
public final class PairInput {
  private final StringProperty key = new SimpleStringProperty(this, "key", "");
  private final StringProperty value = new SimpleStringProperty(this, "value", "");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
  private final BiFunction<String, String, Optional<String>> validator;
  private final BiConsumer<String, String> writer;

  PairInput(BiFunction<String, String, Optional<String>> validator, BiConsumer<String, String> writer) {
    this.validator = validator;
    this.writer = writer;
    key.addListener((o, a, b) -> check());
    value.addListener((o, a, b) -> check());
  }

  public StringProperty keyProperty() {
    return key;
  }

  public StringProperty valueProperty() {
    return value;
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public String error() {
    return error.get();
  }

  /** Adds the entry; {@code false} when nothing was typed or it is invalid (the reason is shown). */
  public boolean add() {
    if (key.get().isBlank() && value.get().isBlank()) {
      return false;
    }
    Optional<String> problem = validator.apply(key.get(), value.get());
    if (problem.isPresent()) {
      error.set(problem.get());
      return false;
    }
    writer.accept(key.get().strip(), value.get().strip());
    key.set("");
    value.set("");
    return true;
  }

  private void check() {
    if (key.get().isBlank() && value.get().isBlank()) {
      error.set("");
      return;
    }
    if (key.get().isBlank()) {
      error.set("");
      return; // still typing: a value first is fine, the key is asked for on Add
    }
    error.set(validator.apply(key.get(), value.get().isBlank() ? null : value.get())
        .orElse(""));
  }
}

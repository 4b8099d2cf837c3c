package io.pipewright.app.properties;

import io.pipewright.model.Step;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;

/**
 * The text of a SQL step's file, edited in the panel. The file is read in the background; edits are
 * kept by the document as the file's pending text ({@code PipelineDocument.editFile}): one undoable
 * command per commit (focus leaving the editor), written to disk by Save with the pipeline, so
 * Undo brings back older text and nothing reaches the disk that the user did not save.
 */
public final class SqlTextModel {
  private final EditContext ctx;
  private final Supplier<Step> step;
  private final Supplier<Optional<Path>> file;
  private final StringProperty text = new SimpleStringProperty(this, "text", "");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
  private final ReadOnlyBooleanWrapper editable = new ReadOnlyBooleanWrapper(this, "editable", false);
  private final ChangeListener<Map<Path, String>> pendingChanged = (o, a, b) -> refresh();
  /** The file this text belongs to, and what it held on disk when read (what the first undo restores). */
  private Path loadedFile;
  private String original;
  /** The text as the document has it; what is typed beyond it is committed on focus loss. */
  private String committed = "";
  private int generation;

  SqlTextModel(EditContext ctx, Supplier<Step> step, Supplier<Optional<Path>> file) {
    this.ctx = ctx;
    this.step = step;
    this.file = file;
    ctx.document.fileTextsProperty().addListener(pendingChanged);
    load();
  }

  public StringProperty textProperty() {
    return text;
  }

  /** Why the editor is read-only or what it shows ("prep.sql", "Reading prep.sql…"). */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty editableProperty() {
    return editable.getReadOnlyProperty();
  }

  public boolean isEditing() {
    return editable.get() && !text.get().equals(committed);
  }

  /** Keeps what is typed as the file's new text: one undoable edit. */
  public void commit() {
    if (!isEditing()) {
      return;
    }
    ctx.document.editFile("Edit SQL of " + step.get().name(), loadedFile, original, text.get());
    committed = text.get();
  }

  /** Shows the text again after an undo or redo, or reads another file when the entry changed. */
  void refresh() {
    Optional<Path> now = file.get();
    if (!now.equals(Optional.ofNullable(loadedFile))) {
      load();
      return;
    }
    if (loadedFile == null) {
      return;
    }
    Optional<String> pending = ctx.document.fileText(loadedFile);
    String documentText = pending.orElse(original);
    if (documentText != null && !documentText.equals(committed)) {
      committed = documentText;
      text.set(documentText);
    }
  }

  private void load() {
    int mine = ++generation;
    Optional<Path> path = file.get();
    loadedFile = path.orElse(null);
    original = null;
    editable.set(false);
    if (path.isEmpty()) {
      committed = "";
      text.set("");
      status.set(ctx.baseDirectory().isEmpty() ? "Save the pipeline first: its SQL file is found beside it"
          : "Name the SQL file first");
      return;
    }
    Path target = path.get();
    Optional<String> pending = ctx.document.fileText(target);
    if (pending.isPresent()) {
      original = pending.get();
      show(target, pending.get(), false);
      return;
    }
    status.set("Reading " + target.getFileName() + "…");
    ctx.executor.submit(() -> {
      try {
        return Files.readString(target, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        return null;
      }
    }, read -> {
      if (mine != generation) {
        return;
      }
      original = read == null ? "" : read;
      show(target, original, read == null);
    }, e -> {
      if (mine != generation) {
        return;
      }
      status.set("Cannot read " + target + ": " + e.getMessage());
    });
  }

  private void show(Path target, String content, boolean missing) {
    committed = ctx.document.fileText(target).orElse(content);
    text.set(committed);
    editable.set(true);
    status.set(target.getFileName() + (missing ? " (new file: Save creates it)" : "")
        + "  ·  changes are saved with the pipeline");
  }

  void dispose() {
    generation++;
    ctx.document.fileTextsProperty().removeListener(pendingChanged);
  }
}

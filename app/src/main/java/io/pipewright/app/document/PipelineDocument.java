package io.pipewright.app.document;

import io.pipewright.graph.model.GraphModel;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.undo.Command;
import io.pipewright.graph.undo.UndoStack;
import io.pipewright.io.AtomicFiles;
import io.pipewright.model.Layout;
import io.pipewright.model.Pipeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The pipeline being edited: the truth the canvas and the panels show. Every change is a command on
 * one undo stack, shared with the canvas's own gestures (move, connect, delete), so Ctrl+Z undoes
 * the last thing the user did, wherever they did it.
 *
 * <p>The semantic pipeline lives in {@link #pipelineProperty()}. Node positions live in the canvas
 * model while editing (a drag changes them live); {@link #snapshot()} joins the two, as the file
 * format keeps layout apart from semantics.
 */
public final class PipelineDocument {
  private final UndoStack undoStack = new UndoStack(500);
  private final GraphModel graph = new GraphModel();
  private final ObjectProperty<Pipeline> pipeline = new SimpleObjectProperty<>(this, "pipeline");
  private final ObjectProperty<Path> file = new SimpleObjectProperty<>(this, "file");
  private final ObjectProperty<Map<Path, String>> fileTexts = new SimpleObjectProperty<>(this, "fileTexts", Map.of());
  private final GraphBinding binding;

  public PipelineDocument(Pipeline initial, Path file) {
    this.pipeline.set(initial);
    this.file.set(file);
    this.binding = new GraphBinding(this);
    binding.show(initial);
  }

  public static PipelineDocument empty() {
    return new PipelineDocument(new Pipeline("pipeline", "Untitled pipeline", "", null, null, null,
        null, null, null), null);
  }

  public ReadOnlyObjectProperty<Pipeline> pipelineProperty() {
    return pipeline;
  }

  /** The semantics of the pipeline (its layout may be older than the canvas: see {@link #snapshot()}). */
  public Pipeline pipeline() {
    return pipeline.get();
  }

  /** The pipeline with the canvas's current node positions: what Save writes. */
  public Pipeline snapshot() {
    Pipeline p = pipeline.get();
    Map<String, Layout.Position> positions = new LinkedHashMap<>();
    for (GraphNode node : graph.nodes()) {
      positions.put(node.id(), new Layout.Position(Math.round(node.getX()), Math.round(node.getY())));
    }
    return new Pipeline(p.id(), p.name(), p.description(), p.parameters(), p.defaultCompute(),
        p.datasets(), p.steps(), p.edges(), new Layout(positions));
  }

  /**
   * Changes the pipeline as one undoable step named {@code description} ("Set driver memory of
   * Prepare data to 4g"). Does nothing when {@code change} returns an equal pipeline.
   */
  public void edit(String description, UnaryOperator<Pipeline> change) {
    Pipeline before = pipeline.get();
    Pipeline after = change.apply(before);
    if (after.equals(before)) {
      return;
    }
    undoStack.push(new PipelineEdit(this, description, before, after));
  }

  /**
   * Texts of files beside the pipeline (a SQL step's script) as edited in the designer, by absolute
   * path. They belong to the document like the pipeline: edits are undoable and Save writes them
   * with {@link #writeFileTexts}; until then the files on disk are untouched.
   */
  public ReadOnlyObjectProperty<Map<Path, String>> fileTextsProperty() {
    return fileTexts;
  }

  public Optional<String> fileText(Path path) {
    return Optional.ofNullable(fileTexts.get().get(path));
  }

  /**
   * Changes the text of a file as one undoable step; {@code original} is what the file held before
   * its first edit (what undo brings back, and Save then writes back).
   */
  public void editFile(String description, Path path, String original, String text) {
    Map<Path, String> before = new LinkedHashMap<>(fileTexts.get());
    before.putIfAbsent(path, original);
    if (text.equals(before.get(path))) {
      return;
    }
    Map<Path, String> after = new LinkedHashMap<>(before);
    after.put(path, text);
    Map<Path, String> undone = Map.copyOf(before);
    Map<Path, String> done = Map.copyOf(after);
    undoStack.push(new Command() {
      @Override
      public void execute() {
        fileTexts.set(done);
      }

      @Override
      public void undo() {
        fileTexts.set(undone);
      }

      @Override
      public String description() {
        return description;
      }
    });
  }

  /**
   * Brings back work autosaved before a crash as one undoable step: the pipeline and the edited texts
   * of its files. Undo goes back to what the files on disk hold.
   */
  public void recover(String description, Pipeline recovered, Map<Path, String> texts) {
    Pipeline before = pipeline.get();
    Map<Path, String> textsBefore = fileTexts.get();
    Map<Path, String> textsAfter = new LinkedHashMap<>(textsBefore);
    textsAfter.putAll(texts);
    Map<Path, String> done = Map.copyOf(textsAfter);
    undoStack.push(new Command() {
      @Override
      public void execute() {
        replace(recovered);
        fileTexts.set(done);
      }

      @Override
      public void undo() {
        replace(before);
        fileTexts.set(textsBefore);
      }

      @Override
      public String description() {
        return description;
      }
    });
  }

  /**
   * After Save As into another folder: the edited texts of files in {@code from} (the old folder)
   * now belong to the same files in {@code to}, where the save wrote them. Not an edit: the saved
   * files hold these texts.
   */
  public void moveFileTexts(Path from, Path to) {
    Map<Path, String> moved = new LinkedHashMap<>();
    fileTexts.get().forEach((path, text) -> moved.put(movedPath(path, from, to), text));
    fileTexts.set(Map.copyOf(moved));
  }

  /** {@code path} under {@code from} as the same path under {@code to}; others as they are. */
  public static Path movedPath(Path path, Path from, Path to) {
    Path p = path.toAbsolutePath().normalize();
    Path f = from.toAbsolutePath().normalize();
    return p.startsWith(f) ? to.toAbsolutePath().normalize().resolve(f.relativize(p)) : path;
  }

  /** Writes file texts (from {@link #fileTextsProperty()}), each replaced whole; off the FX thread. */
  public static void writeFileTexts(Map<Path, String> texts) throws IOException {
    for (Map.Entry<Path, String> e : texts.entrySet()) {
      Path target = e.getKey();
      if (Files.exists(target) && Files.readString(target, StandardCharsets.UTF_8).equals(e.getValue())) {
        continue;
      }
      AtomicFiles.writeString(target, e.getValue());
    }
  }

  /** Applies a pipeline from an edit or its undo, and shows it on the canvas. */
  void replace(Pipeline next) {
    pipeline.set(next);
    binding.show(next);
  }

  /** Applies a change that the canvas already made (its own command is on the stack). */
  void acceptFromCanvas(Pipeline next) {
    pipeline.set(next);
  }

  public GraphModel graph() {
    return graph;
  }

  public UndoStack undoStack() {
    return undoStack;
  }

  /** The same as {@link #undoStack()}, named for {@code Bindings.select}. */
  public UndoStack getUndoStack() {
    return undoStack;
  }

  public ObjectProperty<Path> fileProperty() {
    return file;
  }

  public Optional<Path> file() {
    return Optional.ofNullable(file.get());
  }

  public ReadOnlyBooleanProperty dirtyProperty() {
    return undoStack.dirtyProperty();
  }

  public boolean isDirty() {
    return undoStack.isDirty();
  }

  /** Records that what is shown is what {@code savedTo} now holds. */
  public void markSaved(Path savedTo) {
    file.set(savedTo);
    undoStack.markSaved();
  }

  /** The name shown in the title bar and in "save changes to …?". */
  public StringBinding displayNameBinding() {
    return Bindings.createStringBinding(() -> {
      Path f = file.get();
      return f == null ? pipeline.get().name() : f.getFileName().toString();
    }, file, pipeline);
  }
}

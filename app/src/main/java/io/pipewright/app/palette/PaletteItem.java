package io.pipewright.app.palette;

import io.pipewright.app.document.NodeKinds;
import io.pipewright.app.document.PipelineEdits;
import io.pipewright.model.DatasetKind;
import io.pipewright.model.DatasetNode;
import io.pipewright.model.DatasetSource;
import io.pipewright.model.Pipeline;
import io.pipewright.model.TabularFiles;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;
import javafx.scene.input.DataFormat;

/**
 * Something the palette offers: a step kind, a registered dataset (a version), the entry that asks
 * for a datastore path, or a file of a datastore. Each kind holds what placing it needs, typed;
 * {@link #key()} only names the item for a drag (the view model finds the item by it, never decodes it).
 */
public sealed interface PaletteItem {
  DataFormat DRAG_FORMAT = new DataFormat("application/x-pipewright-palette-item");
  String STEPS = "Steps";
  String DATASETS = "Registered datasets";
  String SOURCES = "Sources";
  String FILES = "Datastore files";

  /** What a drag carries: unique among the palette's items. */
  String key();

  /** The palette's section. */
  String group();

  String title();

  String detail();

  /** The kind of node it places ({@link NodeKinds}), for its icon. */
  String nodeKind();

  /** A step kind: places a new step of that kind. */
  record StepKind(String nodeKind, String detail) implements PaletteItem {
    public StepKind {
      Objects.requireNonNull(nodeKind, "nodeKind");
    }

    @Override
    public String key() {
      return "step:" + nodeKind;
    }

    @Override
    public String group() {
      return STEPS;
    }

    @Override
    public String title() {
      return NodeKinds.label(nodeKind);
    }
  }

  /** A version of a registered dataset: places a dataset node reading that version. */
  record RegisteredDataset(String name, int version, DatasetKind kind) implements PaletteItem {
    public RegisteredDataset {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(kind, "kind");
    }

    @Override
    public String key() {
      return "dataset:" + name + ":" + version;
    }

    @Override
    public String group() {
      return DATASETS;
    }

    @Override
    public String title() {
      return name;
    }

    @Override
    public String detail() {
      return "version " + version + " · " + kind.wireName();
    }

    @Override
    public String nodeKind() {
      return NodeKinds.DATASET;
    }
  }

  /** "Dataset from a datastore path…": asks for a file first, then places it as a {@link DatastoreFile}. */
  record DatastorePathPicker() implements PaletteItem {
    @Override
    public String key() {
      return "datastore-path";
    }

    @Override
    public String group() {
      return SOURCES;
    }

    @Override
    public String title() {
      return "Dataset from a datastore path…";
    }

    @Override
    public String detail() {
      return "pick a file in a datastore";
    }

    @Override
    public String nodeKind() {
      return NodeKinds.DATASET;
    }
  }

  /** A file of a datastore, read as a tabular dataset when it is delimited text ({@link TabularFiles}), else as a file. */
  record DatastoreFile(String datastore, String path) implements PaletteItem {
    public DatastoreFile {
      Objects.requireNonNull(datastore, "datastore");
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String key() {
      return "datastore:" + datastore + ":" + path;
    }

    @Override
    public String group() {
      return FILES;
    }

    /** The file's name, the last part of its path. */
    @Override
    public String title() {
      return path.substring(path.lastIndexOf('/') + 1);
    }

    @Override
    public String detail() {
      return datastore + ": " + path + " · " + kind().wireName();
    }

    @Override
    public String nodeKind() {
      return NodeKinds.DATASET;
    }

    public DatasetKind kind() {
      return TabularFiles.kindOf(path);
    }
  }

  static PaletteItem step(String nodeKind, String detail) {
    return new StepKind(nodeKind, detail);
  }

  static PaletteItem registered(String name, int version, DatasetKind kind) {
    return new RegisteredDataset(name, version, kind);
  }

  static PaletteItem datastorePath() {
    return new DatastorePathPicker();
  }

  static PaletteItem datastoreFile(String datastore, String path) {
    return new DatastoreFile(datastore, path);
  }

  /** Whether placing this item first needs the user to pick a path. */
  default boolean needsPath() {
    return this instanceof DatastorePathPicker;
  }

  /** Whether a search text matches (case-insensitive, on title, detail and group). */
  default boolean matches(String search) {
    if (search == null || search.isBlank()) {
      return true;
    }
    String needle = search.strip().toLowerCase(Locale.ROOT);
    return (title() + " " + detail() + " " + group()).toLowerCase(Locale.ROOT).contains(needle);
  }

  /** The edit that puts this item on the canvas at a model position, and its description. */
  default Placement placeAt(Pipeline p, double x, double y) {
    DatasetNode dataset;
    if (this instanceof StepKind s) {
      var step = PipelineEdits.newStep(p, s.nodeKind());
      return new Placement("Add " + step.name(), step.id(), PipelineEdits.addStep(step, x, y));
    } else if (this instanceof RegisteredDataset r) {
      dataset = PipelineEdits.newDataset(p, r.name(), r.kind(), new DatasetSource.Registered(r.name(), r.version()));
    } else if (this instanceof DatastoreFile f) {
      dataset = PipelineEdits.newDataset(p, f.title(), f.kind(), new DatasetSource.DatastorePath(f.datastore(), f.path()));
    } else {
      throw new IllegalStateException("pick a path first: " + title());
    }
    return new Placement("Add dataset " + dataset.name(), dataset.id(), PipelineEdits.addDataset(dataset, x, y));
  }

  /** What placing an item does: the undo description, the new node's id, the edit. */
  record Placement(String description, String nodeId, UnaryOperator<Pipeline> edit) {}
}

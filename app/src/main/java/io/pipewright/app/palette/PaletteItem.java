package io.pipewright.app.palette;

import io.pipewright.app.document.NodeKinds;
import io.pipewright.app.document.PipelineEdits;
import io.pipewright.model.DatasetKind;
import io.pipewright.model.DatasetNode;
import io.pipewright.model.DatasetSource;
import io.pipewright.model.Pipeline;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;
import javafx.scene.input.DataFormat;

/**
 * Something the palette offers: a step kind, a registered dataset (a version), or a dataset read
 * from a datastore path. {@link #key()} is what a drag carries.
 */
public record PaletteItem(String key, String group, String title, String detail, String nodeKind) {
  public static final DataFormat DRAG_FORMAT = new DataFormat("application/x-pipewright-palette-item");
  public static final String STEPS = "Steps";
  public static final String DATASETS = "Registered datasets";
  public static final String SOURCES = "Sources";
  public static final String FILES = "Datastore files";

  public PaletteItem {
    Objects.requireNonNull(key, "key");
  }

  public static PaletteItem step(String nodeKind, String detail) {
    return new PaletteItem("step:" + nodeKind, STEPS, NodeKinds.label(nodeKind), detail, nodeKind);
  }

  public static PaletteItem registered(String name, int version, String kind) {
    return new PaletteItem("dataset:" + name + ":" + version, DATASETS, name,
        "version " + version + " · " + kind, NodeKinds.DATASET);
  }

  public static PaletteItem datastorePath() {
    return new PaletteItem("datastore-path", SOURCES, "Dataset from a datastore path…",
        "pick a file in a datastore", NodeKinds.DATASET);
  }

  /** A file in a datastore, read as a tabular dataset when it is delimited text, else as a file. */
  public static PaletteItem datastoreFile(String datastore, String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return new PaletteItem("datastore:" + datastore + ":" + path, FILES, name,
        datastore + ": " + path + " · " + (tabular(path) ? "tabular" : "file"), NodeKinds.DATASET);
  }

  static boolean tabular(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    return lower.endsWith(".csv") || lower.endsWith(".tsv") || lower.endsWith(".txt");
  }

  /** Whether placing this item first needs the user to pick a path. */
  public boolean needsPath() {
    return key.equals("datastore-path");
  }

  /** Whether a search text matches (case-insensitive, on title, detail and group). */
  public boolean matches(String search) {
    if (search == null || search.isBlank()) {
      return true;
    }
    String needle = search.strip().toLowerCase(Locale.ROOT);
    return (title + " " + detail + " " + group).toLowerCase(Locale.ROOT).contains(needle);
  }

  /** The edit that puts this item on the canvas at a model position, and its description. */
  public Placement placeAt(Pipeline p, double x, double y) {
    if (key.startsWith("step:")) {
      var step = PipelineEdits.newStep(p, nodeKind);
      return new Placement("Add " + step.name(), step.id(), PipelineEdits.addStep(step, x, y));
    }
    DatasetNode dataset;
    if (key.startsWith("dataset:")) {
      String[] parts = key.split(":", 3);
      DatasetKind kind = detail.endsWith("file") ? DatasetKind.FILE : DatasetKind.TABULAR;
      dataset = PipelineEdits.newDataset(p, parts[1], kind,
          new DatasetSource.Registered(parts[1], Integer.valueOf(parts[2])));
    } else if (key.startsWith("datastore:")) {
      String[] parts = key.split(":", 3);
      String path = parts[2];
      dataset = PipelineEdits.newDataset(p, path.substring(path.lastIndexOf('/') + 1),
          tabular(path) ? DatasetKind.TABULAR : DatasetKind.FILE,
          new DatasetSource.DatastorePath(parts[1], path));
    } else {
      throw new IllegalStateException("pick a path first: " + key);
    }
    return new Placement("Add dataset " + dataset.name(), dataset.id(),
        PipelineEdits.addDataset(dataset, x, y));
  }

  /** What placing an item does: the undo description, the new node's id, the edit. */
  public record Placement(String description, String nodeId, UnaryOperator<Pipeline> edit) {}
}

package io.pipewright.app.palette;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.document.NodeKinds;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.app.document.ValidationContexts;
import io.pipewright.app.fx.DialogService;
import io.pipewright.workspace.DatasetVersion;
import io.pipewright.workspace.Datastore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Point2D;

/** The palette: step kinds, the workspace's registered datasets and datastore sources, searchable. */
public final class PaletteViewModel {
  static final int MAX_FILES = 200;
  /** Each datastore's directory, as the last refresh read them (datastores are few and rarely change). */
  private Map<String, Path> datastoreRoots = Map.of();
  /** The name of the workspace's default datastore, as the last refresh read it. */
  private String defaultDatastoreName;
  private final AppContext context;
  private final ObservableList<PaletteItem> items = FXCollections.observableArrayList();
  private final FilteredList<PaletteItem> shown = new FilteredList<>(items);
  private final StringProperty search = new SimpleStringProperty(this, "search", "");

  public PaletteViewModel(AppContext context) {
    this.context = context;
    search.addListener((o, a, b) -> shown.setPredicate(item -> item.matches(b)));
    items.setAll(fixedItems());
    context.workspaceProperty().addListener((o, a, b) -> refreshDatasets());
    refreshDatasets();
  }

  static List<PaletteItem> fixedItems() {
    return List.of(
        PaletteItem.step(NodeKinds.SPARK_SQL, "a SQL file run by Spark"),
        PaletteItem.step(NodeKinds.SPARK_PYTHON, "a PySpark script"),
        PaletteItem.step(NodeKinds.SPARK_JAR, "a JAR and its main class"),
        PaletteItem.step(NodeKinds.SCRIPT, "a command such as python3 train.py"),
        PaletteItem.datastorePath());
  }

  /** Reloads the registered datasets and the datastores' files from the workspace, in the background. */
  public void refreshDatasets() {
    context.workspace().ifPresent(ws -> context.executor().submit(() -> {
      List<PaletteItem> found = new ArrayList<>();
      for (DatasetVersion v : ws.datasets()) {
        found.add(PaletteItem.registered(v.name(), v.version(), v.kind().wireName()));
      }
      Map<String, Path> roots = new LinkedHashMap<>();
      String defaultName = null;
      for (Datastore store : ws.datastores()) {
        if (store.isDefault()) {
          defaultName = store.name();
        }
        Optional<Path> local = ValidationContexts.rootOf(store);
        if (local.isEmpty()) {
          continue; // not a folder of this machine: nothing to list or pick here
        }
        Path root = local.get();
        roots.put(store.name(), root.toAbsolutePath().normalize());
        for (String file : filesIn(root, MAX_FILES)) {
          found.add(PaletteItem.datastoreFile(store.name(), file));
        }
      }
      return new Found(found, roots, defaultName);
    }, this::showFound, e -> context.statusProperty().set("Could not list datasets: " + e.getMessage())));
  }

  /** What a refresh read: the palette items, each local datastore's directory, and the default datastore's name. */
  record Found(List<PaletteItem> items, Map<String, Path> datastoreRoots, String defaultDatastore) {}

  void showFound(Found found) {
    List<PaletteItem> next = new ArrayList<>(fixedItems());
    next.addAll(found.items());
    items.setAll(next);
    datastoreRoots = Map.copyOf(found.datastoreRoots());
    defaultDatastoreName = found.defaultDatastore();
  }

  /** Up to {@code max} files under a datastore, as relative paths with '/', hidden ones left out. */
  static List<String> filesIn(Path root, int max) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(root, 4)) {
      return walk.filter(Files::isRegularFile)
          .map(f -> root.relativize(f).toString().replace('\\', '/'))
          .filter(f -> !f.startsWith(".") && !f.contains("/."))
          .sorted().limit(max).toList();
    }
  }

  /**
   * The datastore and path of a file the user picked, when it lies inside a datastore (from the
   * datastore directories the last refresh read: no database access on the FX thread).
   */
  public Optional<PaletteItem> itemForPickedFile(Path picked) {
    Path file = picked.toAbsolutePath().normalize();
    for (Map.Entry<String, Path> store : datastoreRoots.entrySet()) {
      Path root = store.getValue();
      if (file.startsWith(root) && !file.equals(root)) {
        return Optional.of(PaletteItem.datastoreFile(store.getKey(),
            root.relativize(file).toString().replace('\\', '/')));
      }
    }
    return Optional.empty();
  }

  /** The directory of the default datastore (where "Dataset from a datastore path…" starts). */
  public Optional<Path> defaultDatastore() {
    return Optional.ofNullable(defaultDatastoreName).map(datastoreRoots::get);
  }

  public ObservableList<PaletteItem> shownItems() {
    return shown;
  }

  public StringProperty searchProperty() {
    return search;
  }

  public Optional<PaletteItem> item(String key) {
    return items.stream().filter(i -> i.key().equals(key)).findFirst();
  }

  /**
   * Places the item at a model position as one undoable edit and returns the new node's id. "Dataset
   * from a datastore path…" first asks for the file; nothing is placed when the user cancels or
   * picks a file outside every datastore (which is said).
   */
  public Optional<String> place(PaletteItem item, Point2D at) {
    PaletteItem chosen = item;
    if (item.needsPath()) {
      Optional<Path> picked = context.dialogs().chooseFileToOpen("Dataset from a datastore path",
          defaultDatastore().orElse(null), List.of(DialogService.FileFilter.ALL));
      if (picked.isEmpty()) {
        return Optional.empty();
      }
      Optional<PaletteItem> inStore = itemForPickedFile(picked.get());
      if (inStore.isEmpty()) {
        context.dialogs().showError("Not in a datastore", picked.get() + " is not inside a datastore of this "
            + "workspace. Pick a file under " + defaultDatastore().map(Path::toString).orElse("a datastore")
            + ", or copy it there first.");
        return Optional.empty();
      }
      chosen = inStore.get();
    }
    PipelineDocument document = context.document();
    PaletteItem.Placement placement = chosen.placeAt(document.pipeline(), at.getX(), at.getY());
    document.edit(placement.description(), placement.edit());
    return Optional.of(placement.nodeId());
  }
}

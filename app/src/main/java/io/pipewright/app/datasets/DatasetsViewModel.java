package io.pipewright.app.datasets;

import io.pipewright.app.context.AppContext;
import io.pipewright.model.DatasetKind;
import io.pipewright.workspace.DatasetVersion;
import io.pipewright.workspace.Datastore;
import io.pipewright.workspace.DatastoreEntry;
import io.pipewright.workspace.Workspace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Datasets tab: registered datasets with their versions, the datastores' folders (read a
 * folder at a time), and the preview of what is selected.
 */
public final class DatasetsViewModel {
  private final AppContext context;
  private final Runnable afterRegister;
  private final ObservableList<DatasetGroup> datasets = FXCollections.observableArrayList();
  private final ObservableList<Datastore> datastores = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
  private final PreviewViewModel preview;

  /** One dataset name and its versions, newest first. */
  public record DatasetGroup(String name, DatasetKind kind, List<DatasetVersion> versions) {
    public DatasetVersion latest() {
      return versions.get(0);
    }
  }

  /** @param afterRegister run after a dataset was registered (the palette reads its datasets again) */
  public DatasetsViewModel(AppContext context, Runnable afterRegister) {
    this.context = context;
    this.afterRegister = afterRegister;
    this.preview = new PreviewViewModel(context.executor());
    context.workspaceProperty().addListener((o, a, b) -> refresh());
    refresh();
  }

  /** Reads the datasets and datastores again, in the background. */
  public void refresh() {
    context.workspace().ifPresent(ws -> context.executor().submit(
        () -> new Listing(ws.datasets(), ws.datastores()), listing -> {
          datasets.setAll(group(listing.datasets));
          datastores.setAll(listing.datastores);
        }, e -> error.set("Could not list datasets: " + e.getMessage())));
  }

  private record Listing(List<DatasetVersion> datasets, List<Datastore> datastores) {}

  static List<DatasetGroup> group(List<DatasetVersion> versions) {
    Map<String, List<DatasetVersion>> byName = new LinkedHashMap<>();
    versions.stream().sorted(Comparator.comparing(DatasetVersion::name, String.CASE_INSENSITIVE_ORDER)
        .thenComparing(DatasetVersion::version, Comparator.reverseOrder()))
        .forEach(v -> byName.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(v));
    List<DatasetGroup> groups = new ArrayList<>();
    byName.forEach((name, list) -> groups.add(new DatasetGroup(name, list.get(0).kind(), List.copyOf(list))));
    return groups;
  }

  /** Lists a folder of a datastore in the background ({@code ""} for its root). */
  public void browse(String datastore, String folder, Consumer<List<DatastoreEntry>> onListed) {
    Optional<Workspace> workspace = context.workspace().map(w -> w);
    workspace.ifPresent(ws -> context.executor().submit(() -> ws.browse(datastore, folder), onListed,
        e -> error.set("Cannot list " + datastore + (folder.isEmpty() ? "" : "/" + folder) + ": " + e.getMessage())));
  }

  /** Shows the first rows of a registered version (tabular only). */
  public void preview(DatasetVersion version) {
    if (version.kind() != DatasetKind.TABULAR) {
      preview.clear(version.name() + " version " + version.version() + " is a file dataset: its files are used as"
          + " they are, so there are no rows to show. It is at " + version.location());
      return;
    }
    context.workspace().ifPresent(ws -> preview.load(version.name() + " version " + version.version(),
        () -> ws.previewDataset(version.name(), version.version(), Workspace.DEFAULT_PREVIEW_ROWS)));
  }

  /** Shows the first rows of a datastore file or folder, read as comma-separated text with a header. */
  public void preview(String datastore, DatastoreEntry entry) {
    context.workspace().ifPresent(ws -> preview.load(entry.path(), () -> ws.previewDatastorePath(datastore,
        entry.path(), DatasetVersion.DEFAULT_DELIMITER, Workspace.DEFAULT_PREVIEW_ROWS)));
  }

  /** A form to register {@code entry} of {@code datastore} as a dataset. */
  public RegisterDatasetViewModel register(String datastore, DatastoreEntry entry) {
    return new RegisterDatasetViewModel(context, datastore, entry, this::registered);
  }

  private void registered(DatasetVersion version) {
    refresh();
    afterRegister.run();
    context.statusProperty().set("Registered " + version.name() + " version " + version.version());
    preview(version);
  }

  public ObservableList<DatasetGroup> datasets() {
    return datasets;
  }

  public ObservableList<Datastore> datastores() {
    return datastores;
  }

  public PreviewViewModel previewModel() {
    return preview;
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }
}

package io.pipewright.app.palette;

import io.pipewright.app.designer.AppContext;
import io.pipewright.app.document.NodeKinds;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.workspace.DatasetVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Point2D;

/** The palette: step kinds, the workspace's registered datasets and datastore sources, searchable. */
public final class PaletteViewModel {
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

  /** Reloads the registered datasets from the workspace, in the background. */
  public void refreshDatasets() {
    context.workspace().ifPresent(ws -> context.executor().submit(ws::datasets, this::showDatasets,
        e -> context.statusProperty().set("Could not list datasets: " + e.getMessage())));
  }

  void showDatasets(List<DatasetVersion> versions) {
    List<PaletteItem> next = new ArrayList<>(fixedItems());
    for (DatasetVersion v : versions) {
      next.add(PaletteItem.registered(v.name(), v.version(), v.kind()));
    }
    items.setAll(next);
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

  /** Places the item at a model position as one undoable edit; returns the new node's id. */
  public String place(PaletteItem item, Point2D at) {
    PipelineDocument document = context.document();
    PaletteItem.Placement placement = item.placeAt(document.pipeline(), at.getX(), at.getY());
    document.edit(placement.description(), placement.edit());
    return placement.nodeId();
  }
}

package io.pipewright.app.datasets;

import io.pipewright.app.document.Icons;
import io.pipewright.app.document.NodeKinds;
import io.pipewright.app.fx.Forms;
import io.pipewright.model.DatasetKind;
import io.pipewright.workspace.Datastore;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/**
 * The Datasets tab: on the left the registered datasets with their versions and the datastores'
 * folders; on the right the first rows of what is selected, read in the background.
 */
public final class DatasetsView extends SplitPane {
  private final DatasetsViewModel viewModel;
  private final TreeView<BrowseItem> tree = new TreeView<>();
  private final TreeItem<BrowseItem> registered = new TreeItem<>(BrowseItem.section("Registered datasets"));
  private final TreeItem<BrowseItem> stores = new TreeItem<>(BrowseItem.section("Datastores"));
  private final TableView<List<String>> table;

  /** @param register opens the register dialog for a datastore file or folder */
  public DatasetsView(DatasetsViewModel viewModel, Consumer<BrowseItem> register) {
    this.viewModel = viewModel;
    setId("datasetsView");
    TreeItem<BrowseItem> root = new TreeItem<>(BrowseItem.section("root"));
    root.getChildren().setAll(List.of(registered, stores));
    registered.setExpanded(true);
    stores.setExpanded(true);
    tree.setRoot(root);
    tree.setShowRoot(false);
    tree.setId("datasetTree");
    tree.setCellFactory(t -> new ItemCell());
    viewModel.datasets().addListener((ListChangeListener<DatasetsViewModel.DatasetGroup>) c -> showDatasets());
    viewModel.datastores().addListener((ListChangeListener<Datastore>) c -> showDatastores());
    showDatasets();
    showDatastores();
    tree.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> selected(b == null ? null : b.getValue()));

    Button registerButton = new Button("Register as dataset…", new FontIcon(MaterialDesignD.DATABASE_PLUS));
    registerButton.setId("registerDataset");
    registerButton.disableProperty().bind(Bindings.createBooleanBinding(() -> {
      TreeItem<BrowseItem> item = tree.getSelectionModel().getSelectedItem();
      return item == null || !item.getValue().isRegistrable();
    }, tree.getSelectionModel().selectedItemProperty()));
    registerButton.setOnAction(e -> register.accept(tree.getSelectionModel().getSelectedItem().getValue()));
    Button refresh = new Button(null, new FontIcon(MaterialDesignR.REFRESH));
    io.pipewright.app.fx.Tips.install(refresh, "Read the datasets and datastores again");
    refresh.setOnAction(e -> viewModel.refresh());
    HBox leftBar = new HBox(6, registerButton, refresh);
    leftBar.getStyleClass().add("pane-toolbar");
    BorderPane left = new BorderPane(tree);
    left.setTop(leftBar);
    Label error = Forms.problemLabel(viewModel.errorProperty());
    left.setBottom(error);

    PreviewPane right = new PreviewPane(viewModel.previewModel(),
        "Select a tabular dataset or a .csv file of a datastore to see its first rows.");
    table = right.table();

    getItems().setAll(left, right);
    setDividerPositions(0.3);
    SplitPane.setResizableWithParent(left, false);
  }

  private void selected(BrowseItem item) {
    if (item == null) {
      return;
    }
    switch (item.type()) {
      case DATASET:
      case VERSION:
        viewModel.preview(item.version());
        break;
      case FILE:
        if (RegisterDatasetViewModel.looksTabular(item.entry().name())) {
          viewModel.preview(item.datastore(), item.entry());
        } else {
          viewModel.previewModel().clear(item.entry().path() + " is not delimited text (.csv, .tsv, .txt):"
              + " it can be registered as a file dataset.");
        }
        break;
      case FOLDER:
        viewModel.previewModel().clear("Folder " + item.entry().path() + ": register it as a dataset of its files,"
            + " or open it.");
        break;
      default:
        break;
    }
  }

  private void showDatasets() {
    registered.getChildren().clear();
    for (DatasetsViewModel.DatasetGroup g : viewModel.datasets()) {
      TreeItem<BrowseItem> item = new TreeItem<>(BrowseItem.dataset(g));
      for (var v : g.versions()) {
        item.getChildren().add(new TreeItem<>(BrowseItem.version(v)));
      }
      registered.getChildren().add(item);
    }
  }

  private void showDatastores() {
    stores.getChildren().clear();
    for (Datastore d : viewModel.datastores()) {
      TreeItem<BrowseItem> item = folder(BrowseItem.datastore(d.name()));
      stores.getChildren().add(item);
      if (d.isDefault()) {
        item.setExpanded(true);
      }
    }
  }

  /** A folder whose children are listed the first time it is opened. */
  private TreeItem<BrowseItem> folder(BrowseItem value) {
    TreeItem<BrowseItem> item = new TreeItem<>(value);
    TreeItem<BrowseItem> loading = new TreeItem<>(BrowseItem.section("Loading…"));
    item.getChildren().add(loading);
    boolean[] listed = {false};
    Runnable list = () -> {
      if (listed[0]) {
        return;
      }
      listed[0] = true;
      viewModel.browse(value.datastore(), value.entry().path(), entries -> {
        List<TreeItem<BrowseItem>> children = new java.util.ArrayList<>();
        for (var e : entries) {
          BrowseItem child = BrowseItem.entry(value.datastore(), e);
          children.add(e.folder() ? folder(child) : new TreeItem<>(child));
        }
        if (children.isEmpty()) {
          children.add(new TreeItem<>(BrowseItem.section("(empty)")));
        }
        item.getChildren().setAll(children);
      });
    };
    item.expandedProperty().addListener((o, a, open) -> {
      if (open) {
        list.run();
      }
    });
    if (item.isExpanded()) {
      list.run();
    }
    return item;
  }

  /** Selects the datastore file at {@code path} ("titanic/Titanic.csv"), opening folders on the way. */
  public void reveal(String datastore, String path) {
    for (TreeItem<BrowseItem> store : stores.getChildren()) {
      if (store.getValue().label().equals(datastore)) {
        store.setExpanded(true);
        revealIn(store, path);
      }
    }
  }

  private void revealIn(TreeItem<BrowseItem> folder, String path) {
    for (TreeItem<BrowseItem> child : folder.getChildren()) {
      BrowseItem v = child.getValue();
      if (v.entry() == null) {
        continue;
      }
      if (v.entry().path().equals(path)) {
        tree.getSelectionModel().select(child);
        tree.scrollTo(tree.getRow(child));
        return;
      }
      if (v.type() == BrowseItem.Type.FOLDER && path.startsWith(v.entry().path() + "/")) {
        child.setExpanded(true);
        revealIn(child, path);
      }
    }
  }

  public TreeView<BrowseItem> tree() {
    return tree;
  }

  public TableView<List<String>> table() {
    return table;
  }

  private static final class ItemCell extends TreeCell<BrowseItem> {
    @Override
    protected void updateItem(BrowseItem item, boolean empty) {
      super.updateItem(item, empty);
      if (empty || item == null) {
        setText(null);
        setGraphic(null);
        return;
      }
      switch (item.type()) {
        case DATASET:
          setText(item.label() + "  (" + item.group().kind().wireName() + ", " + item.group().versions().size()
              + (item.group().versions().size() == 1 ? " version)" : " versions)"));
          setGraphic(Icons.forKind(NodeKinds.DATASET));
          break;
        case VERSION:
          setText(item.label() + (item.version().runId() == null ? "" : "  · from run " + item.version().runId()));
          setGraphic(new FontIcon(item.version().kind() == DatasetKind.TABULAR
              ? MaterialDesignT.TABLE : MaterialDesignF.FILE_OUTLINE));
          break;
        case DATASTORE:
          setText(item.label());
          setGraphic(new FontIcon(MaterialDesignD.DATABASE));
          break;
        case FOLDER:
          setText(item.label());
          setGraphic(new FontIcon(MaterialDesignF.FOLDER_OUTLINE));
          break;
        case FILE:
          setText(item.label() + "  " + size(item.entry().size()));
          setGraphic(new FontIcon(RegisterDatasetViewModel.looksTabular(item.label())
              ? MaterialDesignF.FILE_DELIMITED_OUTLINE : MaterialDesignF.FILE_OUTLINE));
          break;
        default:
          setText(item.label());
          setGraphic(null);
      }
    }

    private static String size(long bytes) {
      if (bytes < 1024) {
        return bytes + " B";
      }
      if (bytes < 1024 * 1024) {
        return String.format("%.1f KB", bytes / 1024.0);
      }
      return String.format("%.1f MB", bytes / (1024.0 * 1024));
    }
  }
}

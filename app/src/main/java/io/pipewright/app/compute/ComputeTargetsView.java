package io.pipewright.app.compute;

import io.pipewright.workspace.ComputeKind;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

/** The Compute tab: the targets in a table, with Attach, Edit, Detach and Test connection. */
public final class ComputeTargetsView extends BorderPane {
  private final TableView<TargetRow> table = new TableView<>();

  /**
   * @param attach opens the attach dialog of a kind
   * @param edit opens the edit dialog of a target
   * @param linkedServices opens the linked services dialog
   */
  public ComputeTargetsView(ComputeTargetsViewModel viewModel, Consumer<ComputeKind> attach,
      Consumer<TargetRow> edit, Runnable linkedServices) {
    setId("computeTargets");
    MenuButton attachMenu = new MenuButton("Attach", new FontIcon(MaterialDesignP.PLUS));
    attachMenu.setId("attachMenu");
    for (ComputeKind kind : ComputeKind.all()) {
      if (kind.id().equals(ComputeKind.LOCAL_PROCESS)) {
        continue;
      }
      MenuItem item = new MenuItem(kind.label() + "…", ComputeIcons.forKind(kind.id()));
      item.setId("attach-" + kind.id());
      item.setOnAction(e -> attach.accept(kind));
      attachMenu.getItems().add(item);
    }
    Button editButton = new Button("Edit…", new FontIcon(MaterialDesignP.PENCIL));
    editButton.setId("editCompute");
    editButton.disableProperty().bind(viewModel.canEditBinding().not());
    editButton.setOnAction(e -> edit.accept(viewModel.selectedProperty().get()));
    Button detach = new Button("Detach", new FontIcon(MaterialDesignL.LINK_VARIANT_OFF));
    detach.setId("detachCompute");
    detach.disableProperty().bind(viewModel.canDetachBinding().not());
    io.pipewright.app.fx.Tips.install(detach, Bindings.when(viewModel.canDetachBinding())
        .then("Detach the selected target (asks first)").otherwise(viewModel.detachBlockedReasonBinding()));
    detach.setOnAction(e -> viewModel.detachSelected());
    Button test = new Button("Test connection", new FontIcon(MaterialDesignC.CONNECTION));
    test.setId("testSelected");
    test.disableProperty().bind(viewModel.selectedProperty().isNull());
    test.setOnAction(e -> viewModel.testSelected());
    Button links = new Button("Linked services…", new FontIcon(MaterialDesignL.LINK_VARIANT));
    links.setId("openLinkedServices");
    links.setOnAction(e -> linkedServices.run());
    Region grow = new Region();
    HBox.setHgrow(grow, Priority.ALWAYS);
    HBox bar = new HBox(6, attachMenu, editButton, detach, test, grow, links);
    bar.getStyleClass().add("pane-toolbar");
    bar.setAlignment(Pos.CENTER_LEFT);

    table.setId("computeTable");
    table.setItems(viewModel.rows());
    table.setPlaceholder(new Label("The workspace is opening…"));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    TableColumn<TargetRow, TargetRow> name = new TableColumn<>("Name");
    name.setCellValueFactory(c -> new javafx.beans.property.SimpleObjectProperty<>(c.getValue()));
    name.setCellFactory(c -> new TableCell<>() {
      @Override
      protected void updateItem(TargetRow r, boolean empty) {
        super.updateItem(r, empty);
        setText(empty || r == null ? null : r.name());
        setGraphic(empty || r == null ? null : ComputeIcons.forKind(r.target().kind()));
      }
    });
    name.setPrefWidth(180);
    TableColumn<TargetRow, String> kind = new TableColumn<>("Kind");
    kind.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().kindLabel()));
    kind.setPrefWidth(190);
    TableColumn<TargetRow, String> details = new TableColumn<>("Details");
    details.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().details()));
    details.setPrefWidth(360);
    TableColumn<TargetRow, ConnectionState> status = new TableColumn<>("Status");
    status.setCellValueFactory(c -> c.getValue().stateProperty());
    status.setCellFactory(c -> new StatusCell());
    status.setPrefWidth(320);
    table.getColumns().setAll(java.util.List.of(name, kind, details, status));
    table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> viewModel.selectedProperty().set(b));
    viewModel.selectedProperty().addListener((o, a, b) -> {
      if (table.getSelectionModel().getSelectedItem() != b) {
        if (b == null) {
          table.getSelectionModel().clearSelection();
        } else {
          table.getSelectionModel().select(b);
        }
      }
    });
    table.setRowFactory(t -> {
      TableRow<TargetRow> row = new TableRow<>();
      row.setOnMouseClicked(e -> {
        if (e.getClickCount() == 2 && !row.isEmpty() && viewModel.canEditBinding().get()) {
          edit.accept(row.getItem());
        }
      });
      return row;
    });
    table.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.DELETE && viewModel.canDetachBinding().get()) {
        viewModel.detachSelected();
      } else if (e.getCode() == KeyCode.ENTER && viewModel.canEditBinding().get()) {
        edit.accept(viewModel.selectedProperty().get());
      }
    });
    setTop(bar);
    setCenter(table);
  }

  public TableView<TargetRow> table() {
    return table;
  }

  /** The last test's outcome: an icon, a short word and the full message; details in the tooltip. */
  private static final class StatusCell extends TableCell<TargetRow, ConnectionState> {
    @Override
    protected void updateItem(ConnectionState s, boolean empty) {
      super.updateItem(s, empty);
      getStyleClass().removeAll("connection-ok", "connection-failed", "connection-later");
      if (empty || s == null) {
        setText(null);
        setGraphic(null);
        setTooltip(null);
        return;
      }
      switch (s.status()) {
        case OK:
          getStyleClass().add("connection-ok");
          setGraphic(new FontIcon(MaterialDesignC.CHECK_CIRCLE));
          break;
        case FAILED:
          getStyleClass().add("connection-failed");
          setGraphic(new FontIcon(MaterialDesignC.CLOSE_CIRCLE));
          break;
        case NOT_AVAILABLE_YET:
          getStyleClass().add("connection-later");
          setGraphic(new FontIcon(MaterialDesignI.INFORMATION_OUTLINE));
          break;
        case TESTING:
          javafx.scene.control.ProgressIndicator p = new javafx.scene.control.ProgressIndicator();
          p.setPrefSize(14, 14);
          setGraphic(p);
          break;
        default:
          setGraphic(null);
      }
      setText(s.message().isEmpty() ? s.shortText() : s.shortText() + ": " + s.message());
      String tip = s.message() + (s.details().isEmpty() ? "" : "\n" + String.join("\n", s.details()));
      setTooltip(tip.isBlank() ? null : new Tooltip(tip));
    }
  }
}

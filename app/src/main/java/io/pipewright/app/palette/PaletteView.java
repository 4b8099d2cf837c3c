package io.pipewright.app.palette;

import io.pipewright.app.document.Icons;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The palette on the left: a search field and the items, dragged onto the canvas or double-clicked. */
public final class PaletteView extends VBox {
  private final ListView<PaletteItem> list = new ListView<>();

  /** @param onActivate what double-click or Enter on an item does (place it in the middle of the canvas) */
  public PaletteView(PaletteViewModel viewModel, Consumer<PaletteItem> onActivate) {
    getStyleClass().add("palette");
    setSpacing(8);
    setPadding(new Insets(8));
    TextField search = new TextField();
    search.setPromptText("Search steps and datasets");
    search.textProperty().bindBidirectional(viewModel.searchProperty());
    search.setId("paletteSearch");

    list.setId("palette");
    list.setItems(viewModel.shownItems());
    list.setCellFactory(v -> new ItemCell());
    list.setOnMouseClicked(e -> {
      if (e.getClickCount() == 2 && list.getSelectionModel().getSelectedItem() != null) {
        onActivate.accept(list.getSelectionModel().getSelectedItem());
      }
    });
    list.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.ENTER && list.getSelectionModel().getSelectedItem() != null) {
        onActivate.accept(list.getSelectionModel().getSelectedItem());
      }
    });
    VBox.setVgrow(list, Priority.ALWAYS);
    Label title = new Label("Palette");
    title.getStyleClass().add("panel-title");
    getChildren().addAll(title, search, list);
  }

  private static final class ItemCell extends ListCell<PaletteItem> {
    private PaletteItem item;

    ItemCell() {
      // the cell takes the list's width and cuts long titles short ("…") instead of scrolling sideways
      setPrefWidth(0);
      setOnDragDetected(e -> {
        if (item == null) {
          return;
        }
        Dragboard board = startDragAndDrop(TransferMode.COPY);
        ClipboardContent content = new ClipboardContent();
        content.put(PaletteItem.DRAG_FORMAT, item.key());
        content.putString(item.title());
        board.setContent(content);
        e.consume();
      });
    }

    @Override
    protected void updateItem(PaletteItem value, boolean empty) {
      super.updateItem(value, empty);
      item = empty ? null : value;
      if (item == null) {
        setText(null);
        setGraphic(null);
        setTooltip(null);
        return;
      }
      Label title = new Label(item.title());
      title.getStyleClass().add("palette-title");
      Label detail = new Label(item.detail());
      detail.getStyleClass().add("palette-detail");
      VBox text = new VBox(1, title, detail);
      Label icon = new Label(null, Icons.forKind(item.nodeKind()));
      icon.setMinWidth(22);
      javafx.scene.layout.HBox row = new javafx.scene.layout.HBox(8, icon, text);
      row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
      setText(null);
      setGraphic(row);
      setTooltip(new javafx.scene.control.Tooltip("Drag onto the canvas, or double-click to add"));
    }
  }
}

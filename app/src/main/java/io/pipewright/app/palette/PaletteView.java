package io.pipewright.app.palette;

import io.pipewright.app.document.Icons;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** The palette on the left: a search field and the items, dragged onto the canvas or double-clicked. */
public final class PaletteView extends VBox {
  static final String HINT = "Drag onto the canvas, or double-click to add";
  private final ListView<PaletteItem> list = new ListView<>();
  private Tooltip tip;

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

  /**
   * One tooltip for all the cells, made when the pointer first comes over one: a tooltip is a popup
   * with a scene of its own, and one per cell, made with the cell, slowed the designer's start.
   */
  private Tooltip tip() {
    if (tip == null) {
      tip = new Tooltip(HINT);
    }
    return tip;
  }

  /**
   * A palette item: its icon, title and detail in nodes made once per cell, which a new item only
   * fills in (the list makes its cells before the window's first frame, and fills them again when
   * the workspace's datasets arrive).
   */
  private final class ItemCell extends ListCell<PaletteItem> {
    private final FontIcon icon = new FontIcon();
    private final Label title = new Label();
    private final Label detail = new Label();
    private final HBox row;
    private PaletteItem item;

    ItemCell() {
      // the cell takes the list's width and cuts long titles short ("…") instead of scrolling sideways
      setPrefWidth(0);
      icon.setIconSize(18);
      StackPane iconBox = new StackPane(icon); // a column as wide as the widest icon, without a label's skin
      iconBox.setAlignment(Pos.CENTER_LEFT);
      iconBox.setMinWidth(22);
      title.getStyleClass().add("palette-title");
      detail.getStyleClass().add("palette-detail");
      row = new HBox(8, iconBox, new VBox(1, title, detail));
      row.setAlignment(Pos.CENTER_LEFT);
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
      addEventHandler(MouseEvent.MOUSE_ENTERED, e -> {
        if (item != null && getTooltip() == null) {
          setTooltip(tip());
        }
      });
    }

    @Override
    protected void updateItem(PaletteItem value, boolean empty) {
      super.updateItem(value, empty);
      item = empty ? null : value;
      setText(null);
      if (item == null) {
        setGraphic(null);
        setTooltip(null);
        setAccessibleHelp(null);
        return;
      }
      icon.setIconCode(Icons.ikonOf(item.nodeKind()));
      icon.setIconColor(Icons.colorOf(item.nodeKind()));
      title.setText(item.title());
      detail.setText(item.detail());
      setGraphic(row);
      setTooltip(tip);
      setAccessibleHelp(HINT);
    }
  }
}

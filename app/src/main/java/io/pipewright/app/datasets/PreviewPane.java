package io.pipewright.app.datasets;

import io.pipewright.app.fx.Forms;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/**
 * The first rows of tabular data as a {@link PreviewViewModel} loads them: a bar saying what is
 * shown (or that it is loading), the error when it cannot be read, and a table with a row number
 * and one column per header field. Used by the Datasets tab and the output preview.
 */
public final class PreviewPane extends VBox {
  private final TableView<List<String>> table = new TableView<>();

  /** @param placeholder what the empty table says before anything is loaded */
  public PreviewPane(PreviewViewModel preview, String placeholder) {
    Label message = new Label();
    message.setId("previewMessage");
    message.getStyleClass().add("preview-message");
    message.textProperty().bind(preview.messageProperty());
    ProgressIndicator loading = new ProgressIndicator();
    loading.setId("previewLoading");
    loading.setPrefSize(18, 18);
    loading.setMaxSize(18, 18);
    loading.visibleProperty().bind(preview.loadingProperty());
    loading.managedProperty().bind(loading.visibleProperty());
    Label previewError = Forms.problemLabel(preview.errorProperty());
    previewError.setId("previewError");
    previewError.setWrapText(true);
    Region grow = new Region();
    HBox.setHgrow(grow, Priority.ALWAYS);
    HBox top = new HBox(8, new FontIcon(MaterialDesignT.TABLE_EYE), loading, message, grow);
    top.setAlignment(Pos.CENTER_LEFT);
    top.getStyleClass().add("pane-toolbar");
    table.setId("previewTable");
    table.setItems(preview.rows());
    Label empty = new Label(placeholder);
    empty.setWrapText(true);
    table.setPlaceholder(empty);
    preview.header().addListener((ListChangeListener<String>) c -> columns(preview.header()));
    columns(preview.header());
    StackPane tableBox = new StackPane(table);
    getChildren().addAll(top, previewError, tableBox);
    VBox.setVgrow(tableBox, Priority.ALWAYS);
  }

  public TableView<List<String>> table() {
    return table;
  }

  /** A column as wide as its name and its longest value among the first rows, within 70 to 300 px. */
  private double widthOf(String name, int index) {
    int longest = name.length() + 2;
    List<List<String>> rows = table.getItems();
    for (int r = 0, n = Math.min(rows.size(), 100); r < n; r++) {
      List<String> row = rows.get(r);
      if (index < row.size()) {
        longest = Math.max(longest, row.get(index).length());
      }
    }
    return Math.max(70, Math.min(300, longest * 7.5 + 24));
  }

  private void columns(List<String> header) {
    List<TableColumn<List<String>, String>> columns = new java.util.ArrayList<>();
    TableColumn<List<String>, String> number = new TableColumn<>("#");
    number.setCellFactory(c -> new TableCell<>() {
      @Override
      protected void updateItem(String value, boolean empty) {
        super.updateItem(value, empty);
        setText(empty ? null : Integer.toString(getIndex() + 1));
      }
    });
    number.setSortable(false);
    number.setPrefWidth(44);
    columns.add(number);
    for (int i = 0; i < header.size(); i++) {
      int index = i;
      TableColumn<List<String>, String> column = new TableColumn<>(header.get(i));
      column.setCellValueFactory(c -> new ReadOnlyStringWrapper(index < c.getValue().size() ? c.getValue().get(index) : ""));
      column.setPrefWidth(widthOf(header.get(i), index));
      columns.add(column);
    }
    table.getColumns().setAll(columns);
  }
}

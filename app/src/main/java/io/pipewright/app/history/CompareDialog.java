package io.pipewright.app.history;

import io.pipewright.workspace.RunSummary;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Two runs side by side: the run, its parameters, inputs, steps (status and duration with the
 * difference) and each step's settings as submitted. The rows that differ are highlighted; the rows
 * that are the same are hidden until "Show the same rows" is ticked.
 */
public final class CompareDialog extends Dialog<Void> {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  private final RunComparison comparison;
  private final ObservableList<RunComparison.Row> shown = FXCollections.observableArrayList();
  private final TableView<RunComparison.Row> table = new TableView<>(shown);
  private final CheckBox same = new CheckBox();

  public CompareDialog(RunComparison comparison) {
    this.comparison = comparison;
    RunSummary a = comparison.left().run();
    RunSummary b = comparison.right().run();
    setTitle("Compare runs");
    setResizable(true);
    getDialogPane().setId("compareDialog");
    io.pipewright.app.fx.AppStyle.style(getDialogPane());
    getDialogPane().getStyleClass().add("compare-dialog");
    getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);

    long differ = comparison.differences();
    long sameRows = comparison.rows().size() - differ;
    Label summary = new Label(differ == 0 ? "The two runs are the same in everything compared."
        : differ + (differ == 1 ? " difference" : " differences") + " between run " + a.runId() + " ("
            + when(a) + ") and run " + b.runId() + " (" + when(b) + ").");
    summary.setId("compareSummary");
    summary.setWrapText(true);
    summary.setMinWidth(0);
    same.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    same.setText("Show the same rows (" + sameRows + ")");
    same.setId("showSameRows");
    same.selectedProperty().addListener((o, was, now) -> fill());
    Region grow = new Region();
    HBox.setHgrow(grow, Priority.ALWAYS);
    HBox top = new HBox(10, summary, grow, same);
    top.setAlignment(Pos.CENTER_LEFT);

    table.setId("compareTable");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setPlaceholder(new Label("Nothing differs. Tick \"Show the same rows\" to see everything compared."));
    TableColumn<RunComparison.Row, String> section = new TableColumn<>("");
    section.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().section()));
    section.setCellFactory(c -> new TableCell<>() {
      @Override
      protected void updateItem(String value, boolean empty) {
        super.updateItem(value, empty);
        int i = getIndex();
        boolean first = !empty && value != null && (i == 0 || i > shown.size() - 1
            || i - 1 < 0 || !shown.get(i - 1).section().equals(value));
        setText(first ? value : null);
        getStyleClass().remove("compare-section");
        if (first) {
          getStyleClass().add("compare-section");
        }
      }
    });
    section.setPrefWidth(140);
    TableColumn<RunComparison.Row, String> what = column("", 230, RunComparison.Row::what);
    TableColumn<RunComparison.Row, String> left = column("Run " + a.runId(), 270, RunComparison.Row::left);
    TableColumn<RunComparison.Row, String> right = column("Run " + b.runId(), 270, RunComparison.Row::right);
    TableColumn<RunComparison.Row, String> difference = column("Difference", 90, RunComparison.Row::difference);
    table.getColumns().setAll(List.of(section, what, left, right, difference));
    table.setRowFactory(t -> new TableRow<>() {
      @Override
      protected void updateItem(RunComparison.Row row, boolean empty) {
        super.updateItem(row, empty);
        getStyleClass().remove("compare-differs");
        if (!empty && row != null && !row.same()) {
          getStyleClass().add("compare-differs");
        }
      }
    });
    VBox.setVgrow(table, Priority.ALWAYS);
    VBox content = new VBox(8, top, table);
    content.setPadding(new Insets(6, 4, 0, 4));
    content.setPrefSize(1040, 560);
    getDialogPane().setContent(content);
    getDialogPane().setPrefSize(1080, 660);
    getDialogPane().setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    setOnShown(e -> {
      // the window is sized before the table's columns ask for their width
      if (getWidth() < 1000) {
        setWidth(1080);
      }
    });
    fill();
  }

  private void fill() {
    shown.setAll(same.isSelected() ? comparison.rows()
        : comparison.rows().stream().filter(r -> !r.same()).toList());
  }

  public TableView<RunComparison.Row> table() {
    return table;
  }

  private static String when(RunSummary r) {
    return WHEN.format(r.startedAt() != null ? r.startedAt() : r.createdAt());
  }

  private static TableColumn<RunComparison.Row, String> column(String title, double width,
      java.util.function.Function<RunComparison.Row, String> text) {
    TableColumn<RunComparison.Row, String> c = new TableColumn<>(title);
    c.setCellValueFactory(f -> new ReadOnlyStringWrapper(text.apply(f.getValue())));
    c.setCellFactory(col -> new TableCell<>() {
      @Override
      protected void updateItem(String value, boolean empty) {
        super.updateItem(value, empty);
        setText(empty ? null : value == null ? "—" : value);
        setTooltip(empty || value == null || value.length() < 30 ? null : new Tooltip(value));
      }
    });
    c.setPrefWidth(width);
    return c;
  }
}

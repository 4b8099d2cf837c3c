package io.pipewright.app.run;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;

/**
 * The Runs tab: the child jobs of the current (or last) run, one row per step with its status,
 * start, duration, why it was or was not reused and the engine's message. Selecting a row hands its
 * step to {@code onSelect} (the window selects it on the canvas, which shows its log).
 */
public final class RunsView extends BorderPane {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private final TableView<StepRunState> table = new TableView<>();
  private final Label header = new Label();
  // Rows follow their step: a change of status, message, reuse or duration updates the row.
  private final ObservableList<StepRunState> rows = FXCollections.observableArrayList(s -> new Observable[] {
      s.statusProperty(), s.messageProperty(), s.reuseProperty(), s.startedAtProperty(), s.durationProperty()});

  public RunsView(RunViewModel viewModel, Consumer<String> onSelect) {
    setId("runsView");
    getStyleClass().add("runs-view");
    table.setId("runsTable");
    table.setItems(rows);
    table.setPlaceholder(new Label("No run yet. Press F5 to run the pipeline."));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

    TableColumn<StepRunState, StepRunState> status = new TableColumn<>("Status");
    status.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
    status.setCellFactory(c -> new TableCell<>() {
      @Override
      protected void updateItem(StepRunState state, boolean empty) {
        super.updateItem(state, empty);
        if (empty || state == null) {
          setGraphic(null);
          setText(null);
          return;
        }
        setGraphic(RunStatusLook.iconOf(state));
        setText(state.isSkipped() ? "Not run" : state.status().label());
      }
    });
    status.setPrefWidth(120);
    TableColumn<StepRunState, String> step = new TableColumn<>("Step");
    step.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
    step.setPrefWidth(170);
    TableColumn<StepRunState, String> started = new TableColumn<>("Started");
    started.setCellValueFactory(c -> new ReadOnlyStringWrapper(time(c.getValue().startedAtProperty().get())));
    started.setPrefWidth(80);
    TableColumn<StepRunState, String> duration = new TableColumn<>("Duration");
    duration.setCellValueFactory(c -> new ReadOnlyStringWrapper(Durations.format(c.getValue().duration())));
    duration.setPrefWidth(90);
    TableColumn<StepRunState, String> reuse = new TableColumn<>("Reuse");
    reuse.setCellValueFactory(c -> new ReadOnlyStringWrapper(reuseOf(c.getValue())));
    reuse.setPrefWidth(300);
    TableColumn<StepRunState, String> message = new TableColumn<>("Message");
    message.setCellValueFactory(c -> new ReadOnlyStringWrapper(messageOf(c.getValue())));
    message.setPrefWidth(400);
    table.getColumns().setAll(java.util.List.of(status, step, started, duration, reuse, message));
    table.setRowFactory(t -> new TableRow<>() {
      @Override
      protected void updateItem(StepRunState state, boolean empty) {
        super.updateItem(state, empty);
        String m = empty || state == null ? null : messageOf(state);
        setTooltip(m == null || m.isEmpty() ? null : new Tooltip(state.name() + ": " + state.describe()));
      }
    });
    table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
      if (b != null) {
        onSelect.accept(b.stepId());
      }
    });

    header.setId("runHeader");
    header.getStyleClass().add("run-header");
    header.setPadding(new Insets(4, 8, 4, 8));
    header.setMaxWidth(Double.MAX_VALUE);
    setTop(header);
    setCenter(table);

    viewModel.monitorProperty().addListener((o, a, m) -> show(m, viewModel));
    show(viewModel.monitor(), viewModel);
  }

  private void show(RunMonitor monitor, RunViewModel viewModel) {
    rows.setAll(monitor == null ? java.util.List.of() : monitor.steps());
    header.textProperty().unbind();
    header.setVisible(monitor != null);
    header.setManaged(monitor != null);
    if (monitor != null) {
      header.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
        String line = "Run " + monitor.runId() + " · " + viewModel.runLineProperty().get();
        String why = monitor.messageProperty().get();
        return why == null || monitor.status() == io.pipewright.workspace.RunStatus.COMPLETED ? line : line + " — " + why;
      }, viewModel.runLineProperty(), monitor.messageProperty(), monitor.statusProperty()));
    }
  }

  /** Selects the row of a step (the canvas selection changed), without reporting it back. */
  public void selectStep(String stepId) {
    for (StepRunState s : rows) {
      if (s.stepId().equals(stepId)) {
        if (table.getSelectionModel().getSelectedItem() != s) {
          table.getSelectionModel().select(s);
        }
        return;
      }
    }
  }

  public TableView<StepRunState> table() {
    return table;
  }

  static String reuseOf(StepRunState s) {
    String reuse = s.reuse();
    if (s.status() == io.pipewright.workspace.RunStatus.REUSED && s.message() != null) {
      return s.message().startsWith("reused") ? s.message() : "reused: " + s.message();
    }
    return reuse == null ? "" : reuse;
  }

  static String messageOf(StepRunState s) {
    switch (s.status()) {
      case REUSED:
        return "";
      case RUNNING:
        return s.message() == null ? "" : "on " + s.message();
      default:
        return s.message() == null ? "" : s.message();
    }
  }

  private static String time(Instant at) {
    return at == null ? "" : CLOCK.format(at);
  }
}

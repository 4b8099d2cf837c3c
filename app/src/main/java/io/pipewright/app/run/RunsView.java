package io.pipewright.app.run;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import io.pipewright.workspace.RunStatus;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
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
  /** "Open in Azure ML Studio" when the run went to a service with a web page of its own. */
  private final javafx.scene.control.Hyperlink studio = new javafx.scene.control.Hyperlink("Open in Azure ML Studio");
  /** The run shown, whose message the link follows. */
  private RunMonitor shown;
  private final javafx.beans.value.ChangeListener<String> messageChanged = (o, a, message) -> showLink(message);
  private static final java.util.regex.Pattern LINK = java.util.regex.Pattern.compile("https://\\S+");
  private final ObservableList<StepRunState> rows = FXCollections.observableArrayList();

  public RunsView(RunViewModel viewModel, Consumer<String> onSelect) {
    this(viewModel, onSelect, url -> {});
  }

  /** @param openLink opens a web page (the run's Studio page) in the browser */
  public RunsView(RunViewModel viewModel, Consumer<String> onSelect, Consumer<String> openLink) {
    setId("runsView");
    getStyleClass().add("runs-view");
    table.setId("runsTable");
    table.setItems(rows);
    table.setPlaceholder(new Label("No run yet. Press F5 to run the pipeline."));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

    // Each cell observes its step's properties: the row changes as the step does.
    TableColumn<StepRunState, RunStatusLook> status = new TableColumn<>("Status");
    status.setCellValueFactory(c -> Bindings.createObjectBinding(() -> RunStatusLook.of(c.getValue()),
        c.getValue().statusProperty(), c.getValue().messageProperty()));
    status.setCellFactory(c -> new TableCell<>() {
      @Override
      protected void updateItem(RunStatusLook look, boolean empty) {
        super.updateItem(look, empty);
        setGraphic(empty || look == null ? null : look.icon());
        setText(empty || look == null ? null : look.label());
      }
    });
    status.setPrefWidth(120);
    TableColumn<StepRunState, String> step = new TableColumn<>("Step");
    step.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
    step.setPrefWidth(170);
    TableColumn<StepRunState, String> compute = new TableColumn<>("Compute");
    compute.setCellValueFactory(c -> c.getValue().computeProperty());
    compute.setPrefWidth(110);
    TableColumn<StepRunState, String> started = new TableColumn<>("Started");
    started.setCellValueFactory(c -> Bindings.createStringBinding(() -> time(c.getValue().startedAtProperty().get()),
        c.getValue().startedAtProperty()));
    started.setPrefWidth(80);
    TableColumn<StepRunState, String> duration = new TableColumn<>("Duration");
    duration.setCellValueFactory(c -> Bindings.createStringBinding(() -> Durations.format(c.getValue().duration()),
        c.getValue().durationProperty()));
    duration.setPrefWidth(90);
    TableColumn<StepRunState, String> reuse = new TableColumn<>("Reuse");
    reuse.setCellValueFactory(c -> Bindings.createStringBinding(() -> reuseOf(c.getValue()),
        c.getValue().statusProperty(), c.getValue().messageProperty(), c.getValue().reuseProperty()));
    reuse.setCellFactory(c -> textWithTooltip());
    reuse.setPrefWidth(300);
    TableColumn<StepRunState, String> message = new TableColumn<>("Message");
    message.setCellValueFactory(c -> Bindings.createStringBinding(() -> messageOf(c.getValue()),
        c.getValue().statusProperty(), c.getValue().messageProperty()));
    message.setCellFactory(c -> textWithTooltip());
    message.setPrefWidth(400);
    table.getColumns().setAll(java.util.List.of(status, step, compute, started, duration, reuse, message));
    table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
      if (b != null) {
        onSelect.accept(b.stepId());
      }
    });

    header.setId("runHeader");
    header.getStyleClass().add("run-header");
    header.setPadding(new Insets(4, 8, 4, 8));
    header.setMaxWidth(Double.MAX_VALUE);
    header.setMinWidth(0);
    studio.setId("studioLink");
    studio.setOnAction(e -> {
      if (studio.getUserData() instanceof String url) {
        openLink.accept(url);
      }
    });
    studio.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    showLink(null);
    javafx.scene.layout.HBox top = new javafx.scene.layout.HBox(8, header, studio);
    top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    javafx.scene.layout.HBox.setHgrow(header, javafx.scene.layout.Priority.ALWAYS);
    setTop(top);
    setCenter(table);

    viewModel.monitorProperty().addListener((o, a, m) -> show(m, viewModel));
    show(viewModel.monitor(), viewModel);
  }

  private void show(RunMonitor monitor, RunViewModel viewModel) {
    rows.setAll(monitor == null ? java.util.List.of() : monitor.steps());
    header.textProperty().unbind();
    header.setVisible(monitor != null);
    header.setManaged(monitor != null);
    if (shown != null) {
      shown.messageProperty().removeListener(messageChanged);
    }
    shown = monitor;
    showLink(monitor == null ? null : monitor.messageProperty().get());
    if (monitor != null) {
      monitor.messageProperty().addListener(messageChanged);
      header.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
        String line = "Run " + monitor.runId() + " · " + viewModel.runLineProperty().get();
        String why = monitor.messageProperty().get();
        return why == null || monitor.status() == io.pipewright.workspace.RunStatus.COMPLETED ? line : line + " — " + why;
      }, viewModel.runLineProperty(), monitor.messageProperty(), monitor.statusProperty()));
    }
  }

  /** Shows the link to the first web page a run's message names (its Studio page), or hides it. */
  private void showLink(String message) {
    java.util.regex.Matcher m = message == null ? null : LINK.matcher(message);
    String url = m != null && m.find() ? m.group().replaceAll("[).,;]+$", "") : null;
    studio.setUserData(url);
    studio.setVisible(url != null);
    studio.setManaged(url != null);
    if (url != null) {
      studio.setTooltip(new javafx.scene.control.Tooltip(url));
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

  /** A text cell whose full text is in a tooltip (messages are often longer than the column). */
  private static TableCell<StepRunState, String> textWithTooltip() {
    return new TableCell<>() {
      @Override
      protected void updateItem(String value, boolean empty) {
        super.updateItem(value, empty);
        setText(empty ? null : value);
        setTooltip(empty || value == null || value.isEmpty() ? null : new Tooltip(value));
      }
    };
  }

  private static String time(Instant at) {
    return at == null ? "" : CLOCK.format(at);
  }
}

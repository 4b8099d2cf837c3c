package io.pipewright.app.history;

import io.pipewright.app.run.Durations;
import io.pipewright.app.run.RunMonitor;
import io.pipewright.app.run.RunStatusLook;
import io.pipewright.app.run.RunViewModel;
import io.pipewright.app.run.StepRunState;
import io.pipewright.workspace.RunStatus;
import io.pipewright.workspace.RunSummary;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * The Runs tab: the run history on the left (experiments, search, status filter, every run newest
 * first, read page by page as it scrolls), the selected run on the right (its steps, their
 * timeline, the selected step's details) with its reruns. Enter or a double-click opens a run
 * read-only on the canvas; two runs selected (Ctrl+click) can be compared.
 */
public final class RunsView extends BorderPane {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
  private static final Pattern LINK = Pattern.compile("https://\\S+");

  /** What the view asks of the window: open a run, compare two, show a step. */
  public interface Actions extends StepDetailsView.Actions {
    void open(RunSummary run);

    void compare(RunSummary left, RunSummary right);

    /** A step row was selected (the window selects it on the canvas that shows its run). */
    void stepSelected(RunSummary run, StepRunState step);

    void openLink(String url);
  }

  private final RunHistoryViewModel history;
  private final SelectedRunViewModel selected;
  private final RunViewModel runs;
  private final Actions actions;
  private final TableView<RunRow> runTable = new TableView<>();
  private final TableView<StepRunState> stepTable = new TableView<>();
  private final TextField search = new TextField();
  private final Label header = new Label();
  private final Hyperlink studio = new Hyperlink("Open in Azure ML Studio");
  private final TimelineView timeline;
  private final ChangeListener<Object> headerChanged = (o, a, b) -> updateHeader();
  private RunMonitor headerMonitor;
  private boolean selectingStep;

  public RunsView(RunHistoryViewModel history, SelectedRunViewModel selected, RunViewModel runs, Actions actions,
      io.pipewright.app.fx.TaskExecutor executor) {
    this.history = history;
    this.selected = selected;
    this.runs = runs;
    this.actions = actions;
    this.timeline = new TimelineView(selected.steps(), executor);
    setId("runsView");
    getStyleClass().add("runs-view");

    SplitPane split = new SplitPane(historyPane(), selectedPane());
    split.setOrientation(Orientation.HORIZONTAL);
    split.setDividerPositions(0.40);
    split.getStyleClass().add("runs-split");
    setCenter(split);

    addEventFilter(KeyEvent.KEY_PRESSED, e -> {
      if (new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN).match(e)) {
        search.requestFocus();
        search.selectAll();
        e.consume();
      } else if (new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN).match(e)) {
        refresh();
        e.consume();
      }
    });
  }

  // ------------------------------------------------------------------ the history

  private Region historyPane() {
    ComboBox<ExperimentChoice> experiment = new ComboBox<>(history.experiments());
    experiment.setId("experimentChoice");
    experiment.valueProperty().bindBidirectional(history.experimentProperty());
    experiment.setPromptText("All experiments");
    experiment.setTooltip(new Tooltip("The experiment whose runs are listed"));
    experiment.setMaxWidth(220);
    experiment.setMinWidth(175);
    experiment.setPrefWidth(215);

    search.setId("runSearch");
    search.setPromptText("Search runs (Ctrl+F)");
    search.textProperty().bindBidirectional(history.searchProperty());
    search.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.ESCAPE && !search.getText().isEmpty()) {
        search.clear();
        e.consume();
      } else if (e.getCode() == KeyCode.DOWN || e.getCode() == KeyCode.ENTER) {
        runTable.requestFocus();
        if (runTable.getSelectionModel().isEmpty() && !runTable.getItems().isEmpty()) {
          runTable.getSelectionModel().select(0);
        }
        e.consume();
      }
    });
    search.setMinWidth(100);
    HBox.setHgrow(search, Priority.ALWAYS);

    ComboBox<StatusFilter> status = new ComboBox<>();
    status.getItems().setAll(StatusFilter.values());
    status.setId("statusFilter");
    status.valueProperty().bindBidirectional(history.statusProperty());
    status.setMinWidth(Region.USE_PREF_SIZE);

    Button refresh = iconButton(MaterialDesignR.REFRESH, "Read the history again (Ctrl+R)", this::refresh);
    refresh.setId("refreshRuns");

    HBox filters = new HBox(6, experiment, search, status, refresh);
    filters.setAlignment(Pos.CENTER_LEFT);
    filters.getStyleClass().add("runs-toolbar");

    runTable.setId("runHistoryTable");
    runTable.setItems(history.rows());
    runTable.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    runTable.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
    runTable.setFixedCellSize(24);
    Label placeholder = new Label();
    placeholder.textProperty().bind(Bindings.createStringBinding(() -> {
      if (!history.problemProperty().get().isEmpty()) {
        return history.problemProperty().get();
      }
      if (history.loadingProperty().get()) {
        return "Reading the history…";
      }
      boolean filtered = !history.searchProperty().get().isBlank() || history.statusProperty().get() != StatusFilter.ALL;
      return filtered ? "No run matches." : "No run yet. Press F5 to run the pipeline.";
    }, history.problemProperty(), history.loadingProperty(), history.searchProperty(), history.statusProperty()));
    placeholder.getStyleClass().add("history-placeholder");
    runTable.setPlaceholder(placeholder);
    runTable.getColumns().setAll(List.of(
        statusColumn(),
        column("Started", 146, r -> r.startedAt() == null ? WHEN.format(r.createdAt()) : WHEN.format(r.startedAt())),
        column("Duration", 78, r -> r.duration().map(Durations::format).orElse("")),
        column("Experiment", 110, RunSummary::experiment),
        column("Target", 130, r -> RunComparison.target(r.target())),
        column("Parameters", 150, r -> parameters(r.parameters())),
        column("Regenerate", 76, r -> r.regenerateOutputs() ? "yes" : ""),
        column("Pipeline", 110, RunSummary::pipelineName),
        column("Run", 150, RunSummary::runId)));
    runTable.setRowFactory(t -> {
      TableRow<RunRow> row = new TableRow<>();
      row.setOnMouseClicked(e -> {
        if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && row.getItem() != null
            && row.getItem().run() != null) {
          actions.open(row.getItem().run());
        }
      });
      return row;
    });
    runTable.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
      if (e.getCode() == KeyCode.ENTER) {
        RunSummary run = selected.run();
        if (run != null) {
          actions.open(run);
        }
        e.consume();
      }
    });
    runTable.getSelectionModel().getSelectedItems().addListener((ListChangeListener<RunRow>) c -> showSelection());
    VBox.setVgrow(runTable, Priority.ALWAYS);

    Label count = new Label();
    count.setId("runCount");
    count.textProperty().bind(history.countBinding());
    count.getStyleClass().add("run-count");
    Button open = new Button("Open", new FontIcon(MaterialDesignF.FILE_EYE_OUTLINE));
    open.setId("openRun");
    open.setTooltip(new Tooltip("Show the pipeline as this run submitted it, read-only, on the canvas (Enter)"));
    open.disableProperty().bind(selected.runProperty().isNull());
    open.setOnAction(e -> {
      if (selected.run() != null) {
        actions.open(selected.run());
      }
    });
    Button compare = new Button("Compare", new FontIcon(MaterialDesignC.COMPARE_HORIZONTAL));
    compare.setId("compareRuns");
    compare.setTooltip(new Tooltip("Select two runs (Ctrl+click) to compare their settings, parameters, inputs and steps"));
    compare.disableProperty().bind(Bindings.createBooleanBinding(() -> chosenRuns().size() != 2,
        runTable.getSelectionModel().getSelectedItems()));
    compare.setOnAction(e -> {
      List<RunSummary> two = chosenRuns();
      if (two.size() == 2) {
        // older on the left
        RunSummary a = two.get(0);
        RunSummary b = two.get(1);
        boolean aOlder = a.createdAt().isBefore(b.createdAt());
        actions.compare(aOlder ? a : b, aOlder ? b : a);
      }
    });
    Region grow = new Region();
    HBox.setHgrow(grow, Priority.ALWAYS);
    HBox bottom = new HBox(6, count, grow, open, compare);
    bottom.setAlignment(Pos.CENTER_LEFT);
    bottom.getStyleClass().add("runs-footer");

    VBox pane = new VBox(filters, runTable, bottom);
    pane.getStyleClass().add("runs-history");
    pane.setMinWidth(260);
    return pane;
  }

  private List<RunSummary> chosenRuns() {
    return runTable.getSelectionModel().getSelectedItems().stream().filter(r -> r != null && r.run() != null)
        .map(RunRow::run).toList();
  }

  private void showSelection() {
    RunRow focused = runTable.getSelectionModel().getSelectedItem();
    if (focused == null) {
      return; // the selection went away with a new list: the run stays shown until another is chosen
    }
    if (focused.run() != null) {
      selected.select(focused.run());
      return;
    }
    // a row whose page is still being read (End, a fast scroll): shown once it is in
    focused.runProperty().addListener(new javafx.beans.value.ChangeListener<>() {
      @Override
      public void changed(javafx.beans.value.ObservableValue<? extends RunSummary> o, RunSummary a, RunSummary b) {
        focused.runProperty().removeListener(this);
        if (b != null && runTable.getSelectionModel().getSelectedItem() == focused) {
          selected.select(b);
        }
      }
    });
  }

  private TableColumn<RunRow, RunSummary> statusColumn() {
    TableColumn<RunRow, RunSummary> c = new TableColumn<>("Status");
    c.setCellValueFactory(f -> {
      history.show(f.getValue().index());
      return f.getValue().runProperty();
    });
    c.setCellFactory(col -> new TableCell<>() {
      @Override
      protected void updateItem(RunSummary run, boolean empty) {
        super.updateItem(run, empty);
        if (empty) {
          setText(null);
          setGraphic(null);
          setTooltip(null);
        } else if (run == null) {
          setText("…");
          setGraphic(null);
          setTooltip(null);
        } else {
          RunStatusLook look = new RunStatusLook(run.status(), false);
          setText(look.label());
          setGraphic(look.icon());
          setTooltip(run.message() == null ? null : new Tooltip(run.message()));
        }
      }
    });
    c.setPrefWidth(124);
    return c;
  }

  private TableColumn<RunRow, String> column(String title, double width, java.util.function.Function<RunSummary, String> text) {
    TableColumn<RunRow, String> c = new TableColumn<>(title);
    c.setCellValueFactory(f -> Bindings.createStringBinding(() -> {
      RunSummary r = f.getValue().run();
      return r == null ? "" : text.apply(r);
    }, f.getValue().runProperty()));
    c.setCellFactory(col -> new TableCell<>() {
      @Override
      protected void updateItem(String value, boolean empty) {
        super.updateItem(value, empty);
        setText(empty ? null : value);
        setTooltip(empty || value == null || value.length() < 18 ? null : new Tooltip(value));
      }
    });
    c.setPrefWidth(width);
    return c;
  }

  static String parameters(Map<String, String> parameters) {
    return parameters.isEmpty() ? "" : new java.util.TreeMap<>(parameters).entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
  }

  /** Reads the history again, keeping the selected run selected. */
  public void refresh() {
    RunSummary shown = selected.run();
    if (shown != null) {
      selectWhenListed(shown.runId());
    }
    history.refresh();
    selected.select(shown);
    selected.reloadDetails();
  }

  /** Selects a run's row once the list is read again (a refresh, a run started in this window). */
  public void selectWhenListed(String runId) {
    history.whenListed(rows -> history.rowOf(runId).ifPresent(row -> {
      runTable.getSelectionModel().clearAndSelect(row.index());
      runTable.scrollTo(Math.max(0, row.index() - 2));
    }));
  }

  // ------------------------------------------------------------------ the selected run

  private Region selectedPane() {
    header.setId("runHeader");
    header.getStyleClass().add("run-header");
    header.setMinWidth(0);
    header.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(header, Priority.ALWAYS);
    studio.setId("studioLink");
    studio.setOnAction(e -> {
      if (studio.getUserData() instanceof String url) {
        actions.openLink(url);
      }
    });
    studio.setMinWidth(Region.USE_PREF_SIZE);

    Button rerun = button("Rerun", MaterialDesignR.REPLAY, "rerun",
        "Run the open pipeline again with this run's experiment, parameters and target", selected::rerun);
    rerun.disableProperty().bind(selected.canRerunBinding().not());
    Button fromFailed = button("From failed", MaterialDesignP.PLAY_SPEED, "rerunFromFailed",
        "Run again from the step that failed first; the steps before it are reused", selected::rerunFromFailed);
    fromFailed.disableProperty().bind(selected.canRerunFromFailedBinding().not());
    Tooltip failedTip = new Tooltip();
    failedTip.textProperty().bind(Bindings.createStringBinding(() -> {
      StepRunState failed = selected.firstFailedProperty().get();
      return failed == null ? "Enabled when a step of the run failed"
          : "Rerun from the failed step: from " + failed.name() + ", the step that failed first; the steps before it are reused";
    }, selected.firstFailedProperty()));
    fromFailed.setTooltip(failedTip);
    Button upTo = button("Up to here", MaterialDesignS.SKIP_NEXT_OUTLINE, "runUpTo",
        "Run up to here: the selected step and the steps it needs, nothing after it", selected::runUpToStep);
    upTo.disableProperty().bind(selected.canRunStepBinding().not());
    Button only = button("Only this step", MaterialDesignP.PLAY_BOX_OUTLINE, "runOnly",
        "Run only this step: the selected step alone, with the inputs its upstream steps recorded last", selected::runOnlyStep);
    only.disableProperty().bind(selected.canRunStepBinding().not());

    javafx.scene.control.ToggleGroup viewsGroup = new javafx.scene.control.ToggleGroup();
    javafx.scene.control.ToggleButton stepsToggle = new javafx.scene.control.ToggleButton("Steps");
    stepsToggle.setId("stepsTab");
    javafx.scene.control.ToggleButton timelineToggle = new javafx.scene.control.ToggleButton("Timeline");
    timelineToggle.setId("timelineTab");
    stepsToggle.setToggleGroup(viewsGroup);
    timelineToggle.setToggleGroup(viewsGroup);
    stepsToggle.getStyleClass().addAll("left-pill", "small");
    timelineToggle.getStyleClass().addAll("right-pill", "small");
    stepsToggle.setSelected(true);
    viewsGroup.selectedToggleProperty().addListener((o, a, b) -> {
      if (b == null) {
        a.setSelected(true); // one of the two is always shown
      }
    });
    HBox segmented = new HBox(stepsToggle, timelineToggle);
    segmented.setMinWidth(Region.USE_PREF_SIZE);
    HBox top = new HBox(6, segmented, header, studio, rerun, fromFailed, upTo, only);
    top.setAlignment(Pos.CENTER_LEFT);
    top.getStyleClass().add("runs-toolbar");

    stepTable.setId("runsTable");
    stepTable.setItems(selected.steps());
    stepTable.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
    stepTable.setFixedCellSize(24);
    Label stepsPlaceholder = new Label();
    stepsPlaceholder.textProperty().bind(Bindings.createStringBinding(() -> {
      if (!selected.stepsProblemProperty().get().isEmpty()) {
        return selected.stepsProblemProperty().get();
      }
      return selected.run() == null ? "Select a run to see its steps." : "Reading the steps…";
    }, selected.runProperty(), selected.stepsProblemProperty()));
    stepsPlaceholder.getStyleClass().add("history-placeholder");
    stepTable.setPlaceholder(stepsPlaceholder);
    stepTable.getColumns().setAll(stepColumns());
    stepTable.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
      if (selectingStep) {
        return;
      }
      selectingStep = true;
      try {
        selected.stepProperty().set(b);
      } finally {
        selectingStep = false;
      }
      if (b != null) {
        actions.stepSelected(selected.run(), b);
      }
    });
    selected.stepProperty().addListener((o, a, b) -> {
      timeline.select(b == null ? null : b.stepId());
      if (!selectingStep) {
        selectingStep = true;
        try {
          if (b == null) {
            stepTable.getSelectionModel().clearSelection();
          } else {
            stepTable.getSelectionModel().select(b);
          }
        } finally {
          selectingStep = false;
        }
      }
    });
    timeline.setOnSelect(s -> stepTable.getSelectionModel().select(s));

    javafx.scene.control.ScrollPane timelineScroll = new javafx.scene.control.ScrollPane(timeline);
    timelineScroll.setFitToWidth(true);
    timelineScroll.getStyleClass().add("timeline-scroll");
    javafx.scene.layout.StackPane views = new javafx.scene.layout.StackPane(stepTable, timelineScroll);
    timelineScroll.visibleProperty().bind(timelineToggle.selectedProperty());
    stepTable.visibleProperty().bind(timelineToggle.selectedProperty().not());
    views.setMinWidth(200);

    StepDetailsView details = new StepDetailsView(selected, actions);
    details.setMinWidth(200);
    SplitPane inner = new SplitPane(views, details);
    inner.setDividerPositions(0.62);
    VBox.setVgrow(inner, Priority.ALWAYS);

    selected.runProperty().addListener(headerChanged);
    runs.runLineProperty().addListener(headerChanged);
    runs.monitorProperty().addListener(headerChanged);
    updateHeader();

    VBox pane = new VBox(top, inner);
    pane.getStyleClass().add("runs-selected");
    return pane;
  }

  private List<TableColumn<StepRunState, ?>> stepColumns() {
    TableColumn<StepRunState, RunStatusLook> status = new TableColumn<>("Status");
    status.setCellValueFactory(c -> Bindings.createObjectBinding(() -> RunStatusLook.of(c.getValue()),
        c.getValue().statusProperty(), c.getValue().messageProperty(), c.getValue().progressProperty()));
    status.setCellFactory(c -> new TableCell<>() {
      @Override
      protected void updateItem(RunStatusLook look, boolean empty) {
        super.updateItem(look, empty);
        setGraphic(empty || look == null ? null : look.icon());
        setText(empty || look == null ? null : look.label());
        StepRunState row = empty || getTableRow() == null ? null : getTableRow().getItem();
        io.pipewright.workspace.StepProgress progress = row == null ? null : row.progress();
        if (look != null && progress != null && progress.fraction() >= 0) {
          // a running Spark step: how far its tasks have come, under its status
          javafx.scene.control.ProgressBar bar = new javafx.scene.control.ProgressBar(progress.fraction());
          bar.getStyleClass().add("step-progress");
          bar.setPrefWidth(44);
          HBox box = new HBox(4, look.icon(), bar);
          box.setAlignment(Pos.CENTER_LEFT);
          setGraphic(box);
        }
      }
    });
    status.setPrefWidth(118);
    status.setMinWidth(118);
    TableColumn<StepRunState, String> step = new TableColumn<>("Step");
    step.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
    step.setPrefWidth(140);
    step.setMinWidth(110);
    TableColumn<StepRunState, String> started = new TableColumn<>("Started");
    started.setCellValueFactory(c -> Bindings.createStringBinding(() -> time(c.getValue().startedAtProperty().get()),
        c.getValue().startedAtProperty()));
    started.setPrefWidth(84);
    started.setMinWidth(84);
    TableColumn<StepRunState, String> duration = new TableColumn<>("Duration");
    duration.setCellValueFactory(c -> Bindings.createStringBinding(() -> Durations.format(c.getValue().duration()),
        c.getValue().durationProperty()));
    duration.setPrefWidth(72);
    duration.setMinWidth(72);
    TableColumn<StepRunState, String> reuse = new TableColumn<>("Reuse");
    reuse.setCellValueFactory(c -> Bindings.createStringBinding(() -> reuseOf(c.getValue()),
        c.getValue().statusProperty(), c.getValue().messageProperty(), c.getValue().reuseProperty()));
    reuse.setCellFactory(c -> textWithTooltip());
    reuse.setPrefWidth(220);
    TableColumn<StepRunState, String> message = new TableColumn<>("Message");
    message.setCellValueFactory(c -> Bindings.createStringBinding(() -> messageOf(c.getValue()),
        c.getValue().statusProperty(), c.getValue().messageProperty(), c.getValue().progressProperty()));
    message.setCellFactory(c -> textWithTooltip());
    message.setPrefWidth(320);
    return List.of(status, step, started, duration, reuse, message);
  }

  private void updateHeader() {
    RunSummary run = selected.run();
    RunMonitor m = runs.monitor();
    if (headerMonitor != null) {
      headerMonitor.messageProperty().removeListener(headerChanged);
      headerMonitor.statusProperty().removeListener(headerChanged);
      headerMonitor = null;
    }
    if (run == null) {
      header.setText("No run selected");
      showLink(null);
      return;
    }
    String message = run.message();
    String line;
    if (m != null && m.runId().equals(run.runId())) {
      headerMonitor = m;
      m.messageProperty().addListener(headerChanged);
      m.statusProperty().addListener(headerChanged);
      message = m.messageProperty().get();
      line = "Run " + run.runId() + " · " + runs.runLineProperty().get();
      if (message != null && m.status() != RunStatus.COMPLETED) {
        line += " — " + message;
      }
    } else {
      line = "Run " + run.runId() + " · " + run.status().label()
          + run.duration().map(d -> " after " + Durations.format(d)).orElse("");
      if (message != null && run.status() != RunStatus.COMPLETED) {
        line += " — " + message;
      }
    }
    header.setText(line);
    header.setTooltip(new Tooltip(line));
    showLink(message);
  }

  /** Shows the link to the first web page a run's message names (its Studio page), or hides it. */
  private void showLink(String message) {
    Matcher m = message == null ? null : LINK.matcher(message);
    String url = m != null && m.find() ? m.group().replaceAll("[).,;]+$", "") : null;
    studio.setUserData(url);
    studio.setVisible(url != null);
    studio.setManaged(url != null);
    if (url != null) {
      studio.setTooltip(new Tooltip(url));
    }
  }

  /** Selects a step's row (the canvas selection changed), without reporting it back. */
  public void selectStep(String stepId) {
    selected.step(stepId).ifPresent(s -> {
      if (stepTable.getSelectionModel().getSelectedItem() != s) {
        selectingStep = true;
        try {
          stepTable.getSelectionModel().select(s);
          selected.stepProperty().set(s);
        } finally {
          selectingStep = false;
        }
      }
    });
  }

  public TableView<RunRow> runTable() {
    return runTable;
  }

  public TableView<StepRunState> stepTable() {
    return stepTable;
  }

  public static String reuseOf(StepRunState s) {
    String reuse = s.reuse();
    if (s.status() == RunStatus.REUSED && s.message() != null) {
      return s.message().startsWith("reused") ? s.message() : "reused: " + s.message();
    }
    return reuse == null ? "" : reuse;
  }

  public static String messageOf(StepRunState s) {
    switch (s.status()) {
      case REUSED:
        return "";
      case RUNNING:
        String where = s.message() == null ? "" : "on " + s.message();
        if (s.progress() != null) {
          // live Spark progress: "stage 2 of 3 · 150/200 tasks on local-spark"
          return s.progress().describe() + (where.isEmpty() ? "" : " " + where);
        }
        return where;
      default:
        return s.message() == null ? "" : s.message();
    }
  }

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

  private static Button iconButton(org.kordamp.ikonli.Ikon ikon, String tip, Runnable action) {
    Button b = new Button(null, new FontIcon(ikon));
    b.getStyleClass().addAll("flat", "button-icon");
    b.setTooltip(new Tooltip(tip));
    b.setOnAction(e -> action.run());
    return b;
  }

  private static Button button(String text, org.kordamp.ikonli.Ikon ikon, String id, String tip, Runnable action) {
    Button b = new Button(text, new FontIcon(ikon));
    b.setId(id);
    b.getStyleClass().add("small");
    b.setTooltip(new Tooltip(tip));
    b.setOnAction(e -> action.run());
    b.setMinWidth(Region.USE_PREF_SIZE);
    return b;
  }
}

package io.pipewright.app.history;

import io.pipewright.app.run.Durations;
import io.pipewright.app.run.RunStatusLook;
import io.pipewright.app.run.StepRunState;
import io.pipewright.workspace.ChildRun;
import io.pipewright.workspace.DatasetVersion;
import io.pipewright.workspace.FailureLocation;
import io.pipewright.workspace.RunSummary;
import io.pipewright.workspace.StatusChange;
import io.pipewright.workspace.StepDetails;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The details of the step selected in the Runs view: its status history with times, the exact
 * launch (selectable, with Copy), inputs and outputs with their paths (and Preview per output),
 * registered dataset versions, the reuse decision with what changed, the exit code, and the failure
 * with "Show in log".
 */
public final class StepDetailsView extends ScrollPane {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

  /** What the pane's buttons do: open the log at a line, preview an output port. */
  public interface Actions {
    void showInLog(String runId, String stepId, String stream, long line);

    /** Whether outputs can be previewed yet (the preview dialog is there). */
    boolean canPreview();

    void previewOutput(String runId, String stepId, String port);
  }

  private final SelectedRunViewModel model;
  private final Actions actions;
  private final VBox box = new VBox(6);

  public StepDetailsView(SelectedRunViewModel model, Actions actions) {
    this.model = model;
    this.actions = actions;
    setId("stepDetails");
    getStyleClass().add("step-details");
    setFitToWidth(true);
    box.setPadding(new Insets(6, 10, 10, 10));
    setContent(box);
    // each read redraws (also one equal to the last: Refresh, Preview becoming possible)
    model.detailsProperty().addListener((javafx.beans.InvalidationListener) o -> show());
    model.detailsProblemProperty().addListener((o, a, b) -> show());
    model.stepProperty().addListener((o, a, b) -> show());
    model.runProperty().addListener((o, a, b) -> show());
    show();
  }

  private void show() {
    box.getChildren().clear();
    StepRunState step = model.stepProperty().get();
    RunSummary run = model.run();
    if (step == null || run == null) {
      box.getChildren().add(placeholder(run == null ? "Select a run, then one of its steps, to see its details."
          : "Select a step to see its details: what ran, with what, and how it went."));
      return;
    }
    Label title = new Label(step.name(), RunStatusLook.of(step).icon());
    title.getStyleClass().add("details-title");
    title.setId("detailsTitle");
    Label state = new Label(step.describe());
    state.getStyleClass().add("details-state");
    state.setWrapText(true);
    box.getChildren().addAll(title, state);
    String problem = model.detailsProblemProperty().get();
    if (!problem.isEmpty()) {
      box.getChildren().add(placeholder(problem));
      return;
    }
    StepDetails d = model.detailsProperty().get();
    if (d == null || !d.child().stepId().equals(step.stepId())) {
      box.getChildren().add(placeholder("Reading the step's details…"));
      return;
    }
    ChildRun child = d.child();

    d.failure().ifPresent(f -> box.getChildren().add(failure(run, child, f)));
    if (d.failure().isEmpty() && child.status() == io.pipewright.workspace.RunStatus.FAILED && child.message() != null) {
      Label cause = new Label(child.message());
      cause.setWrapText(true);
      cause.getStyleClass().add("details-failure");
      box.getChildren().add(section("Failure", cause));
    }

    GridPane facts = grid();
    int r = 0;
    r = fact(facts, r, "Compute", child.compute());
    r = fact(facts, r, "Started", child.startedAt() == null ? "not started" : WHEN.format(child.startedAt()));
    r = fact(facts, r, "Ended", child.endedAt() == null ? (child.startedAt() == null ? "" : "still running")
        : WHEN.format(child.endedAt()));
    r = fact(facts, r, "Duration", child.duration().map(Durations::format).orElse(""));
    r = fact(facts, r, "Exit code", d.exitCode() == null ? "none recorded" : String.valueOf(d.exitCode()));
    if (child.remoteJob() != null) {
      fact(facts, r, "Remote job", child.remoteJob());
    }
    box.getChildren().add(facts);

    if (!d.inputs().isEmpty()) {
      GridPane inputs = grid();
      int row = 0;
      for (Map.Entry<String, String> in : new java.util.TreeMap<>(d.inputs()).entrySet()) {
        inputs.addRow(row++, key(in.getKey()), path(in.getValue()));
      }
      box.getChildren().add(section("Inputs", inputs));
    }
    if (!child.outputs().isEmpty()) {
      GridPane outputs = grid();
      int row = 0;
      for (Map.Entry<String, String> out : new java.util.TreeMap<>(child.outputs()).entrySet()) {
        Button preview = new Button("Preview");
        preview.setId("preview-" + out.getKey());
        preview.getStyleClass().add("small");
        preview.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        preview.setTooltip(new Tooltip("Show the first 100 rows " + step.name() + " wrote to " + out.getKey()));
        preview.setOnAction(e -> actions.previewOutput(run.runId(), step.stepId(), out.getKey()));
        preview.setVisible(actions.canPreview());
        preview.setManaged(actions.canPreview());
        outputs.addRow(row++, key(out.getKey()), path(out.getValue()), preview);
      }
      box.getChildren().add(section("Outputs", outputs));
    }
    if (!d.registered().isEmpty()) {
      GridPane registered = grid();
      int row = 0;
      for (DatasetVersion v : d.registered()) {
        registered.addRow(row++, key(v.name() + " v" + v.version()), key(v.kind().wireName()), path(v.location()));
      }
      box.getChildren().add(section("Registered datasets", registered));
    }

    VBox reuse = new VBox(2);
    String decision = child.reuse() == null ? (child.status() == io.pipewright.workspace.RunStatus.REUSED
        ? child.message() : "no reuse decision recorded") : child.reuse();
    Label decisionLabel = selectable(decision == null ? "" : decision);
    reuse.getChildren().add(decisionLabel);
    for (String change : d.reuseChanges()) {
      Label line = new Label("• " + change);
      line.getStyleClass().add("details-change");
      line.setWrapText(true);
      reuse.getChildren().add(line);
    }
    box.getChildren().add(section("Reuse", reuse));

    if (!d.history().isEmpty()) {
      GridPane history = grid();
      int row = 0;
      for (StatusChange c : d.history()) {
        Label at = new Label(WHEN.format(c.at()));
        at.getStyleClass().add("details-time");
        Label status = new Label(c.status().label(), new RunStatusLook(c.status(), false).icon());
        Label message = new Label(c.message() == null ? "" : c.message());
        message.setWrapText(true);
        history.addRow(row++, at, status, message);
      }
      box.getChildren().add(section("Status history", history));
    }

    if (d.launch() != null && !d.launch().isBlank()) {
      TextArea launch = new TextArea(d.launch());
      launch.setEditable(false);
      launch.setWrapText(true);
      launch.setId("launchText");
      launch.getStyleClass().add("details-launch");
      launch.setPrefRowCount(Math.min(8, 1 + d.launch().length() / 90 + (int) d.launch().lines().count()));
      Button copy = new Button("Copy");
      copy.setId("copyLaunch");
      copy.setOnAction(e -> {
        ClipboardContent content = new ClipboardContent();
        content.putString(d.launch());
        Clipboard.getSystemClipboard().setContent(content);
      });
      HBox.setHgrow(launch, Priority.ALWAYS);
      HBox row = new HBox(6, launch, copy);
      row.setAlignment(Pos.TOP_LEFT);
      box.getChildren().add(section("Launch", row));
    }

  }

  private Node failure(RunSummary run, ChildRun child, FailureLocation f) {
    Label cause = new Label(f.cause() == null ? child.message() : f.cause());
    cause.setWrapText(true);
    cause.getStyleClass().add("details-failure");
    cause.setId("failureCause");
    Button show = new Button("Show in log");
    show.setId("showInLog");
    show.setTooltip(new Tooltip(f.stream() + ", line " + f.line()));
    show.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    show.setOnAction(e -> actions.showInLog(run.runId(), child.stepId(), f.stream(), f.line()));
    HBox.setHgrow(cause, Priority.ALWAYS);
    cause.setMaxWidth(Double.MAX_VALUE);
    HBox row = new HBox(8, cause, show);
    row.setAlignment(Pos.CENTER_LEFT);
    return section("Failure", row);
  }

  private static Node section(String title, Node content) {
    Label heading = new Label(title);
    heading.getStyleClass().add("details-section");
    VBox v = new VBox(3, heading, content);
    v.setPadding(new Insets(4, 0, 0, 0));
    return v;
  }

  private static GridPane grid() {
    GridPane g = new GridPane();
    g.setHgap(10);
    g.setVgap(2);
    return g;
  }

  private static int fact(GridPane g, int row, String name, String value) {
    Label n = new Label(name);
    n.getStyleClass().add("details-key");
    n.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    g.addRow(row, n, selectable(value == null ? "" : value));
    return row + 1;
  }

  /** A value the user can select and copy: a field without a border. */
  private static Label selectable(String text) {
    Label l = new Label(text);
    l.setWrapText(true);
    l.setTooltip(text.length() > 60 ? new Tooltip(text) : null);
    return l;
  }

  /** A name beside a path: never shortened to "…" for the path's sake. */
  private static Label key(String text) {
    Label l = new Label(text);
    l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    return l;
  }

  private static TextField path(String text) {
    TextField f = new TextField(text);
    f.setEditable(false);
    f.getStyleClass().add("details-path");
    f.setPrefColumnCount(Math.max(10, Math.min(60, text == null ? 10 : text.length())));
    GridPane.setHgrow(f, Priority.ALWAYS);
    return f;
  }

  private static Label placeholder(String text) {
    Label l = new Label(text);
    l.setWrapText(true);
    l.getStyleClass().add("history-placeholder");
    return l;
  }
}

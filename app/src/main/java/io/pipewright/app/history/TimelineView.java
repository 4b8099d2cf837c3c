package io.pipewright.app.history;

import io.pipewright.app.fx.TaskExecutor;
import io.pipewright.app.run.Durations;
import io.pipewright.app.run.RunStatusLook;
import io.pipewright.app.run.StepRunState;
import io.pipewright.graph.view.StatusColors;
import io.pipewright.workspace.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.VPos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

/**
 * The timeline (Gantt) of a run's steps: one row per step with a bar from its start to its end,
 * coloured by its status, under a time axis; hovering a bar shows its times. A running step's bar
 * grows while the view is shown.
 */
public final class TimelineView extends Region {
  static final double NAME_WIDTH = 150;
  static final double ROW = 22;
  static final double AXIS = 22;
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
  private static final long[] TICKS_MS = {100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000,
      120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000};

  private final ObservableList<StepRunState> steps;
  private final Pane content = new Pane();
  private final Label empty = new Label("The steps' timeline appears here once a step has started.");
  private final InvalidationListener changed = o -> requestLayout();
  private final List<StepRunState> watched = new ArrayList<>();
  private final TaskExecutor executor;
  private TaskExecutor.Cancellable ticking;
  private Consumer<StepRunState> onSelect = s -> {};
  private String selected;

  public TimelineView(ObservableList<StepRunState> steps, TaskExecutor executor) {
    this.steps = steps;
    this.executor = executor;
    getStyleClass().add("run-timeline");
    setId("runTimeline");
    content.setManaged(false);
    empty.getStyleClass().add("history-placeholder");
    getChildren().addAll(content, empty);
    steps.addListener((ListChangeListener<StepRunState>) c -> watch());
    watch();
    sceneProperty().addListener((o, a, b) -> updateTicking());
    visibleProperty().addListener((o, a, b) -> updateTicking());
    setMinHeight(AXIS + ROW + 8);
  }

  /** Called with a step when its bar or name is clicked. */
  public void setOnSelect(Consumer<StepRunState> onSelect) {
    this.onSelect = onSelect;
  }

  /** Highlights a step's row. */
  public void select(String stepId) {
    selected = stepId;
    requestLayout();
  }

  private void watch() {
    for (StepRunState s : watched) {
      s.statusProperty().removeListener(changed);
      s.startedAtProperty().removeListener(changed);
      s.endedAtProperty().removeListener(changed);
    }
    watched.clear();
    watched.addAll(steps);
    for (StepRunState s : watched) {
      s.statusProperty().addListener(changed);
      s.startedAtProperty().addListener(changed);
      s.endedAtProperty().addListener(changed);
    }
    updateTicking();
    requestLayout();
  }

  /** Redraws twice a second while a step runs and the view is shown, so its bar grows. */
  private void updateTicking() {
    boolean running = steps.stream().anyMatch(s -> s.startedAtProperty().get() != null
        && s.endedAtProperty().get() == null && !s.status().isFinal());
    boolean shown = getScene() != null && isVisible();
    if (running && shown && ticking == null) {
      ticking = executor.every(Duration.ofMillis(500), this::requestLayout);
    } else if ((!running || !shown) && ticking != null) {
      ticking.cancel();
      ticking = null;
    }
  }

  @Override
  protected double computePrefHeight(double width) {
    return AXIS + Math.max(1, steps.size()) * ROW + 8;
  }

  @Override
  protected double computePrefWidth(double height) {
    return 600;
  }

  @Override
  protected void layoutChildren() {
    updateTicking();
    double w = getWidth();
    content.getChildren().clear();
    Instant start = null;
    Instant end = null;
    Instant now = Instant.now();
    for (StepRunState s : steps) {
      Instant from = s.startedAtProperty().get();
      if (from == null) {
        continue;
      }
      Instant to = endOf(s, now);
      start = start == null || from.isBefore(start) ? from : start;
      end = end == null || to.isAfter(end) ? to : end;
    }
    empty.setVisible(start == null);
    empty.resizeRelocate(8, 8, Math.max(0, w - 16), 20);
    if (start == null) {
      return;
    }
    long spanMs = Math.max(1_000, Duration.between(start, end).toMillis());
    double left = NAME_WIDTH + 8;
    double barWidth = Math.max(40, w - left - 56); // room for the last bar's duration
    double scale = barWidth / spanMs;
    long tick = TICKS_MS[TICKS_MS.length - 1];
    for (long t : TICKS_MS) {
      if (t * scale >= 70) {
        tick = t;
        break;
      }
    }
    double bottom = AXIS + steps.size() * ROW;
    for (long t = 0; t <= spanMs; t += tick) {
      double x = left + t * scale;
      Line grid = new Line(x, AXIS - 4, x, bottom);
      grid.getStyleClass().add("timeline-grid");
      Text label = new Text(x + 3, AXIS - 8, axisLabel(t, tick));
      label.getStyleClass().add("timeline-axis");
      content.getChildren().addAll(grid, label);
    }
    Text startLabel = new Text(4, AXIS - 8, "from " + CLOCK.format(start));
    startLabel.getStyleClass().add("timeline-axis");
    content.getChildren().add(startLabel);
    int i = 0;
    for (StepRunState s : steps) {
      double y = AXIS + i * ROW;
      i++;
      Rectangle band = new Rectangle(0, y, w, ROW);
      band.getStyleClass().add(s.stepId().equals(selected) ? "timeline-row-selected" : "timeline-row");
      band.setOnMouseClicked(e -> onSelect.accept(s));
      Text name = new Text(8, y + ROW / 2, s.name());
      name.setTextOrigin(VPos.CENTER);
      name.getStyleClass().add("timeline-name");
      name.setOnMouseClicked(e -> onSelect.accept(s));
      Rectangle clip = new Rectangle(0, y, NAME_WIDTH, ROW);
      name.setClip(clip);
      content.getChildren().addAll(band, name);
      Instant from = s.startedAtProperty().get();
      if (from == null) {
        Text not = new Text(left + 4, y + ROW / 2, RunStatusLook.of(s).label().toLowerCase(java.util.Locale.ROOT));
        not.setTextOrigin(VPos.CENTER);
        not.getStyleClass().add("timeline-note");
        content.getChildren().add(not);
        continue;
      }
      Instant to = endOf(s, now);
      double x = left + Duration.between(start, from).toMillis() * scale;
      double width = Math.max(3, Duration.between(from, to).toMillis() * scale);
      Rectangle bar = new Rectangle(x, y + 4, width, ROW - 8);
      bar.setArcWidth(4);
      bar.setArcHeight(4);
      Color color = StatusColors.of(RunStatusLook.endedNodeStatus(s.status(), s.isSkipped()));
      if (!s.status().isFinal()) {
        color = StatusColors.of(io.pipewright.graph.model.NodeStatus.RUNNING);
      }
      bar.setFill(color);
      bar.getStyleClass().add("timeline-bar");
      bar.setId("bar-" + s.stepId());
      Tooltip tip = new Tooltip(tooltip(s, from, s.endedAtProperty().get(), to));
      tip.setShowDelay(javafx.util.Duration.millis(150));
      Tooltip.install(bar, tip);
      bar.setOnMouseClicked(e -> onSelect.accept(s));
      Text took = new Text(x + width + 4, y + ROW / 2, Durations.format(Duration.between(from, to)));
      took.setTextOrigin(VPos.CENTER);
      took.getStyleClass().add("timeline-note");
      content.getChildren().addAll(bar, took);
    }
  }

  private static Instant endOf(StepRunState s, Instant now) {
    Instant to = s.endedAtProperty().get();
    if (to != null) {
      return to;
    }
    if (s.status().isFinal() || s.status() == RunStatus.NOT_STARTED) {
      Duration d = s.duration();
      return d == null ? s.startedAtProperty().get() : s.startedAtProperty().get().plus(d);
    }
    return now;
  }

  static String tooltip(StepRunState s, Instant from, Instant ended, Instant to) {
    String text = s.name() + " · " + RunStatusLook.of(s).label() + "\nstarted " + CLOCK.format(from);
    text += ended == null ? "\nstill running" : "\nended " + CLOCK.format(ended);
    return text + " · " + Durations.format(Duration.between(from, to));
  }

  private static String axisLabel(long t, long tick) {
    if (t == 0) {
      return "";
    }
    if (tick < 1_000) {
      return String.format(java.util.Locale.ROOT, "%.1f s", t / 1000.0);
    }
    if (tick < 60_000) {
      return (t / 1000) + " s";
    }
    if (tick < 3_600_000) {
      return (t / 60_000) + " min";
    }
    return (t / 3_600_000) + " h";
  }
}

package io.pipewright.app.run;

import io.pipewright.app.fx.TaskExecutor;
import io.pipewright.workspace.LogStream;
import io.pipewright.workspace.Workspace;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Log tab: one step's log (driver stdout by default), tailed while it grows. Every {@link
 * #TICK} one background read takes what is new ({@link LogTail}) and appends it in one batch; the
 * view holds at most {@link #maxLines()} lines (older ones dropped, and it says so); nothing is
 * read while the tab is hidden or once the step has ended and its log has been read to the end.
 */
public final class LogViewModel {
  public static final Duration TICK = Duration.ofMillis(150);
  public static final int DEFAULT_MAX_LINES = 5_000;

  private final TaskExecutor executor;
  private final int maxLines;
  private final ObservableList<String> lines = FXCollections.observableArrayList();
  private final ObjectProperty<String> stream = new SimpleObjectProperty<>(this, "stream", LogStream.DRIVER_STDOUT);
  private final BooleanProperty visible = new SimpleBooleanProperty(this, "visible", true);
  private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
  private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(this, "placeholder",
      "The selected step's driver output appears here while it runs.");
  private final ReadOnlyStringWrapper capNote = new ReadOnlyStringWrapper(this, "capNote", "");
  private final ReadOnlyLongWrapper dropped = new ReadOnlyLongWrapper(this, "dropped", 0);
  private final ReadOnlyIntegerWrapper revealed = new ReadOnlyIntegerWrapper(this, "revealed", -1);
  private TaskExecutor.Cancellable ticking;
  private Target target;
  /** The workspace of the last step shown, for {@link #reveal} of another step of it. */
  private Workspace workspace;
  /** The line (from 1) to reveal once it has been read; 0 for none. */
  private long pendingLine;
  private LogTail tail;
  private long generation;
  private boolean reading;
  private boolean complete;

  public LogViewModel(TaskExecutor executor) {
    this(executor, DEFAULT_MAX_LINES);
  }

  public LogViewModel(TaskExecutor executor, int maxLines) {
    this.executor = executor;
    this.maxLines = maxLines;
    stream.addListener((o, a, b) -> restart());
  }

  /**
   * Shows a step's log from the start.
   *
   * @param ended tells whether the step has ended (its log will not grow): asked on the UI thread
   */
  public void show(Workspace workspace, String runId, String stepId, String stepName, BooleanSupplier ended) {
    Target next = new Target(workspace, runId, stepId, stepName, ended);
    this.workspace = workspace;
    if (next.sameStepAs(target)) {
      return;
    }
    target = next;
    pendingLine = 0;
    restart();
  }

  /**
   * Opens a step's stream and, once read, selects and scrolls to a line of it (counted from 1): a
   * failure's cause, for "Show in log". A step other than the one shown opens from the workspace of
   * the last one shown (this run's).
   */
  public void reveal(String runId, String stepId, String streamName, long line) {
    if (target == null || !target.runId.equals(runId) || !target.stepId.equals(stepId)) {
      if (workspace == null) {
        return;
      }
      target = new Target(workspace, runId, stepId, stepId, () -> true);
      pendingLine = 0;
      if (streamName.equals(stream.get())) {
        restart();
      }
    }
    pendingLine = Math.max(1, line);
    revealed.set(-1);
    if (!streamName.equals(stream.get())) {
      stream.set(streamName); // starts reading it from the start
    } else {
      checkReveal();
    }
  }

  /**
   * The index in {@link #lines()} of the line last revealed ({@link #reveal}), set once it has been
   * read; -1 while none.
   */
  public ReadOnlyIntegerProperty revealedProperty() {
    return revealed.getReadOnlyProperty();
  }

  private void checkReveal() {
    if (pendingLine <= 0 || lines.isEmpty()) {
      if (pendingLine > 0 && complete) {
        pendingLine = 0;
      }
      return;
    }
    long index = pendingLine - 1 - dropped.get();
    if (index < lines.size() || complete) {
      pendingLine = 0;
      revealed.set((int) Math.max(0, Math.min(index, lines.size() - 1)));
    }
  }

  /** Shows nothing (the run's decorations were cleared, another document was opened). */
  public void clear() {
    target = null;
    restart();
  }

  /** The step shown, or {@code null}. */
  public String stepId() {
    return target == null ? null : target.stepId;
  }

  public String runId() {
    return target == null ? null : target.runId;
  }

  private void restart() {
    generation++;
    reading = false;
    complete = false;
    tail = null;
    lines.clear();
    dropped.set(0);
    capNote.set("");
    if (target == null) {
      title.set("");
      placeholder.set("The selected step's driver output appears here while it runs.");
      stopTicking();
      return;
    }
    title.set(target.stepName + " · " + stream.get());
    placeholder.set(target.stepName + " has written nothing to " + stream.get() + " yet.");
    if (ticking == null) {
      ticking = executor.every(TICK, this::tick);
    }
    tick();
  }

  private void stopTicking() {
    if (ticking != null) {
      ticking.cancel();
      ticking = null;
    }
  }

  /** One read of what is new, unless the tab is hidden, a read is under way or the log is complete. */
  void tick() {
    if (!visible.get() || target == null || reading || complete) {
      return;
    }
    reading = true;
    long mine = generation;
    Target of = target;
    String streamName = stream.get();
    LogTail known = tail;
    boolean ended = of.ended.getAsBoolean();
    executor.submit(() -> {
      LogTail reader = known != null ? known : new LogTail(of.workspace.log(of.runId, of.stepId, streamName));
      return new Read(reader, reader.poll(ended));
    }, read -> {
      if (mine != generation) {
        return;
      }
      reading = false;
      tail = read.tail();
      LogTail.Chunk chunk = read.chunk();
      append(chunk);
      if (ended && !chunk.more()) {
        complete = true;
        if (lines.isEmpty()) {
          placeholder.set(target.stepName + " wrote nothing to " + stream.get() + ".");
        }
      }
      checkReveal();
    }, e -> {
      if (mine != generation) {
        return;
      }
      reading = false;
      placeholder.set("Cannot read " + stream.get() + " of " + target.stepName + ": " + e.getMessage());
    });
  }

  private void append(LogTail.Chunk chunk) {
    if (chunk.skippedBytes() > 0) {
      // The log ran far ahead: what was shown is not followed by what comes next.
      dropped.set(dropped.get() + lines.size());
      lines.clear();
    }
    List<String> add = chunk.lines();
    if (add.isEmpty() && chunk.skippedBytes() == 0) {
      return;
    }
    int overflow = lines.size() + add.size() - maxLines;
    if (overflow > 0) {
      int fromOld = Math.min(overflow, lines.size());
      lines.remove(0, fromOld);
      dropped.set(dropped.get() + fromOld);
      if (add.size() > maxLines) {
        dropped.set(dropped.get() + add.size() - maxLines);
        add = add.subList(add.size() - maxLines, add.size());
      }
    }
    lines.addAll(add);
    if (dropped.get() > 0 || chunk.skippedBytes() > 0) {
      capNote.set(String.format(Locale.ROOT, "showing the last %,d lines", lines.size()));
    }
  }

  /** The lines shown: at most {@link #maxLines()}. */
  public ObservableList<String> lines() {
    return lines;
  }

  public int maxLines() {
    return maxLines;
  }

  /** Which log of the step: {@code driver/stdout}, {@code driver/stderr} or {@code pipewright/log}. */
  public ObjectProperty<String> streamProperty() {
    return stream;
  }

  /** Bound to the tab being shown: hidden, the log is not read. */
  public BooleanProperty visibleProperty() {
    return visible;
  }

  /** "Prepare data · driver/stdout". */
  public ReadOnlyStringProperty titleProperty() {
    return title.getReadOnlyProperty();
  }

  /** What to show while there are no lines. */
  public ReadOnlyStringProperty placeholderProperty() {
    return placeholder.getReadOnlyProperty();
  }

  /** "showing the last 5,000 lines" once older lines were dropped, else empty. */
  public ReadOnlyStringProperty capNoteProperty() {
    return capNote.getReadOnlyProperty();
  }

  /** How many lines were dropped or skipped to keep the view bounded. */
  public ReadOnlyLongProperty droppedProperty() {
    return dropped.getReadOnlyProperty();
  }

  private record Read(LogTail tail, LogTail.Chunk chunk) {}

  private static final class Target {
    final Workspace workspace;
    final String runId;
    final String stepId;
    final String stepName;
    final BooleanSupplier ended;

    Target(Workspace workspace, String runId, String stepId, String stepName, BooleanSupplier ended) {
      this.workspace = workspace;
      this.runId = runId;
      this.stepId = stepId;
      this.stepName = stepName;
      this.ended = ended;
    }

    boolean sameStepAs(Target other) {
      return other != null && other.runId.equals(runId) && other.stepId.equals(stepId);
    }
  }
}

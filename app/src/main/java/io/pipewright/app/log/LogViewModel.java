package io.pipewright.app.log;

import io.pipewright.app.fx.TaskExecutor;
import io.pipewright.workspace.LogStream;
import io.pipewright.workspace.Workspace;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Log tab: one stream of one step, of any size, read by offset through {@link LogStream}. A
 * background scan builds a sparse {@link LineIndex} while the first screen is read at once; only the
 * rows in and around the view are decoded ({@link #row}); the log is followed while it grows (the
 * view keeps to the bottom until the user scrolls up). Search counts the matching lines of the whole
 * log on bytes, in parallel parts, without blocking; a filter keeps errors, warnings and exception
 * blocks; stack frames fold; a selection copies; Save… writes the whole stream.
 *
 * <p>All background work goes through the {@link TaskExecutor}; results and progress reach the
 * properties on the UI thread, progress once per {@link #TICK}.
 */
public final class LogViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(LogViewModel.class);
  public static final Duration TICK = Duration.ofMillis(120);
  /** Rows decoded beyond the screen, above and below, so scrolling finds them ready. */
  static final int MARGIN_SCREENS = 1;
  /** Match offsets kept for next/previous (the count goes on beyond). */
  static final int KEEP_MATCHES = 4_000_000;
  /** A copy takes at most this many lines (Save… writes all). */
  public static final int MAX_COPY_LINES = 200_000;
  private static final int INDEX_CHUNK = 4 << 20;
  private static final int SEARCH_PARTS = Math.max(1, Math.min(3, Runtime.getRuntime().availableProcessors()));

  private final TaskExecutor executor;
  private final Supplier<Optional<Workspace>> workspaces;
  private final ObjectProperty<String> stream = new SimpleObjectProperty<>(this, "stream", LogStream.DRIVER_STDOUT);
  private final ObservableList<String> streams = FXCollections.observableArrayList(
      LogStream.DRIVER_STDOUT, LogStream.DRIVER_STDERR, LogStream.PIPEWRIGHT);
  private final BooleanProperty visible = new SimpleBooleanProperty(this, "visible", true);
  private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
  private final ReadOnlyStringWrapper runLabel = new ReadOnlyStringWrapper(this, "runLabel", "");
  private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(this, "placeholder", NOTHING_SHOWN);
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
  private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
  private final ReadOnlyLongWrapper rowCount = new ReadOnlyLongWrapper(this, "rowCount", 0);
  private final ReadOnlyLongWrapper lineCount = new ReadOnlyLongWrapper(this, "lineCount", 0);
  private final ReadOnlyLongWrapper topRow = new ReadOnlyLongWrapper(this, "topRow", 0);
  private final IntegerProperty visibleRows = new SimpleIntegerProperty(this, "visibleRows", 40);
  private final ReadOnlyBooleanWrapper following = new ReadOnlyBooleanWrapper(this, "following", true);
  private final ReadOnlyLongWrapper contentVersion = new ReadOnlyLongWrapper(this, "contentVersion", 0);
  private final ReadOnlyLongWrapper highlightedLine = new ReadOnlyLongWrapper(this, "highlightedLine", -1);
  private final ReadOnlyLongWrapper selectionAnchor = new ReadOnlyLongWrapper(this, "selectionAnchor", -1);
  private final ReadOnlyLongWrapper selectionCaret = new ReadOnlyLongWrapper(this, "selectionCaret", -1);
  private final StringProperty query = new SimpleStringProperty(this, "query", "");
  private final BooleanProperty regex = new SimpleBooleanProperty(this, "regex", false);
  private final BooleanProperty matchCase = new SimpleBooleanProperty(this, "matchCase", false);
  private final ReadOnlyStringWrapper searchStatus = new ReadOnlyStringWrapper(this, "searchStatus", "");
  private final ReadOnlyDoubleWrapper searchProgress = new ReadOnlyDoubleWrapper(this, "searchProgress", -1);
  private final ReadOnlyBooleanWrapper searchInvalid = new ReadOnlyBooleanWrapper(this, "searchInvalid", false);
  private final BooleanProperty problemsOnly = new SimpleBooleanProperty(this, "problemsOnly", false);
  private final ReadOnlyDoubleWrapper saveProgress = new ReadOnlyDoubleWrapper(this, "saveProgress", -1);
  private final ReadOnlyLongWrapper revealed = new ReadOnlyLongWrapper(this, "revealed", 0);

  private static final String NOTHING_SHOWN = "The selected step's driver output appears here while it runs.";

  private TaskExecutor.Cancellable ticking;
  private Target target;
  /** Everything about the stream shown now; replaced whenever the stream or step changes. */
  private Session session;

  public LogViewModel(TaskExecutor executor) {
    this(executor, Optional::empty);
  }

  /** @param workspaces the open workspace, for {@link #reveal} */
  public LogViewModel(TaskExecutor executor, Supplier<Optional<Workspace>> workspaces) {
    this.executor = executor;
    this.workspaces = workspaces;
    stream.addListener((o, a, b) -> {
      if (b == null) {
        stream.set(a); // one stream is always shown
      } else if (!b.equals(a)) {
        restart();
      }
    });
    query.addListener((o, a, b) -> searchSoon());
    regex.addListener((o, a, b) -> searchSoon());
    matchCase.addListener((o, a, b) -> searchSoon());
    problemsOnly.addListener((o, a, b) -> filterChanged());
    visibleRows.addListener((o, a, b) -> {
      if (following.get()) {
        scrollToEnd();
      }
      ensureLoaded();
    });
    visible.addListener((o, a, b) -> {
      if (b) {
        tick();
      }
    });
  }

  // ---------------------------------------------------------------- what is shown

  /**
   * Shows a step's log from the start.
   *
   * @param ended tells whether the step has ended (its log will not grow): asked on the UI thread
   */
  public void show(Workspace workspace, String runId, String stepId, String stepName, BooleanSupplier ended) {
    Target next = new Target(workspace, runId, stepId, stepName, ended);
    if (next.sameStepAs(target)) {
      target = next;
      return;
    }
    target = next;
    loadStreamNames();
    restart();
  }

  /**
   * Opens a step's stream and shows line {@code line} (counted from 1) highlighted: "Show in log".
   * The log is indexed as far as that line first; a line past the end shows the end.
   */
  public void reveal(String runId, String stepId, String streamName, long line) {
    Workspace workspace = target != null && target.runId.equals(runId) ? target.workspace
        : workspaces.get().orElse(null);
    if (workspace == null) {
      return;
    }
    boolean same = target != null && target.runId.equals(runId) && target.stepId.equals(stepId);
    if (!same) {
      boolean[] ended = {false};
      Target t = new Target(workspace, runId, stepId, stepId, () -> ended[0]);
      target = t;
      loadStreamNames();
      // the step's name for the title, and whether its log is complete
      executor.submit(() -> workspace.childRuns(runId).stream().filter(c -> c.stepId().equals(stepId)).findFirst(),
          child -> child.ifPresent(c -> {
            ended[0] = c.status().isFinal();
            if (target == t) {
              t.stepName = c.stepName();
              title.set(t.stepName + " · " + stream.get());
            }
          }), e -> LOG.debug("Cannot read the steps of run {}", runId, e));
    }
    if (!streams.contains(streamName)) {
      streams.add(streamName);
    }
    problemsOnly.set(false);
    if (!streamName.equals(stream.get())) {
      stream.set(streamName); // restarts
    } else if (!same) {
      restart();
    }
    goToLine(line);
    revealed.set(revealed.get() + 1);
  }

  /**
   * Shows one stream that is not a step's (a file the user opened; the bench).
   *
   * @param label what the title calls it
   */
  public void show(LogStream logStream, String label, BooleanSupplier ended) {
    Target next = new Target(null, "", label, label, ended);
    next.stream = logStream;
    target = next;
    streams.setAll(logStream.name());
    if (logStream.name().equals(stream.get())) {
      restart();
    } else {
      stream.set(logStream.name()); // restarts
    }
  }

  /** Shows nothing (the run's decorations were cleared, another document was opened). */
  public void clear() {
    target = null;
    restart();
  }

  public String stepId() {
    return target == null ? null : target.stepId;
  }

  public String runId() {
    return target == null ? null : target.runId;
  }

  private void loadStreamNames() {
    Target of = target;
    executor.submit(() -> of.workspace.logStreams(of.runId, of.stepId), names -> {
      if (of != target) {
        return;
      }
      List<String> all = new ArrayList<>(List.of(LogStream.DRIVER_STDOUT, LogStream.DRIVER_STDERR, LogStream.PIPEWRIGHT));
      names.stream().filter(n -> !all.contains(n)).sorted().forEach(all::add);
      if (!all.contains(stream.get())) {
        all.add(stream.get());
      }
      streams.setAll(all);
    }, e -> LOG.debug("Cannot list the log streams of {}/{}", of.runId, of.stepId, e));
  }

  private void restart() {
    if (session != null) {
      session.close();
    }
    session = null;
    rowCount.set(0);
    lineCount.set(0);
    topRow.set(0);
    following.set(true);
    highlightedLine.set(-1);
    selectionAnchor.set(-1);
    selectionCaret.set(-1);
    searchStatus.set("");
    searchProgress.set(-1);
    status.set("");
    notice.set("");
    bump();
    if (target == null) {
      title.set("");
      runLabel.set("");
      placeholder.set(NOTHING_SHOWN);
      stopTicking();
      return;
    }
    title.set(target.stepName + " · " + stream.get());
    runLabel.set(target.runId.isEmpty() ? "" : "run " + target.runId);
    placeholder.set("Opening " + stream.get() + " of " + target.stepName + "…");
    Target of = target;
    String name = stream.get();
    Session s = new Session(of, name);
    session = s;
    executor.submit(() -> new LogBytes(of.stream != null ? of.stream : of.workspace.log(of.runId, of.stepId, name)),
        bytes -> {
      if (session != s) {
        return;
      }
      s.bytes = bytes;
      placeholder.set(target.stepName + " has written nothing to " + name + " yet.");
      if (ticking == null) {
        ticking = executor.every(TICK, this::tick);
      }
      tick();
      if (!query.get().isEmpty()) {
        startSearch(false); // counts again for the new stream, without moving the view
      }
      if (problemsOnly.get()) {
        filterChanged();
      }
    }, e -> {
      if (session == s) {
        placeholder.set("Cannot read " + name + " of " + of.stepName + ": " + e.getMessage());
      }
    });
  }

  private void stopTicking() {
    if (ticking != null) {
      ticking.cancel();
      ticking = null;
    }
  }

  // ---------------------------------------------------------------- following

  /** One round: index what is new, extend the search and the filter, take in progress. */
  void tick() {
    Session s = session;
    if (s == null || s.bytes == null || !visible.get()) {
      return;
    }
    boolean ended = s.target.ended.getAsBoolean();
    if (!s.indexing && !(s.indexComplete && s.endedWhenIndexed) && !s.searchRunning()) {
      startIndexing(s, ended);
    }
    publish(s);
    if (s.search != null) {
      s.search.tick(ended);
    }
    if (s.filter != null) {
      s.filter.tick(ended);
    }
    if (s.saving != null) {
      saveProgress.set(s.saving.fraction());
    }
  }

  private void startIndexing(Session s, boolean ended) {
    s.indexing = true;
    s.endedWhenIndexed = ended;
    executor.submit(() -> {
      try (LogBytes.Reader reader = s.bytes.open()) {
        byte[] chunk = new byte[INDEX_CHUNK];
        boolean first = true;
        while (!s.closed) {
          long size = s.bytes.size();
          s.size = size;
          long at = s.index.scanned();
          if (at >= size) {
            return true;
          }
          int n = reader.read(at, chunk, 0, (int) Math.min(chunk.length, size - at));
          if (n <= 0) {
            return true;
          }
          s.index.scan(chunk, n);
          if (first) {
            first = false;
            executor.onUiThread(() -> publish(s)); // the first screen without waiting for the tick
          }
          if (s.searchRunning()) {
            return false; // a search takes the cores first (it is what the user waits for); a tick resumes
          }
        }
        return false;
      }
    }, done -> {
      s.indexing = false;
      s.indexComplete = done;
      if (session == s) {
        publish(s);
      }
    }, e -> {
      s.indexing = false;
      if (session == s) {
        placeholder.set("Cannot read " + s.name + ": " + e.getMessage());
      }
    });
  }

  /** Takes in the index as it stands: rows, the tail when following, the rows to decode. */
  private void publish(Session s) {
    if (session != s) {
      return;
    }
    LineIndex.Snapshot idx = s.index.snapshot();
    boolean indexState = s.indexComplete;
    if (idx.scanned() == s.published.scanned() && s.placed && s.pendingLine < 0 && indexState == s.publishedComplete
        && !(problemsOnly.get() && s.filter != null && s.filter.running)) {
      return; // nothing new
    }
    s.publishedComplete = indexState;
    if (idx.scanned() != s.published.scanned()) {
      // The last line may have grown: read it again.
      if (s.published.lines() > 0) {
        s.cache.remove(s.published.lines() - 1);
      }
    }
    boolean foldsChanged = idx.folds() != s.published.folds();
    boolean linesChanged = idx.lines() != s.published.lines();
    s.published = idx;
    if (!problemsOnly.get() && (foldsChanged || linesChanged || s.rows == RowMap.EMPTY)) {
      s.rows = RowMap.of(idx, s.unfolded);
    }
    lineCount.set(idx.lines());
    rowCount.set(s.rows.rows() + estimatedRowsNotIndexed(s));
    if (!s.placed && (idx.scanned() > 0 || s.indexComplete)) {
      s.placed = true;
      if (s.target.ended.getAsBoolean() && !s.indexComplete && idx.scanned() < s.size) {
        // a big finished log opens at its start, at once, rather than at its end once indexed
        following.set(false);
        topRow.set(0);
      }
    }
    if (s.pendingLine >= 0 && (idx.lines() > s.pendingLine || s.indexComplete)) {
      long line = Math.min(s.pendingLine, Math.max(0, idx.lines() - 1));
      s.pendingLine = -1;
      showLine(line);
    }
    if (following.get()) {
      scrollToEnd();
    }
    updateStatus(s);
    ensureLoaded();
    bump();
  }

  /**
   * While the index is being built, the rows of the rest of the log as estimated from the lines per
   * byte so far: the scroll bar spans the whole log from the start (those rows show once indexed).
   */
  private long estimatedRowsNotIndexed(Session s) {
    LineIndex.Snapshot idx = s.published;
    long size = s.size;
    if (problemsOnly.get() || s.indexComplete || idx.scanned() == 0 || size <= idx.scanned()) {
      return 0;
    }
    return (long) ((size - idx.scanned()) * ((double) idx.lines() / idx.scanned()));
  }

  private void updateStatus(Session s) {
    LineIndex.Snapshot idx = s.published;
    StringBuilder line = new StringBuilder();
    line.append(String.format(Locale.ROOT, "%,d lines · %s", idx.lines(), Bytes.format(idx.scanned())));
    if (!s.indexComplete && s.size > 0 && idx.scanned() < s.size) {
      line.append(String.format(Locale.ROOT, " · indexing %d%%", (int) (100 * idx.scanned() / s.size)));
    }
    if (problemsOnly.get() && s.filter != null) {
      line.append(String.format(Locale.ROOT, " · %,d errors, warnings and exception lines", s.filter.kept.size()));
      if (s.filter.running) {
        line.append(String.format(Locale.ROOT, " (filtering %d%%)", (int) (100 * s.filter.fraction())));
      }
    }
    status.set(line.toString());
    if (idx.lines() == 0 && s.indexComplete && s.endedWhenIndexed) {
      placeholder.set(s.target.stepName + " wrote nothing to " + s.name + ".");
    }
  }

  // ---------------------------------------------------------------- rows

  /** The row {@code row} as decoded, or null while it is being read. */
  public Row row(long row) {
    Session s = session;
    if (s == null || row < 0 || row >= s.rows.rows()) {
      return null;
    }
    long line = s.rows.row(row);
    if (line < 0) {
      return new Row(s.rows.firstLineOf(row), null, s.rows.hiddenAt(row));
    }
    StyledLine styled = s.cache.get(line);
    return styled == null ? null : new Row(line, styled, 0);
  }

  /** The text of the rows on screen, for tests and a glance: folds as their label. */
  public List<String> shownLines() {
    List<String> out = new ArrayList<>();
    long top = topRow.get();
    for (long r = top; r < Math.min(rowCount.get(), top + visibleRows.get()); r++) {
      Row row = row(r);
      if (row != null) {
        out.add(row.isFold() ? row.foldLabel() : row.styled().text());
      }
    }
    return out;
  }

  /** The text of the highlighted line while it is on screen (decoded), else empty. */
  public Optional<String> highlightedText() {
    long line = highlightedLine.get();
    long top = topRow.get();
    for (long r = top; line >= 0 && r < Math.min(rowCount.get(), top + visibleRows.get()); r++) {
      Row row = row(r);
      if (row != null && !row.isFold() && row.line() == line) {
        return Optional.of(row.styled().text());
      }
    }
    return Optional.empty();
  }

  /** Scrolls so that {@code row} is the top row; following stops unless this is the end. */
  public void scrollTo(long row) {
    long top = Math.max(0, Math.min(row, maxTop()));
    topRow.set(top);
    following.set(top >= endTop());
    ensureLoaded();
  }

  /** Scrolls to the end (of what is indexed) and follows the log while it grows. */
  public void scrollToEnd() {
    topRow.set(endTop());
    following.set(true);
    ensureLoaded();
  }

  private long maxTop() {
    return Math.max(0, rowCount.get() - visibleRows.get());
  }

  /** The top row that shows the last row read so far. */
  private long endTop() {
    Session s = session;
    long known = s == null ? rowCount.get() : s.rows.rows();
    return Math.max(0, known - visibleRows.get());
  }

  /** Reads the rows around the screen that are not decoded yet (one read at a time). */
  private void ensureLoaded() {
    Session s = session;
    if (s == null || s.bytes == null || s.loading) {
      return;
    }
    int screen = Math.max(1, visibleRows.get());
    long from = Math.max(0, topRow.get() - (long) screen * MARGIN_SCREENS);
    long to = Math.min(s.rows.rows(), topRow.get() + (long) screen * (1 + MARGIN_SCREENS));
    List<long[]> ranges = new ArrayList<>();
    for (long r = from; r < to; r++) {
      long line = s.rows.row(r);
      if (line < 0 || s.cache.containsKey(line)) {
        continue;
      }
      long[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
      if (last != null && last[0] + last[1] == line) {
        last[1]++;
      } else {
        ranges.add(new long[] {line, 1});
      }
    }
    if (ranges.isEmpty()) {
      return;
    }
    s.loading = true;
    long limit = s.published.scanned();
    executor.submit(() -> {
      Map<Long, StyledLine> read = new HashMap<>();
      try (LogBytes.Reader reader = s.bytes.open()) {
        for (long[] range : ranges) {
          List<String> lines = LineReader.read(reader, s.index, range[0], (int) range[1], limit);
          for (int i = 0; i < lines.size(); i++) {
            read.put(range[0] + i, StyledLine.of(lines.get(i)));
          }
        }
      }
      return read;
    }, read -> {
      s.loading = false;
      if (session != s) {
        return;
      }
      if (s.cache.size() + read.size() > 6 * screen * (1 + 2 * MARGIN_SCREENS) + 1000) {
        s.cache.clear();
      }
      s.cache.putAll(read);
      bump();
      if (!read.isEmpty()) {
        ensureLoaded();
      }
    }, e -> {
      s.loading = false;
      LOG.warn("Cannot read {}", s.name, e);
    });
  }

  private void bump() {
    contentVersion.set(contentVersion.get() + 1);
  }

  /** Opens or closes the fold at {@code row} (a fold's row, or its first frame's row). */
  public void toggleFold(long row) {
    Session s = session;
    if (s == null || s.rows.isFiltered() || row < 0 || row >= s.rows.rows()) {
      return;
    }
    long line = s.rows.row(row);
    LineIndex.Snapshot idx = s.published;
    int f;
    if (line < 0) {
      f = (int) (-line - 1);
    } else {
      // the frame before a fold, or a line of an opened fold: find the fold that starts after it
      f = -1;
      for (int k = 0; k < idx.folds(); k++) {
        long first = idx.foldFirst()[k];
        if (first - 1 <= line && line < first + idx.foldHidden()[k]) {
          f = k;
          break;
        }
        if (first > line + 1) {
          break;
        }
      }
      if (f < 0) {
        return;
      }
    }
    s.unfolded.flip(f);
    s.rows = RowMap.of(idx, s.unfolded);
    rowCount.set(s.rows.rows());
    ensureLoaded();
    bump();
  }

  // ---------------------------------------------------------------- lines

  /** Scrolls to line {@code line} (counted from 1) and highlights it; waits for the index to reach it. */
  public void goToLine(long line) {
    Session s = session;
    long target0 = Math.max(0, line - 1);
    if (s == null) {
      return;
    }
    if (s.published.lines() > target0 || (s.indexComplete && s.published.lines() > 0)) {
      showLine(Math.min(target0, s.published.lines() - 1));
    } else {
      s.pendingLine = target0;
    }
  }

  private void showLine(long line) {
    Session s = session;
    if (s.rows.isFiltered() && !s.filter.keptContains(line)) {
      problemsOnly.set(false); // the line is not among the filtered ones: show all
    }
    highlightedLine.set(line);
    long row = s.rows.rowOf(line);
    if (!s.rows.isFiltered() && s.rows.row(row) < 0) {
      toggleFold(row); // unfold the frames the line is in
      row = s.rows.rowOf(line);
    }
    scrollTo(row - visibleRows.get() / 3);
    bump();
  }

  /** The line (0-based) a row shows; a fold's first hidden line. */
  public long lineOfRow(long row) {
    Session s = session;
    return s == null || row < 0 || row >= s.rows.rows() ? -1 : s.rows.firstLineOf(row);
  }

  // ---------------------------------------------------------------- search

  private void searchSoon() {
    executor.debounce(this, Duration.ofMillis(200), this::startSearch);
  }

  /** Starts counting the current query over the whole log (a search under way is dropped). */
  void startSearch() {
    startSearch(true);
  }

  /** @param jump whether to go to the first match once counted (a query the user just typed) */
  private void startSearch(boolean jump) {
    Session s = session;
    if (s == null) {
      return;
    }
    if (s.search != null && s.search.text.equals(query.get()) && s.search.regex == regex.get()
        && s.search.matchCase == matchCase.get()) {
      return; // already counting (or counted) this
    }
    if (s.search != null) {
      s.search.cancel();
      s.search = null;
    }
    searchInvalid.set(false);
    searchProgress.set(-1);
    highlightedLine.set(-1);
    if (query.get().isEmpty()) {
      searchStatus.set("");
      bump();
      return;
    }
    SearchPattern pattern;
    try {
      pattern = SearchPattern.of(query.get(), regex.get(), matchCase.get());
    } catch (PatternSyntaxException e) {
      searchInvalid.set(true);
      searchStatus.set("Not a regular expression: " + e.getDescription());
      return;
    }
    if (s.bytes == null) {
      return; // started when the stream is open
    }
    s.search = new Search(s, query.get(), regex.get(), matchCase.get(), pattern);
    s.search.jump = jump;
    s.search.start(s.target.ended.getAsBoolean());
    bump();
  }

  /** For marking matches in the rows shown; null without a query. */
  public Pattern highlightPattern() {
    Session s = session;
    return s == null || s.search == null ? null : s.search.display;
  }

  /** Goes to the next matching line after the highlighted (or top) line; F3, Enter. */
  public void next() {
    step(true);
  }

  /** Goes to the previous matching line; Shift+F3, Shift+Enter. */
  public void previous() {
    step(false);
  }

  private void step(boolean forward) {
    Session s = session;
    if (s == null || s.search == null) {
      if (!query.get().isEmpty()) {
        startSearch();
      }
      return;
    }
    Search search = s.search;
    if (!search.done) {
      search.pendingStep = forward ? 1 : -1;
      return;
    }
    if (search.total == 0) {
      return;
    }
    long[] offsets = search.offsets.array();
    int kept = search.offsets.size();
    if (search.current >= 0 && search.current < kept && (search.currentLine == highlightedLine.get()
        || search.currentLine == PENDING)) {
      // on from the current match, even while the last step's line is still being found
      int k = forward ? (search.current + 1) % kept : (search.current - 1 + kept) % kept;
      search.current = k;
      search.currentLine = PENDING;
      search.describe();
      executor.submit(() -> {
        try (LogBytes.Reader reader = s.bytes.open()) {
          return LineReader.lineOf(reader, s.index, offsets[k]);
        }
      }, line -> {
        if (session == s && s.search == search && search.current == k) {
          search.currentLine = line;
          showLine(line);
        }
      }, e -> LOG.warn("Cannot find the next match in {}", s.name, e));
      return;
    }
    long from = highlightedLine.get() >= 0 ? highlightedLine.get() : lineOfRow(topRow.get());
    executor.submit(() -> {
      try (LogBytes.Reader reader = s.bytes.open()) {
        long at = from < 0 ? -1 : LineReader.offsetOf(reader, s.index, Math.max(0, from));
        int k;
        if (from < 0) {
          k = forward ? 0 : kept - 1;
        } else if (forward) {
          k = java.util.Arrays.binarySearch(offsets, 0, kept, at + 1);
          k = k >= 0 ? k : -k - 1;
          if (k >= kept) {
            k = 0; // wrap to the first
          }
        } else {
          k = java.util.Arrays.binarySearch(offsets, 0, kept, at);
          k = (k >= 0 ? k : -k - 1) - 1;
          if (k < 0) {
            k = kept - 1; // wrap to the last
          }
        }
        return new long[] {k, LineReader.lineOf(reader, s.index, offsets[k])};
      }
    }, found -> {
      if (session != s || s.search != search) {
        return;
      }
      search.current = (int) found[0];
      search.currentLine = found[1];
      search.describe();
      showLine(found[1]);
    }, e -> LOG.warn("Cannot find the next match in {}", s.name, e));
  }

  private static final long PENDING = -2;

  /** One search of the whole log: parts counted in parallel, then extended as the log grows. */
  private final class Search {
    final Session s;
    final String text;
    final boolean regex;
    final boolean matchCase;
    final Pattern display;
    final List<Part> parts = new ArrayList<>();
    final LongList offsets = new LongList(1024);
    long total;
    long searchedTo;
    boolean done;
    boolean extending;
    volatile boolean cancelled;
    int current = -1;
    long currentLine = -1;
    boolean jump = true;
    int pendingStep;
    long size;

    Search(Session s, String text, boolean regex, boolean matchCase, SearchPattern first) {
      this.s = s;
      this.text = text;
      this.regex = regex;
      this.matchCase = matchCase;
      this.display = first.display();
    }

    void start(boolean ended) {
      searchStatus.set("Counting…");
      searchProgress.set(0);
      executor.submit(s.bytes::size, size -> {
        if (cancelled) {
          return;
        }
        this.size = size;
        int n = size < (8 << 20) ? 1 : SEARCH_PARTS;
        for (int k = 0; k < n; k++) {
          Part part = new Part(size * k / n, size * (k + 1) / n);
          parts.add(part);
        }
        for (Part part : List.copyOf(parts)) {
          run(part, ended || s.target.ended.getAsBoolean(), true, () -> partDone());
        }
      }, e -> searchStatus.set("Cannot search: " + e.getMessage()));
    }

    /** Counts one part; a part of the first count ({@code first}) has the index wait, one of what was appended not. */
    private void run(Part part, boolean takeUnended, boolean first, Runnable then) {
      boolean lastPart = parts.isEmpty() || part == parts.get(parts.size() - 1);
      int yielding = first ? 1 : 0;
      s.searching(+yielding);
      executor.submit(() -> {
        SearchPattern pattern = SearchPattern.of(text, regex, matchCase);
        try (LogBytes.Reader reader = s.bytes.openForScan()) {
          byte[] sample = new byte[64 * 1024];
          pattern.tuneTo(sample, reader.read(part.start, sample, 0, sample.length));
          part.end = LineScanner.scan(reader, part.start, part.limit, takeUnended && lastPart, (b, from, to, base) ->
              part.count.addAndGet(pattern.matchLines(b, from, to, base, part.offsets, KEEP_MATCHES / SEARCH_PARTS)),
              part.progress, () -> cancelled || s.closed);
        } finally {
          s.searching(-yielding);
        }
        return part;
      }, p -> then.run(), e -> {
        if (!cancelled) {
          searchStatus.set("Cannot search: " + e.getMessage());
        }
      });
    }

    private void partDone() {
      if (cancelled || parts.stream().anyMatch(p -> p.end == Long.MIN_VALUE)) {
        return;
      }
      for (Part p : parts) {
        total += p.count.get();
        offsets.addAll(p.offsets);
      }
      searchedTo = parts.get(parts.size() - 1).end;
      parts.clear();
      done = true;
      searchProgress.set(-1);
      describe();
      bump();
      if (pendingStep != 0) {
        boolean forward = pendingStep > 0;
        pendingStep = 0;
        step(forward);
      } else if (total > 0 && jump && highlightedLine.get() < 0) {
        step(true);
      }
    }

    /** Takes in progress; once done, searches what the log has grown by. */
    void tick(boolean ended) {
      if (cancelled) {
        return;
      }
      if (!done) {
        long scanned = parts.stream().mapToLong(p -> p.progress.get()).sum();
        long found = parts.stream().mapToLong(p -> p.count.get()).sum();
        searchProgress.set(size == 0 ? 0 : Math.min(1, (double) scanned / size));
        searchStatus.set(String.format(Locale.ROOT, "Counting… %,d", found));
        return;
      }
      if (extending || s.published.scanned() <= searchedTo) {
        return;
      }
      extending = true;
      Part more = new Part(searchedTo, Long.MAX_VALUE);
      parts.add(more);
      run(more, ended, false, () -> {
        extending = false;
        parts.clear();
        if (cancelled || more.end < 0) {
          return;
        }
        total += more.count.get();
        offsets.addAll(more.offsets);
        searchedTo = more.end;
        describe();
      });
    }

    void describe() {
      if (total == 0) {
        searchStatus.set("No matches");
      } else if (current < 0) {
        searchStatus.set(String.format(Locale.ROOT, "%,d matching lines", total));
      } else {
        searchStatus.set(String.format(Locale.ROOT, "%,d of %,d", current + 1, total));
      }
    }

    void cancel() {
      cancelled = true;
    }
  }

  /** One stretch of the log a search counts: lines that start in [start, limit). */
  private static final class Part {
    final long start;
    final long limit;
    final AtomicLong count = new AtomicLong();
    final AtomicLong progress = new AtomicLong();
    final LongList offsets = new LongList(256);
    volatile long end = Long.MIN_VALUE;

    Part(long start, long limit) {
      this.start = start;
      this.limit = limit;
    }
  }

  /** The matching lines found so far (complete once the search is done), or -1 without a search. */
  public long matchCount() {
    Session s = session;
    return s == null || s.search == null || !s.search.done ? -1 : s.search.total;
  }

  // ---------------------------------------------------------------- filter

  private void filterChanged() {
    Session s = session;
    if (s == null || s.bytes == null) {
      return;
    }
    long line = highlightedLine.get() >= 0 ? highlightedLine.get() : lineOfRow(topRow.get());
    if (problemsOnly.get()) {
      if (s.filter == null) {
        s.filter = new Filter(s);
      }
      s.rows = RowMap.filtered(s.filter.kept.array(), s.filter.kept.size());
      s.filter.tick(s.target.ended.getAsBoolean());
    } else {
      s.rows = RowMap.of(s.published, s.unfolded);
    }
    rowCount.set(s.rows.rows());
    selectionAnchor.set(-1);
    selectionCaret.set(-1);
    if (following.get()) {
      scrollToEnd();
    } else if (line >= 0) {
      scrollTo(s.rows.rowOf(line) - visibleRows.get() / 3);
    }
    updateStatus(s);
    ensureLoaded();
    bump();
  }

  /** The filter's scan: from the start, then on as the log grows; kept lines reach the UI batch by batch. */
  private final class Filter {
    final Session s;
    final ProblemFilter scan = new ProblemFilter();
    final LongList kept = new LongList(1024);
    final AtomicLong progress = new AtomicLong();
    boolean running;
    long size;

    Filter(Session s) {
      this.s = s;
    }

    void tick(boolean ended) {
      if (running || scan.offset() >= s.published.scanned()) {
        return;
      }
      running = true;
      size = Math.max(s.published.scanned(), s.size);
      executor.submit(() -> {
        try (LogBytes.Reader reader = s.bytes.openForScan()) {
          long from = scan.offset();
          progress.set(from);
          return LineScanner.scan(reader, from, Long.MAX_VALUE, ended, (b, f, t, base) -> {
            int before = scan.lines().size();
            scan.feed(b, f, t);
            int after = scan.lines().size();
            if (after > before) {
              LongList batch = new LongList(after - before);
              for (int i = before; i < after; i++) {
                batch.add(scan.lines().get(i));
              }
              executor.onUiThread(() -> take(batch));
            }
          }, progress, () -> s.closed);
        }
      }, end -> {
        running = false;
        updateStatus(s);
      }, e -> {
        running = false;
        LOG.warn("Cannot filter {}", s.name, e);
      });
    }

    private void take(LongList batch) {
      kept.addAll(batch);
      if (session == s && problemsOnly.get()) {
        s.rows = RowMap.filtered(kept.array(), kept.size());
        rowCount.set(s.rows.rows());
        if (following.get()) {
          scrollToEnd();
        }
        ensureLoaded();
        bump();
      }
    }

    double fraction() {
      return size == 0 ? 1 : Math.min(1, (double) progress.get() / size);
    }

    boolean keptContains(long line) {
      int k = kept.ceiling(line);
      return k < kept.size() && kept.get(k) == line;
    }
  }

  // ---------------------------------------------------------------- selection, copy, save

  /** Selects rows from {@code anchor} to {@code caret} (either order). */
  public void select(long anchor, long caret) {
    selectionAnchor.set(anchor);
    selectionCaret.set(caret);
    bump();
  }

  public void selectAll() {
    if (rowCount.get() > 0) {
      select(0, rowCount.get() - 1);
    }
  }

  public boolean isSelected(long row) {
    long a = selectionAnchor.get();
    long c = selectionCaret.get();
    return a >= 0 && row >= Math.min(a, c) && row <= Math.max(a, c);
  }

  /**
   * Reads the selected lines (without escape codes; a fold's frames included) in the background and
   * hands their text over; at most {@link #MAX_COPY_LINES} lines.
   */
  public void copySelection(Consumer<String> to) {
    Session s = session;
    long a = selectionAnchor.get();
    long c = selectionCaret.get();
    if (s == null || a < 0 || s.bytes == null) {
      return;
    }
    long fromRow = Math.min(a, c);
    long toRow = Math.min(Math.max(a, c), s.rows.rows() - 1);
    List<long[]> ranges = new ArrayList<>();
    long lines = 0;
    if (s.rows.isFiltered()) {
      for (long r = fromRow; r <= toRow && lines < MAX_COPY_LINES; r++, lines++) {
        long line = s.rows.row(r);
        long[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
        if (last != null && last[0] + last[1] == line) {
          last[1]++;
        } else {
          ranges.add(new long[] {line, 1});
        }
      }
    } else {
      long first = s.rows.firstLineOf(fromRow);
      long last = s.rows.lastLineOf(toRow);
      lines = Math.min(MAX_COPY_LINES, last - first + 1);
      ranges.add(new long[] {first, lines});
    }
    long total = s.rows.isFiltered() ? toRow - fromRow + 1 : s.rows.lastLineOf(toRow) - s.rows.firstLineOf(fromRow) + 1;
    long limit = s.published.scanned();
    executor.submit(() -> {
      StringBuilder text = new StringBuilder();
      try (LogBytes.Reader reader = s.bytes.open()) {
        for (long[] range : ranges) {
          for (String raw : LineReader.read(reader, s.index, range[0], (int) range[1], limit)) {
            text.append(StyledLine.of(raw).text()).append('\n');
          }
        }
      }
      return text.toString();
    }, text -> {
      to.accept(text);
      notice.set(total > MAX_COPY_LINES
          ? String.format(Locale.ROOT, "Copied the first %,d of %,d lines: Save… writes the whole log", MAX_COPY_LINES, total)
          : String.format(Locale.ROOT, "Copied %,d lines", total));
    }, e -> notice.set("Cannot copy: " + e.getMessage()));
  }

  /** Writes the whole stream as it is now to {@code file}, in the background, with progress. */
  public void save(Path file) {
    Session s = session;
    if (s == null || s.bytes == null || s.saving != null) {
      return;
    }
    Saving saving = new Saving();
    s.saving = saving;
    saveProgress.set(0);
    executor.submit(() -> {
      long size = s.bytes.size();
      saving.size = size;
      byte[] chunk = new byte[1 << 20];
      try (LogBytes.Reader reader = s.bytes.open(); OutputStream out = Files.newOutputStream(file)) {
        long at = 0;
        while (at < size) {
          int n = reader.read(at, chunk, 0, (int) Math.min(chunk.length, size - at));
          if (n <= 0) {
            break;
          }
          out.write(chunk, 0, n);
          at += n;
          saving.written.set(at);
        }
        return at;
      }
    }, written -> {
      s.saving = null;
      saveProgress.set(-1);
      notice.set("Saved " + Bytes.format(written) + " of " + s.name + " to " + file);
    }, e -> {
      s.saving = null;
      saveProgress.set(-1);
      notice.set("Cannot save to " + file + ": " + e.getMessage());
    });
  }

  /** A suggested file name for Save…: "prep-driver-stdout.log". */
  public String suggestedFileName() {
    return target == null ? "log.txt" : target.stepId + "-" + stream.get().replace('/', '-') + ".log";
  }

  private static final class Saving {
    final AtomicLong written = new AtomicLong();
    volatile long size;

    double fraction() {
      return size == 0 ? 0 : (double) written.get() / size;
    }
  }

  // ---------------------------------------------------------------- properties

  public ObjectProperty<String> streamProperty() {
    return stream;
  }

  /** The streams of the step shown: driver stdout and stderr, Pipewright's log, executors' where there are. */
  public ObservableList<String> streams() {
    return streams;
  }

  /** Bound to the tab being shown: hidden, the log is not read. */
  public BooleanProperty visibleProperty() {
    return visible;
  }

  /** "Prepare data · driver/stdout". */
  public ReadOnlyStringProperty titleProperty() {
    return title.getReadOnlyProperty();
  }

  /** "run 20261205-…". */
  public ReadOnlyStringProperty runLabelProperty() {
    return runLabel.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty placeholderProperty() {
    return placeholder.getReadOnlyProperty();
  }

  /** "1,234,567 lines · 1.0 GB · indexing 45%". */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** What the last copy or save did: "Copied 12 lines", "Saved 1.0 GB of driver/stdout to …". */
  public ReadOnlyStringProperty noticeProperty() {
    return notice.getReadOnlyProperty();
  }

  public ReadOnlyLongProperty rowCountProperty() {
    return rowCount.getReadOnlyProperty();
  }

  /** Lines of the log (counting a last line not ended yet). */
  public ReadOnlyLongProperty lineCountProperty() {
    return lineCount.getReadOnlyProperty();
  }

  public ReadOnlyLongProperty topRowProperty() {
    return topRow.getReadOnlyProperty();
  }

  /** How many rows the view shows: set by the view. */
  public IntegerProperty visibleRowsProperty() {
    return visibleRows;
  }

  /** Whether the view keeps to the end while the log grows (until the user scrolls up). */
  public ReadOnlyBooleanProperty followingProperty() {
    return following.getReadOnlyProperty();
  }

  /** Changes whenever what the rows show changed: the view redraws. */
  public ReadOnlyLongProperty contentVersionProperty() {
    return contentVersion.getReadOnlyProperty();
  }

  /** The line (0-based) shown highlighted: a match, a line gone to; -1 for none. */
  public ReadOnlyLongProperty highlightedLineProperty() {
    return highlightedLine.getReadOnlyProperty();
  }

  public ReadOnlyLongProperty selectionAnchorProperty() {
    return selectionAnchor.getReadOnlyProperty();
  }

  public ReadOnlyLongProperty selectionCaretProperty() {
    return selectionCaret.getReadOnlyProperty();
  }

  public StringProperty queryProperty() {
    return query;
  }

  public BooleanProperty regexProperty() {
    return regex;
  }

  public BooleanProperty matchCaseProperty() {
    return matchCase;
  }

  /** "12 of 3,456", "Counting… 1,024", "No matches", or why the expression is not valid. */
  public ReadOnlyStringProperty searchStatusProperty() {
    return searchStatus.getReadOnlyProperty();
  }

  /** 0 to 1 while counting, -1 otherwise. */
  public ReadOnlyDoubleProperty searchProgressProperty() {
    return searchProgress.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty searchInvalidProperty() {
    return searchInvalid.getReadOnlyProperty();
  }

  /** Only errors, warnings and exception blocks. */
  public BooleanProperty problemsOnlyProperty() {
    return problemsOnly;
  }

  /** 0 to 1 while saving, -1 otherwise. */
  public ReadOnlyDoubleProperty saveProgressProperty() {
    return saveProgress.getReadOnlyProperty();
  }

  /** Counts {@link #reveal} calls: the window shows the Log tab when it changes. */
  public ReadOnlyLongProperty revealedProperty() {
    return revealed.getReadOnlyProperty();
  }

  /**
   * A row as the view draws it.
   *
   * @param line the line (0-based); for a fold, its first hidden line
   * @param styled the decoded line; null for a fold
   * @param folded how many frames a fold hides; 0 for a line
   */
  public record Row(long line, StyledLine styled, int folded) {
    public boolean isFold() {
      return styled == null;
    }

    /** "▸ 23 more frames". */
    public String foldLabel() {
      return "▸ " + folded + " more frame" + (folded == 1 ? "" : "s");
    }
  }

  /** The stream shown and all that was learnt about it. */
  private static final class Session {
    final Target target;
    final String name;
    final LineIndex index = new LineIndex();
    final Map<Long, StyledLine> cache = new HashMap<>();
    final BitSet unfolded = new BitSet();
    volatile LogBytes bytes;
    volatile long size;
    volatile boolean closed;
    LineIndex.Snapshot published = LineIndex.Snapshot.EMPTY;
    RowMap rows = RowMap.EMPTY;
    boolean indexing;
    boolean placed;
    boolean publishedComplete;
    boolean indexComplete;
    boolean endedWhenIndexed;
    boolean loading;
    long pendingLine = -1;
    Search search;
    Filter filter;
    Saving saving;

    Session(Target target, String name) {
      this.target = target;
      this.name = name;
    }

    void close() {
      closed = true;
      if (search != null) {
        search.cancel();
      }
      searching(0);
    }

    private final Object searchLock = new Object();
    private int searchParts;

    /** A search part starts (+1) or ends (-1). */
    void searching(int change) {
      synchronized (searchLock) {
        searchParts += change;
        searchLock.notifyAll();
      }
    }

    boolean searchRunning() {
      synchronized (searchLock) {
        return searchParts > 0;
      }
    }
  }

  private static final class Target {
    final Workspace workspace;
    final String runId;
    final String stepId;
    String stepName;
    final BooleanSupplier ended;
    LogStream stream;

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

  /** Sizes as people read them. */
  static final class Bytes {
    private Bytes() {}

    static String format(long bytes) {
      if (bytes < 1024) {
        return bytes + " B";
      }
      if (bytes < 1024 * 1024) {
        return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
      }
      if (bytes < 1024L * 1024 * 1024) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
      }
      return String.format(Locale.ROOT, "%.2f GB", bytes / (1024.0 * 1024 * 1024));
    }
  }

  /** Ends reading (the window closes). */
  public void dispose() {
    if (session != null) {
      session.close();
    }
    stopTicking();
  }

  /** For the bench: bytes of the log shown taken in by the index, and counted by the search. */
  long[] coveredBytes() {
    Session s = session;
    if (s == null) {
      return new long[] {0, 0};
    }
    return new long[] {s.published.scanned(), s.search == null ? 0 : s.search.searchedTo};
  }

  /** For tests: whether the index has reached the end of what was written when it last looked. */
  boolean indexComplete() {
    return session != null && session.indexComplete;
  }

  /** For tests and the bench: whether no background work of this model is under way. */
  public boolean isIdle() {
    Session s = session;
    return s == null || (!s.indexing && !s.loading && (s.search == null || s.search.done && !s.search.extending)
        && (s.filter == null || !s.filter.running) && s.saving == null);
  }

  /** Whether rows from the top to the screen's end are decoded (the first screen is shown). */
  public boolean screenReady() {
    long top = topRow.get();
    long end = Math.min(rowCount.get(), top + visibleRows.get());
    if (rowCount.get() == 0) {
      return false;
    }
    for (long r = top; r < end; r++) {
      if (row(r) == null) {
        return false;
      }
    }
    return true;
  }

  /** The stream shown, once opened; empty before. Read it off the UI thread. */
  public Optional<LogStream> shownStream() {
    Session s = session;
    return s == null || s.bytes == null ? Optional.empty() : Optional.of(s.bytes.stream());
  }

  /** The file the stream is, when local (for the bench's comparison with grep). */
  Optional<Path> file() {
    Session s = session;
    return s == null || s.bytes == null ? Optional.empty() : s.bytes.file();
  }
}

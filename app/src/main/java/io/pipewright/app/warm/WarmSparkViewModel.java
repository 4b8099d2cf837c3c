package io.pipewright.app.warm;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.fx.TaskExecutor;
import io.pipewright.workspace.WarmSpark;
import io.pipewright.workspace.WarmSpark.Driver;
import io.pipewright.workspace.Workspace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status bar's warm Spark item: whether a warm Spark driver runs (the item is hidden when none
 * does), what it is doing ("Spark warm · 412 MB of 1 GB · idle 3 min", "Spark starting…", "Spark
 * warm · running 2 steps"), each driver in detail for the tooltip, and Stop warm Spark.
 *
 * <p>The drivers tell of every change on their own threads: each change only takes a snapshot of
 * {@link WarmSpark#drivers()} there, and the UI thread applies the latest snapshot once, however many
 * arrived meanwhile. The idle minutes advance once a minute while a driver is up. The UI thread
 * never asks the drivers anything.
 */
public final class WarmSparkViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(WarmSparkViewModel.class);
  /** How often the idle time is said again while a driver is up. */
  static final Duration TICK = Duration.ofMinutes(1);
  private static final long MIB = 1L << 20;
  private static final long GIB = 1L << 30;
  private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm");

  private final AppContext context;
  private final TaskExecutor executor;
  private final Clock clock;
  private final ReadOnlyObjectWrapper<List<Driver>> drivers = new ReadOnlyObjectWrapper<>(this, "drivers", List.of());
  private final ReadOnlyBooleanWrapper shown = new ReadOnlyBooleanWrapper(this, "shown", false);
  private final ReadOnlyBooleanWrapper starting = new ReadOnlyBooleanWrapper(this, "starting", false);
  private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
  private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "");
  private final ReadOnlyStringWrapper stopLabel = new ReadOnlyStringWrapper(this, "stopLabel", "Stop warm Spark");
  /** The snapshot the UI thread applies next, and whether it has been asked to. */
  private final AtomicReference<Snapshot> latest = new AtomicReference<>();
  private final AtomicBoolean queued = new AtomicBoolean();
  /** Numbers the snapshots in the order they were taken: an older one never replaces a newer one. */
  private final java.util.concurrent.atomic.AtomicLong taken = new java.util.concurrent.atomic.AtomicLong();
  /** The number of the snapshot shown (UI thread). */
  private long shownSnapshot;
  private WarmSpark warm;
  private AutoCloseable listening;
  private TaskExecutor.Cancellable ticking;

  /** What the drivers of one workspace said, taken on the thread that told of a change. */
  private record Snapshot(WarmSpark of, List<Driver> drivers, long number) {}

  public WarmSparkViewModel(AppContext context, Clock clock) {
    this.context = context;
    this.executor = context.executor();
    this.clock = clock;
    context.workspaceProperty().addListener((o, was, opened) -> follow(opened));
    follow(context.workspaceProperty().get());
  }

  public WarmSparkViewModel(AppContext context) {
    this(context, Clock.systemDefaultZone());
  }

  /** The warm drivers as last told, oldest first. */
  public ReadOnlyObjectProperty<List<Driver>> driversProperty() {
    return drivers.getReadOnlyProperty();
  }

  /** Whether the item shows: while a warm driver runs (or starts). */
  public ReadOnlyBooleanProperty shownProperty() {
    return shown.getReadOnlyProperty();
  }

  /** Whether every warm driver is still starting (the item shows a spinner). */
  public ReadOnlyBooleanProperty startingProperty() {
    return starting.getReadOnlyProperty();
  }

  /** The item's text: "Spark warm · 412 MB of 1 GB · idle 3 min"; empty while hidden. */
  public ReadOnlyStringProperty textProperty() {
    return text.getReadOnlyProperty();
  }

  /** The tooltip: each driver's key, pid, start, heap and what it is doing. */
  public ReadOnlyStringProperty detailProperty() {
    return detail.getReadOnlyProperty();
  }

  /** "Stop warm Spark", with the steps that would be canceled when some run. */
  public ReadOnlyStringProperty stopLabelProperty() {
    return stopLabel.getReadOnlyProperty();
  }

  /**
   * Stops every warm driver, in the background (steps running in one end as canceled); the next run
   * starts a new one.
   */
  public void stopAll() {
    WarmSpark of = warm;
    if (of == null) {
      return;
    }
    context.statusProperty().set("Stopping warm Spark…");
    executor.submit(() -> {
      of.stopAll();
      return true;
    }, done -> context.statusProperty().set("Stopped warm Spark: the next run starts it again"), e -> {
      LOG.warn("Cannot stop warm Spark", e);
      context.statusProperty().set("Cannot stop warm Spark: " + e.getMessage());
    });
  }

  // ------------------------------------------------------------------------------ following

  private void follow(Workspace workspace) {
    closeListener();
    warm = workspace == null ? null : workspace.warmSpark().orElse(null);
    apply(List.of());
    WarmSpark of = warm;
    if (of == null) {
      return;
    }
    listening = of.addListener(() -> changed(of));
    // The first look, in the background: the drivers may already be up (a workspace opened anew).
    executor.submit(() -> snapshot(of), this::show, e -> LOG.warn("Cannot list the warm Spark drivers", e));
  }

  /** On a driver's thread: takes what the drivers say now; the UI thread applies the latest once. */
  private void changed(WarmSpark of) {
    Snapshot now = snapshot(of);
    latest.accumulateAndGet(now, (was, next) -> was == null || next.number() > was.number() ? next : was);
    if (!queued.getAndSet(true)) {
      executor.onUiThread(() -> {
        queued.set(false);
        Snapshot s = latest.getAndSet(null);
        if (s != null) {
          show(s);
        }
      });
    }
  }

  private Snapshot snapshot(WarmSpark of) {
    long number = taken.incrementAndGet(); // before asking: a snapshot numbered later was taken later
    return new Snapshot(of, of.drivers(), number);
  }

  /** On the UI thread: shows a snapshot of the workspace's drivers unless a newer one is shown. */
  private void show(Snapshot s) {
    if (s.of() == warm && s.number() > shownSnapshot) {
      shownSnapshot = s.number();
      apply(s.drivers());
    }
  }

  private void closeListener() {
    if (listening != null) {
      try {
        listening.close();
      } catch (Exception e) {
        LOG.debug("Cannot remove the warm Spark listener", e);
      }
      listening = null;
    }
  }

  private void apply(List<Driver> now) {
    drivers.set(List.copyOf(now));
    boolean any = !now.isEmpty();
    int running = now.stream().mapToInt(Driver::runningSteps).sum();
    stopLabel.set(running == 0 ? "Stop warm Spark"
        : "Stop warm Spark (cancels " + running + (running == 1 ? " running step)" : " running steps)"));
    refreshText();
    starting.set(any && now.stream().noneMatch(Driver::ready));
    shown.set(any); // last: whoever hears the item show or go finds its words already set
    if (any && ticking == null) {
      ticking = executor.every(TICK, this::refreshText);
    } else if (!any && ticking != null) {
      ticking.cancel();
      ticking = null;
    }
  }

  private void refreshText() {
    Instant now = clock.instant();
    text.set(status(drivers.get(), now));
    detail.set(detail(drivers.get(), now, clock));
  }

  // ------------------------------------------------------------------------------ words

  /**
   * The item's text: "Spark starting…" while no driver is ready, "Spark warm · running 2 steps" while
   * steps run, else "Spark warm · 412 MB of 1 GB · idle 3 min" (the heap when a driver has told it);
   * "(2 drivers)" after "Spark warm" when there are two. Empty when there is none.
   */
  static String status(List<Driver> drivers, Instant now) {
    if (drivers.isEmpty()) {
      return "";
    }
    if (drivers.stream().noneMatch(Driver::ready)) {
      return "Spark starting…";
    }
    StringBuilder line = new StringBuilder("Spark warm");
    if (drivers.size() > 1) {
      line.append(" (").append(drivers.size()).append(" drivers)");
    }
    int running = drivers.stream().mapToInt(Driver::runningSteps).sum();
    if (running > 0) {
      return line.append(" · running ").append(steps(running)).toString();
    }
    heap(drivers).ifPresent(h -> line.append(" · ").append(h));
    drivers.stream().filter(Driver::ready).map(Driver::idleSince).filter(java.util.Objects::nonNull)
        .max(Instant::compareTo).ifPresent(since -> line.append(" · idle ").append(minutes(Duration.between(since, now))));
    return line.toString();
  }

  /** "412 MB of 1 GB": the heap in use of the drivers that told it; empty when none has. */
  static Optional<String> heap(List<Driver> drivers) {
    long used = 0;
    long max = 0;
    boolean told = false;
    for (Driver d : drivers) {
      if (d.heapUsedBytes() >= 0 && d.heapMaxBytes() > 0) {
        used += d.heapUsedBytes();
        max += d.heapMaxBytes();
        told = true;
      }
    }
    return told ? Optional.of(size(used) + " of " + size(max)) : Optional.empty();
  }

  /** The tooltip: a paragraph per driver, then what warm Spark is. */
  static String detail(List<Driver> drivers, Instant now, Clock clock) {
    StringBuilder out = new StringBuilder();
    for (Driver d : drivers) {
      out.append("Warm Spark driver: ").append(d.key()).append('\n');
      out.append("pid ").append(d.pid());
      if (d.startedAt() != null) {
        out.append(" · started ").append(CLOCK_TIME.withZone(clock.getZone()).format(d.startedAt()))
            .append(" (").append(ago(Duration.between(d.startedAt(), now))).append(')');
      }
      out.append('\n');
      if (!d.ready()) {
        out.append("starting: its JVM and Spark are starting\n");
      } else {
        if (d.heapUsedBytes() >= 0 && d.heapMaxBytes() > 0) {
          out.append("heap ").append(size(d.heapUsedBytes())).append(" of ").append(size(d.heapMaxBytes()))
              .append(" in use\n");
        }
        if (d.sparkUi() != null) {
          out.append("Spark UI ").append(d.sparkUi()).append('\n');
        }
        if (d.runningSteps() > 0) {
          out.append("running ").append(steps(d.runningSteps())).append('\n');
        } else if (d.idleSince() != null) {
          out.append("idle ").append(minutes(Duration.between(d.idleSince(), now)));
          if (d.stopsAt() != null) {
            out.append(": stops at ").append(CLOCK_TIME.withZone(clock.getZone()).format(d.stopsAt()))
                .append(" unless a step runs in it");
          }
          out.append('\n');
        }
      }
      out.append('\n');
    }
    out.append("The designer runs SQL steps on local Spark in this driver, each in a Spark session of its own, "
        + "instead of starting a JVM for each. It stops when idle and when Pipewright closes.");
    return out.toString();
  }

  static String steps(int n) {
    return n + (n == 1 ? " step" : " steps");
  }

  /** "412 MB", "1 GB", "1.5 GB" (binary units, as Spark's memory sizes). */
  static String size(long bytes) {
    if (bytes < GIB) {
      return Math.round((double) bytes / MIB) + " MB";
    }
    double gib = Math.round(bytes * 10.0 / GIB) / 10.0;
    return (gib == Math.rint(gib) ? String.valueOf((long) gib) : String.valueOf(gib)) + " GB";
  }

  /** "<1 min", "3 min", "2 h 5 min". */
  static String minutes(Duration d) {
    long m = Math.max(0, d.toMinutes());
    if (m < 1) {
      return "<1 min";
    }
    return m < 60 ? m + " min" : (m / 60) + " h " + (m % 60) + " min";
  }

  /** "just now", "3 min ago". */
  static String ago(Duration d) {
    return d.toMinutes() < 1 ? "just now" : minutes(d) + " ago";
  }
}

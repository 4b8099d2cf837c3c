package io.pipewright.app.files;

import io.pipewright.app.fx.TaskExecutor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import javafx.application.Platform;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Hooks for measuring and scripting the designer's start, off unless a system property asks:
 * <ul>
 *   <li>{@code -Dpipewright.startup.report=FILE}: when the main window's first frame is on the
 *       screen, writes {@code first_frame_epoch_ms=…} (wall clock) and {@code since_process_start_ms=…}
 *       to FILE, with {@code fx_cpu_ms=…} (the FX thread's CPU time until then) and the phases
 *       ({@code mark.PHASE=} wall clock, {@code fx_cpu.PHASE=} FX thread CPU ms), and exits.
 *       bench/startup uses it; it also makes the launcher's class-data archive of
 *       the designer.
 *   <li>{@code -Dpipewright.ready.file=FILE}: writes FILE ({@code ready} and {@code title=} the
 *       window's title, which names the document) once the first document is drawn, and keeps
 *       running (docs/screenshots/take.sh and installer/check wait for it).
 * </ul>
 * "First frame": the first pulse after the stage is shown lays out and paints the window; the
 * pulse after it starts only once that painting is done, so the time is taken there.
 */
public final class StartupReport {
  static final String REPORT = "pipewright.startup.report";
  static final String READY = "pipewright.ready.file";
  private static final boolean REPORTING = System.getProperty(REPORT) != null;
  private static final StringBuilder MARKS = new StringBuilder();

  private StartupReport() {}

  /**
   * Notes that the start reached {@code phase} (wall clock), for the report's breakdown; does
   * nothing unless a report was asked for.
   */
  public static void mark(String phase) {
    if (REPORTING) {
      long now = System.currentTimeMillis();
      // by name: Platform.isFxApplicationThread() would start the toolkit when called from main()
      long cpu = Thread.currentThread().getName().equals("JavaFX Application Thread") ? threadCpuMillis() : -1;
      synchronized (MARKS) {
        MARKS.append("mark.").append(phase).append('=').append(now).append('\n');
        if (cpu >= 0) {
          MARKS.append("fx_cpu.").append(phase).append('=').append(cpu).append('\n');
        }
      }
    }
  }

  /**
   * The CPU time the calling thread has used, in ms: the FX thread's work, which a loaded machine
   * stretches in wall time but not in CPU time (bench/startup prints both).
   */
  private static long threadCpuMillis() {
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() / 1_000_000 : -1;
  }

  static void install(Stage stage, ObservableBooleanValue started, TaskExecutor executor) {
    String report = System.getProperty(REPORT);
    if (report != null && !report.isBlank()) {
      stage.showingProperty().addListener((o, was, showing) -> {
        if (showing) {
          afterNextFrame(stage.getScene(), () -> {
            long now = System.currentTimeMillis();
            long fxCpu = threadCpuMillis();
            long processStart = ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(now);
            String text;
            synchronized (MARKS) {
              text = "first_frame_epoch_ms=" + now + "\nsince_process_start_ms=" + (now - processStart)
                  + "\nfx_cpu_ms=" + fxCpu + "\n" + MARKS;
            }
            executor.submit(() -> Files.writeString(Path.of(report), text, StandardCharsets.UTF_8),
                ok -> Platform.exit(), e -> Platform.exit());
          });
        }
      });
    }
    String ready = System.getProperty(READY);
    if (ready != null && !ready.isBlank()) {
      started.addListener((o, was, now) -> {
        if (now) {
          String title = stage.getTitle();
          afterNextFrame(stage.getScene(), () -> executor.submit(
              () -> Files.writeString(Path.of(ready), "ready\ntitle=" + title + "\n", StandardCharsets.UTF_8),
              ok -> { }, e -> { }));
        }
      });
    }
  }

  /** Runs {@code action} at the start of the pulse after the next one (the next one's frame is painted). */
  private static void afterNextFrame(Scene scene, Runnable action) {
    Runnable[] second = new Runnable[1];
    Runnable first = new Runnable() {
      @Override
      public void run() {
        mark("laid-out");
        scene.removePostLayoutPulseListener(this);
        scene.addPreLayoutPulseListener(second[0]);
        Platform.requestNextPulse();
      }
    };
    second[0] = new Runnable() {
      @Override
      public void run() {
        scene.removePreLayoutPulseListener(this);
        action.run();
      }
    };
    scene.addPostLayoutPulseListener(first);
    Platform.requestNextPulse();
  }
}

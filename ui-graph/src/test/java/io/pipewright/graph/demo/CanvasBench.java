package io.pipewright.graph.demo;

import io.pipewright.graph.layout.LayeredLayout;
import io.pipewright.graph.model.GraphModel;
import io.pipewright.graph.view.GraphView;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.StringConcatFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The canvas benchmark behind {@code bench/canvas}: a generated pipeline-shaped graph of 2,000
 * nodes and 2,500 edges in a 1600×1000 window, a scripted sequence of pans and zooms driven one
 * step per pulse, and the time of each pulse that renders.
 *
 * <p><b>What a frame is.</b> The script runs in an {@link AnimationTimer}, so each step is applied
 * at the start of a pulse and drawn by that same pulse. JavaFX's own pulse logger (the public
 * system property {@code javafx.pulseLogger=true}, with {@code javafx.pulseLogger.threshold=-1} so
 * that every pulse is printed in full) times each pulse from its start on the FX thread (animation,
 * the view's pre-layout update, CSS, layout, bounds, waiting for the previous frame, copying state
 * to the render graph) to the end of rendering on the render thread (painting and presenting to
 * the window). The benchmark captures {@code System.err}, parses the {@code PULSE: n [gap:total]}
 * headers and keeps the pulses that rendered and that fall between its own markers. The logger
 * prints whole milliseconds, truncated, so each frame is counted as its logged value + 1 ms (an
 * upper bound). Nothing else is added: no read-back of pixels.
 *
 * <p><b>load_ms</b> runs from after the toolkit is up (class loading and the start of JavaFX are
 * not counted, nor is the start of the pulse logger itself, with the linking of the concatenation
 * that prints its pulse header; they are printed on stderr) to the
 * end of the first rendered pulse of the window: building the model, the view, the stage, the
 * first update, CSS, layout and painting.
 * <b>layout_ms</b>: one {@link LayeredLayout#compute} on the whole graph, after a warm-up run.
 */
public final class CanvasBench {
  private static final int NODES = 2000;
  private static final int EDGES = 2500;
  private static final Pattern PULSE =
      Pattern.compile("PULSE: (\\d+) \\[(\\d+)ms:(\\d+)ms\\]( Required No Rendering)?");
  private static final String MARK = "CANVASBENCH ";

  private static PulseLog log;

  private CanvasBench() {}

  public static void main(String[] args) throws Throwable {
    if (System.getProperty("javafx.pulseLogger") == null) {
      System.setProperty("javafx.pulseLogger", "true");
      System.setProperty("javafx.pulseLogger.threshold", "-1");
    }
    PrintStream originalErr = System.err;
    log = new PulseLog();
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    long jvmToolkit = System.nanoTime();
    CompletableFuture<Void> started = new CompletableFuture<>();
    Platform.startup(() -> started.complete(null));
    started.get();
    Platform.setImplicitExit(false);
    double toolkitMs = (System.nanoTime() - jvmToolkit) / 1e6;
    // The pulse logger is the benchmark's instrument, not part of the app. It starts with the first
    // window, and with javafx.pulseLogger=true it also registers JavaFX's Flight Recorder pulse
    // events, which initializes JFR's metadata: 100-200 ms on a cold JVM, which an app without the
    // logger never pays. Start it before the clock, like the toolkit (printed, not in load_ms).
    long loggerStart = System.nanoTime();
    Class.forName("com.sun.javafx.logging.PulseLogger", true, Platform.class.getClassLoader());
    linkPulseHeaderConcat();
    double loggerMs = (System.nanoTime() - loggerStart) / 1e6;
    CompletableFuture<String> result = new CompletableFuture<>();
    Bench bench = new Bench(result);
    Platform.runLater(bench::load);
    String line;
    try {
      line = result.get(5, TimeUnit.MINUTES);
    } finally {
      System.setErr(originalErr);
    }
    originalErr.printf(Locale.ROOT, "  %-32s %8.0f ms (not in load_ms)%n", "toolkit start", toolkitMs);
    originalErr.printf(Locale.ROOT, "  %-32s %8.0f ms (not in load_ms)%n", "pulse logger start", loggerMs);
    for (String s : bench.report) {
      originalErr.println(s);
    }
    System.out.println(line);
    System.exit(0);
  }

  /**
   * Links, before the clock, the string concatenation that the pulse logger uses for its
   * "PULSE: n [gap:total]" header. load_ms ends when that header of the first rendered pulse is
   * printed, and the logger builds it with an invokedynamic concatenation that is linked at its
   * first use: on a cold JVM that spins method-handle classes (18-30 ms measured on the 2-core
   * machine), after the render thread has finished the frame. Linking the same recipe and types
   * here first leaves 1-6 ms of it in the first print; the method-handle forms are shared.
   */
  private static void linkPulseHeaderConcat() throws Throwable {
    MethodType types = MethodType.methodType(String.class, int.class, long.class, long.class);
    CallSite header = StringConcatFactory.makeConcatWithConstants(MethodHandles.lookup(),
        "makeConcatWithConstants", types, "\n\nPULSE: \u0001 [\u0001ms:\u0001ms]");
    // the first call finishes linking, as the logger's first print would
    header.getTarget().invoke(0, 0L, 0L);
  }

  /** Collects what is written to System.err, and when each piece of it arrived. */
  private static final class PulseLog extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
    private final List<long[]> arrivals = new ArrayList<>();

    @Override
    public synchronized void write(int b) {
      bytes.write(b);
      arrivals.add(new long[] {bytes.size(), System.nanoTime()});
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      bytes.write(b, off, len);
      arrivals.add(new long[] {bytes.size(), System.nanoTime()});
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }

    synchronized void mark(String name) {
      byte[] m = ("\n" + MARK + name + "\n").getBytes(StandardCharsets.UTF_8);
      bytes.write(m, 0, m.length);
    }

    /**
     * When the header of the first rendered pulse after a byte offset was printed (the logger
     * prints it when that pulse's rendering has finished), or -1.
     */
    synchronized long firstRenderedPulseAfter(int offset) {
      String all = bytes.toString(StandardCharsets.UTF_8);
      Matcher m = PULSE.matcher(all);
      // the log is ASCII: character offsets are byte offsets
      while (m.find(offset)) {
        if (m.group(4) == null) {
          int headerEnd = m.start() + "PULSE: ".length();
          for (long[] a : arrivals) {
            if (a[0] >= headerEnd) {
              return a[1];
            }
          }
          return -1;
        }
        offset = m.end();
      }
      return -1;
    }

    synchronized int size() {
      return bytes.size();
    }
  }

  /** The benchmark's steps, each run on the FX thread; the script steps run one per pulse. */
  private static final class Bench {
    private final CompletableFuture<String> result;
    private final List<String> report = new ArrayList<>();
    private GraphModel model;
    private GraphView view;
    private Stage stage;
    private long loadStart;
    private int loadOffset;
    private double layoutMs;
    private final List<String> phaseNames = new ArrayList<>();
    private final List<Integer> phaseSteps = new ArrayList<>();

    Bench(CompletableFuture<String> result) {
      this.result = result;
    }

    void load() {
      try {
        // the saved pipeline has positions: lay it out before the clock starts
        GraphModel positioned = SampleGraphs.pipeline(NODES, EDGES, 42);
        double[] xy = new LayeredLayout().compute(positioned);
        loadOffset = log.size();
        loadStart = System.nanoTime();
        model = SampleGraphs.pipeline(NODES, EDGES, 42);
        for (int i = 0; i < model.nodes().size(); i++) {
          model.nodes().get(i).moveTo(xy[2 * i], xy[2 * i + 1]);
        }
        long modelBuilt = System.nanoTime();
        view = new GraphView(model);
        long viewBuilt = System.nanoTime();
        stage = new Stage();
        Scene scene = new Scene(view, 1600, 1000);
        stage.setScene(scene);
        stage.show();
        view.fitToView();
        long shown = System.nanoTime();
        report.add(String.format(Locale.ROOT, "  %-32s %8.0f ms model, %.0f ms view, %.0f ms stage shown",
            "load: of which", (modelBuilt - loadStart) / 1e6, (viewBuilt - modelBuilt) / 1e6,
            (shown - viewBuilt) / 1e6));
        waitForFirstFrame();
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    }

    /** Polls the log until the window's first rendered pulse has been printed. */
    private void waitForFirstFrame() {
      quietThen(() -> {
        if (log.firstRenderedPulseAfter(loadOffset) < 0) {
          waitForFirstFrame();
        } else {
          afterLoad();
        }
      });
    }

    void afterLoad() {
      long firstFrame = log.firstRenderedPulseAfter(loadOffset);
      double loadMs = firstFrame < 0 ? Double.NaN : (firstFrame - loadStart) / 1e6;
      report.add(String.format(Locale.ROOT, "  %-32s %8.0f ms", "load (to first rendered pulse)", loadMs));
      new LayeredLayout().compute(model);
      long layoutStart = System.nanoTime();
      new LayeredLayout().compute(model);
      layoutMs = (System.nanoTime() - layoutStart) / 1e6;
      // warm-up run of the script, then the measured one
      runScript(() -> quietThen(() -> {
        log.mark("start");
        runScript(() -> quietThen(() -> {
          log.mark("end");
          finish(loadMs);
        }));
      }));
    }

    /**
     * Waits until the log has been silent for half a second (so the pulses asked for so far have
     * all been printed), then runs r on the FX thread.
     */
    private void quietThen(Runnable r) {
      Thread t = new Thread(() -> {
        int last = -1;
        int silent = 0;
        try {
          while (silent < 5) {
            Thread.sleep(100);
            int now = log.size();
            silent = now == last ? silent + 1 : 0;
            last = now;
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        Platform.runLater(() -> {
          try {
            r.run();
          } catch (Throwable ex) {
            result.completeExceptionally(ex);
          }
        });
      }, "bench-quiet");
      t.setDaemon(true);
      t.start();
    }

    private void runScript(Runnable done) {
      List<Runnable> steps = script();
      AnimationTimer timer = new AnimationTimer() {
        private int next;

        @Override
        public void handle(long now) {
          if (next < steps.size()) {
            steps.get(next++).run();
          } else {
            stop();
            done.run();
          }
        }
      };
      view.fitToView();
      timer.start();
    }

    /** Pans at fit to view, zooms in to 100 % in steps, pans at 100 %, zooms out again. */
    private List<Runnable> script() {
      List<Runnable> steps = new ArrayList<>();
      phaseNames.clear();
      phaseSteps.clear();
      phaseNames.add("pan at fit");
      phaseSteps.add(40);
      for (int i = 0; i < 40; i++) {
        int k = i;
        steps.add(() -> view.panBy(k < 20 ? 12 : -12, 6));
      }
      double cx = 800;
      double cy = 500;
      int zoomSteps = 40;
      phaseNames.add("zoom in to 100%");
      phaseSteps.add(zoomSteps);
      double[] fit = new double[1];
      for (int i = 1; i <= zoomSteps; i++) {
        int k = i;
        steps.add(() -> {
          if (k == 1) {
            fit[0] = view.getZoom();
          }
          view.zoomAt(fit[0] * Math.pow(1.0 / fit[0], k / (double) zoomSteps), cx, cy);
        });
      }
      phaseNames.add("pan at 100%");
      phaseSteps.add(60);
      for (int i = 0; i < 60; i++) {
        int k = i;
        steps.add(() -> view.panBy(k % 30 < 15 ? -25 : 25, k < 30 ? 10 : -10));
      }
      phaseNames.add("zoom out to fit");
      phaseSteps.add(zoomSteps);
      for (int i = 1; i <= zoomSteps; i++) {
        steps.add(() -> view.zoomAt(view.getZoom() / Math.pow(1.0 / fit[0], 1.0 / zoomSteps), cx, cy));
      }
      return steps;
    }

    private void finish(double loadMs) {
      String text = log.text();
      String dump = System.getenv("BENCH_PULSE_LOG");
      if (dump != null) {
        try {
          java.nio.file.Files.writeString(java.nio.file.Path.of(dump), text);
        } catch (java.io.IOException e) {
          report.add("  could not write the pulse log: " + e.getMessage());
        }
      }
      int start = text.indexOf(MARK + "start");
      int end = text.indexOf(MARK + "end");
      Matcher m = PULSE.matcher(text.substring(start, end));
      List<Double> frames = new ArrayList<>();
      int skipped = 0;
      while (m.find()) {
        if (m.group(4) != null) {
          skipped++;
          continue;
        }
        frames.add(Integer.parseInt(m.group(3)) + 1.0);
      }
      stage.close();
      int expected = 0;
      for (int s : phaseSteps) {
        expected += s;
      }
      report.add(String.format(Locale.ROOT, "  %-32s %d (script steps %d, pulses without rendering %d)",
          "rendered pulses measured", frames.size(), expected, skipped));
      int from = 0;
      for (int i = 0; i < phaseNames.size() && from < frames.size(); i++) {
        int to = Math.min(frames.size(), from + phaseSteps.get(i));
        phase(phaseNames.get(i), frames.subList(from, to));
        from = to;
      }
      List<Double> sorted = new ArrayList<>(frames);
      Collections.sort(sorted);
      double median = sorted.get(sorted.size() / 2);
      double p95 = sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1);
      result.complete(String.format(Locale.ROOT,
          "canvas: nodes=%d edges=%d median_frame_ms=%.1f p95_frame_ms=%.1f load_ms=%.0f layout_ms=%.0f",
          model.nodes().size(), model.edges().size(), median, p95, loadMs, layoutMs));
    }

    private void phase(String name, List<Double> frames) {
      List<Double> sorted = new ArrayList<>(frames);
      Collections.sort(sorted);
      report.add(String.format(Locale.ROOT, "  %-32s median %5.1f ms, p95 %5.1f ms, max %5.1f ms", name,
          sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1),
          sorted.get(sorted.size() - 1)));
    }
  }
}

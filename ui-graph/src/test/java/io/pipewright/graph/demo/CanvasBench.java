package io.pipewright.graph.demo;

import io.pipewright.graph.layout.LayeredLayout;
import io.pipewright.graph.model.GraphModel;
import io.pipewright.graph.view.GraphView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The canvas benchmark behind {@code bench/canvas}: a generated pipeline-shaped graph of 2,000
 * nodes and 2,500 edges in a 1600×1000 view, a scripted sequence of pans and zooms, and the time
 * of each frame.
 *
 * <p>A frame is timed from the viewport change to a rendered image: the view's per-pulse update
 * ({@link GraphView#applyPendingChanges()}), CSS, layout and rendering of the whole scene by the
 * software pipeline, through {@code Scene.snapshot}, which also reads the 1600×1000 pixels back
 * (so frames are measured slightly pessimistically). The sequence runs once to warm up the JIT,
 * then once measured. load_ms: building the model, the view and the stage, and the first frame.
 * layout_ms: {@link LayeredLayout#compute} on the whole graph (after one warm-up run).
 */
public final class CanvasBench {
  private static final int NODES = 2000;
  private static final int EDGES = 2500;

  private CanvasBench() {}

  public static void main(String[] args) throws Exception {
    CompletableFuture<Void> started = new CompletableFuture<>();
    Platform.startup(() -> started.complete(null));
    started.get();
    CompletableFuture<String> result = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        result.complete(run());
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    });
    String line = result.get();
    System.out.println(line);
    System.exit(0);
  }

  private static String run() {
    // the saved pipeline has positions: lay it out before the clock starts
    GraphModel positioned = SampleGraphs.pipeline(NODES, EDGES, 42);
    double[] xy = new LayeredLayout().compute(positioned);

    long loadStart = System.nanoTime();
    GraphModel model = SampleGraphs.pipeline(NODES, EDGES, 42);
    for (int i = 0; i < model.nodes().size(); i++) {
      model.nodes().get(i).moveTo(xy[2 * i], xy[2 * i + 1]);
    }
    GraphView view = new GraphView(model);
    Stage stage = new Stage();
    Scene scene = new Scene(view, 1600, 1000);
    stage.setScene(scene);
    stage.show();
    view.fitToView();
    frame(view, scene);
    double loadMs = (System.nanoTime() - loadStart) / 1e6;

    new LayeredLayout().compute(model);
    long layoutStart = System.nanoTime();
    new LayeredLayout().compute(model);
    double layoutMs = (System.nanoTime() - layoutStart) / 1e6;

    script(view, scene, null);
    List<Double> frames = new ArrayList<>();
    script(view, scene, frames);
    phase("pan at fit", frames.subList(0, 40));
    phase("zoom in", frames.subList(40, 80));
    phase("pan at 100%", frames.subList(80, 140));
    phase("zoom out", frames.subList(140, 180));
    List<Double> idle = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      view.panBy(0, 0);
      time(view, scene, idle);
    }
    phase("unchanged (snapshot cost alone)", idle);
    frames = new ArrayList<>(frames);
    Collections.sort(frames);
    double median = frames.get(frames.size() / 2);
    double p95 = frames.get((int) Math.ceil(frames.size() * 0.95) - 1);
    stage.close();
    return String.format(Locale.ROOT,
        "canvas: nodes=%d edges=%d median_frame_ms=%.2f p95_frame_ms=%.2f load_ms=%.0f layout_ms=%.0f",
        model.nodes().size(), model.edges().size(), median, p95, loadMs, layoutMs);
  }

  /** Pans at fit-to-view, zooms in to 100 % in steps, pans at 100 %, zooms out again. */
  private static void script(GraphView view, Scene scene, List<Double> frames) {
    view.fitToView();
    frame(view, scene);
    for (int i = 0; i < 40; i++) {
      view.panBy(i < 20 ? 12 : -12, 6);
      time(view, scene, frames);
    }
    double cx = 800;
    double cy = 500;
    double fit = view.getZoom();
    int steps = 40;
    for (int i = 1; i <= steps; i++) {
      double z = fit * Math.pow(1.0 / fit, i / (double) steps);
      view.zoomAt(z, cx, cy);
      time(view, scene, frames);
    }
    for (int i = 0; i < 60; i++) {
      view.panBy(i % 30 < 15 ? -25 : 25, i < 30 ? 10 : -10);
      time(view, scene, frames);
    }
    for (int i = 1; i <= steps; i++) {
      view.zoomAt(view.getZoom() / Math.pow(1.0 / fit, 1.0 / steps), cx, cy);
      time(view, scene, frames);
    }
  }

  private static void phase(String name, List<Double> frames) {
    List<Double> sorted = new ArrayList<>(frames);
    Collections.sort(sorted);
    System.err.printf(Locale.ROOT, "  %-32s median %6.2f ms, max %6.2f ms%n", name,
        sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
  }

  private static void time(GraphView view, Scene scene, List<Double> frames) {
    long t0 = System.nanoTime();
    frame(view, scene);
    if (frames != null) {
      frames.add((System.nanoTime() - t0) / 1e6);
    }
  }

  private static void frame(GraphView view, Scene scene) {
    view.applyPendingChanges();
    scene.snapshot(null);
  }
}

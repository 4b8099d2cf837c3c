package io.pipewright.graph.demo;

import io.pipewright.graph.edit.Vocabulary;
import io.pipewright.graph.layout.LayeredLayout;
import io.pipewright.graph.model.GraphEdge;
import io.pipewright.graph.model.GraphModel;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.model.NodeStatus;
import io.pipewright.graph.view.GraphExport;
import io.pipewright.graph.view.GraphView;
import java.io.File;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Opens a generated pipeline of N nodes in a GraphView, laid out. Plain main class (no
 * Application subclass, so it runs from the class path).
 *
 * <pre>
 * GraphDemo [nodes | --ml] [--status] [--screenshot file.png]
 * </pre>
 * --ml shows the 30-step {@link SampleGraphs#mlPipeline()} instead of a generated graph;
 * --status sets run decorations; --screenshot fits the graph, writes the window's scene as PNG and
 * exits.
 */
public final class GraphDemo {
  private GraphDemo() {}

  public static void main(String[] args) throws Exception {
    int nodes = 30;
    String screenshot = null;
    boolean status = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--ml")) {
        nodes = -1;
      } else if (args[i].equals("--screenshot")) {
        screenshot = args[++i];
      } else if (args[i].equals("--status")) {
        status = true;
      } else {
        nodes = Integer.parseInt(args[i]);
      }
    }
    int n = nodes;
    String shot = screenshot;
    boolean decorate = status;
    CompletableFuture<Void> started = new CompletableFuture<>();
    Platform.startup(() -> started.complete(null));
    started.get();
    Platform.runLater(() -> show(n, decorate, shot));
  }

  private static void show(int n, boolean decorate, String screenshot) {
    boolean ml = n < 0;
    GraphModel model = ml ? SampleGraphs.mlPipeline() : SampleGraphs.pipeline(n, n * 5 / 4, 42);
    double[] xy = new LayeredLayout().compute(model);
    for (int i = 0; i < model.nodes().size(); i++) {
      model.nodes().get(i).moveTo(xy[2 * i], xy[2 * i + 1]);
    }
    GraphView view = new GraphView(model);
    view.setVocabulary(new Vocabulary("step", "steps"));
    if (decorate) {
      if (ml) {
        decorateMl(model);
      } else {
        decorate(model);
      }
    }
    Label info = new Label();
    info.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
        () -> model.nodes().size() + " nodes, " + model.edges().size() + " edges, zoom "
            + Math.round(view.getZoom() * 100) + " %", view.zoomProperty(), model.nodes(), model.edges()));
    Button layout = new Button("Arrange");
    layout.setOnAction(e -> view.autoLayout());
    Button fit = new Button("Fit");
    fit.setOnAction(e -> view.fitToView());
    Button undo = new Button("Undo");
    undo.disableProperty().bind(view.getUndoStack().canUndoProperty().not());
    undo.setOnAction(e -> view.undo());
    Button redo = new Button("Redo");
    redo.disableProperty().bind(view.getUndoStack().canRedoProperty().not());
    redo.setOnAction(e -> view.redo());
    ToggleButton snap = new ToggleButton("Snap");
    snap.selectedProperty().bindBidirectional(view.snapToGridProperty());
    Button export = new Button("Export PNG");
    export.setOnAction(e -> {
      try {
        GraphExport.writePng(view, 1, new File("graph.png").toPath());
      } catch (java.io.IOException ex) {
        info.textProperty().unbind();
        info.setText("Export failed: " + ex.getMessage());
      }
    });
    ToolBar bar = new ToolBar(layout, fit, undo, redo, snap, export, info);
    BorderPane root = new BorderPane(view);
    root.setTop(bar);
    Stage stage = new Stage();
    stage.setTitle("ui-graph demo");
    // the 30-step pipeline is 13 stages wide: wide enough to show it at a readable zoom
    stage.setScene(ml ? new Scene(root, 2400, 1000) : new Scene(root, 1600, 1000));
    stage.show();
    view.requestFocus();
    view.layout();
    view.fitToView();
    if (!ml && n <= 40 && view.getZoom() < 0.75) {
      view.zoomAt(0.75, 800, 480);
    }
    if (screenshot != null) {
      String file = screenshot;
      // the view's first update shows the graph; the minimap is made just after it (a runLater
      // from that update), so the snapshot waits for one more update
      Platform.requestNextPulse();
      Platform.runLater(() -> Platform.runLater(() -> {
        view.applyPendingChanges();
        Platform.runLater(() -> {
          try {
            view.applyPendingChanges();
            ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png",
                new File(file));
          } catch (Exception ex) {
            ex.printStackTrace();
            System.exit(1);
          }
          Platform.exit();
        });
      }));
    }
  }

  /** A run in progress: upstream done (some reused), one model training, one failed. */
  private static void decorateMl(GraphModel model) {
    String[] succeeded = {"clean_customers", "clean_orders", "parse_events", "order_checks",
      "join_orders", "sessions", "customer_features", "product_features", "features", "split",
      "train_logreg", "drift"};
    String[] reused = {"customers", "orders", "events", "products", "products_dim"};
    Random r = new Random(7);
    for (String id : succeeded) {
      model.node(id).setStatus(NodeStatus.SUCCEEDED);
      model.node(id).setBadge((2 + r.nextInt(80)) + " s");
    }
    for (String id : reused) {
      model.node(id).setStatus(NodeStatus.REUSED);
      model.node(id).setBadge("reused");
    }
    model.node("train_xgb").setStatus(NodeStatus.RUNNING);
    model.node("train_xgb").setBadge("1:42");
    model.node("train_mlp").setStatus(NodeStatus.FAILED);
    model.node("train_mlp").setBadge("exit 1");
    model.node("eval_logreg").setStatus(NodeStatus.RUNNING);
    model.node("eval_xgb").setStatus(NodeStatus.QUEUED);
    model.node("eval_mlp").setStatus(NodeStatus.SKIPPED);
    for (GraphEdge e : model.edges()) {
      if (e.target().getStatus() == NodeStatus.RUNNING) {
        e.setFlowing(true);
      }
    }
  }

  private static void decorate(GraphModel model) {
    Random r = new Random(5);
    NodeStatus[] order = {NodeStatus.SUCCEEDED, NodeStatus.REUSED, NodeStatus.SUCCEEDED,
      NodeStatus.RUNNING, NodeStatus.QUEUED, NodeStatus.FAILED, NodeStatus.SKIPPED};
    int i = 0;
    for (GraphNode node : model.nodes()) {
      NodeStatus s = order[Math.min(order.length - 1, i * order.length / model.nodes().size())];
      node.setStatus(s);
      if (s == NodeStatus.SUCCEEDED || s == NodeStatus.REUSED || s == NodeStatus.FAILED) {
        node.setBadge((1 + r.nextInt(90)) + " s");
      }
      i++;
    }
    for (GraphEdge e : model.edges()) {
      if (e.target().getStatus() == NodeStatus.RUNNING) {
        e.setFlowing(true);
      }
    }
  }
}

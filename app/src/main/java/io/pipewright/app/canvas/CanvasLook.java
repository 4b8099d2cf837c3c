package io.pipewright.app.canvas;

import io.pipewright.app.document.Icons;
import io.pipewright.app.document.NodeKinds;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.graph.edit.Vocabulary;
import io.pipewright.graph.model.EdgeRules;
import io.pipewright.graph.view.DefaultNodeSkinFactory;
import io.pipewright.graph.view.EdgeSkin;
import io.pipewright.graph.view.GraphView;
import javafx.scene.paint.Color;

/**
 * How a pipeline looks on a canvas: node skins coloured per node kind, the edge look, the words.
 * The designer's canvas and {@code pipewright render} both make their views here, so a rendered
 * PNG cannot drift from what the window shows.
 */
public final class CanvasLook {
  static final EdgeSkin EDGE = new EdgeSkin(Color.web("#8a94a6"), 1.8);
  static final String[] KINDS = {NodeKinds.DATASET, NodeKinds.SPARK_SQL, NodeKinds.SPARK_PYTHON,
      NodeKinds.SPARK_JAR, NodeKinds.SCRIPT};

  private CanvasLook() {}

  public static DefaultNodeSkinFactory nodeSkins() {
    DefaultNodeSkinFactory skins = new DefaultNodeSkinFactory();
    for (String kind : KINDS) {
      skins.color(kind, Icons.colorOf(kind)).label(kind, NodeKinds.label(kind));
    }
    return skins;
  }

  /** A view of the document's graph, on its undo stack, in the canvas's look. */
  public static GraphView newView(PipelineDocument document) {
    GraphView view = new GraphView(document.graph(), document.undoStack(), nodeSkins(), e -> EDGE);
    view.setVocabulary(new Vocabulary("step", "steps"));
    view.setValidator(EdgeRules.standard());
    return view;
  }
}

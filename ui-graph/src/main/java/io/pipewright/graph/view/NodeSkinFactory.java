package io.pipewright.graph.view;

import io.pipewright.graph.model.GraphNode;
import javafx.scene.paint.Color;

/** Supplies node skins per node kind; the host provides one. */
public interface NodeSkinFactory {
  NodeSkin create(String kind);

  /** The colour of a node where it is drawn too small for its skin (level of detail, minimap). */
  Color overviewColor(GraphNode node);
}

package io.pipewright.graph.view;

import io.pipewright.graph.model.GraphNode;
import java.util.HashMap;
import java.util.Map;
import javafx.scene.paint.Color;

/**
 * {@link DefaultNodeSkin}s coloured per kind: colours the host registers, otherwise one from a
 * calm palette picked by the kind's hash.
 */
public class DefaultNodeSkinFactory implements NodeSkinFactory {
  private static final Color[] PALETTE = {
    Color.web("#3b82f6"), Color.web("#10b981"), Color.web("#f59e0b"), Color.web("#8b5cf6"),
    Color.web("#ef4444"), Color.web("#06b6d4"), Color.web("#ec4899"), Color.web("#84cc16")
  };
  private final Map<String, Color> colors = new HashMap<>();
  private final Map<String, String> labels = new HashMap<>();

  public DefaultNodeSkinFactory color(String kind, Color color) {
    colors.put(kind, color);
    return this;
  }

  /** The line a card of this kind shows under its title ("Spark · SQL"). */
  public DefaultNodeSkinFactory label(String kind, String label) {
    labels.put(kind, label);
    return this;
  }

  public Color colorOf(String kind) {
    return colors.computeIfAbsent(kind, k -> PALETTE[Math.floorMod(k.hashCode(), PALETTE.length)]);
  }

  @Override
  public NodeSkin create(String kind) {
    return new DefaultNodeSkin(colorOf(kind), labels.get(kind));
  }

  @Override
  public Color overviewColor(GraphNode node) {
    return colorOf(node.kind());
  }
}

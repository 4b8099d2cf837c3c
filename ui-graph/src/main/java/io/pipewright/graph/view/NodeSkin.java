package io.pipewright.graph.view;

import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.model.Port;
import javafx.scene.Node;

/**
 * The look of one node. The view pools skins per kind and rebinds them as nodes scroll in and out
 * of the viewport, so a skin keeps no state of its own beyond what {@link #bind} gives it. The
 * view places and sizes {@link #root()} in model coordinates and does all hit-testing itself;
 * the skin only draws (its root is made mouse-transparent).
 *
 * <p>Port visuals must sit at the anchors {@link GraphNode#anchorX}/{@link GraphNode#anchorY}
 * relative to the node's top-left corner, where edges end.
 */
public interface NodeSkin {
  Node root();

  /** Shows this node; called when the skin is taken from the pool. */
  void bind(GraphNode node);

  /** Forgets the node; called when the skin goes back to the pool. */
  void unbind();

  /** The bound node's title, status, badge or size changed; called at most once per pulse. */
  void update();

  void setSelected(boolean selected);

  void setPortState(Port port, PortState state);

  /**
   * The view's zoom, when it changes and when the skin is bound: lets a skin leave out what is
   * unreadable when small (the default skin hides port names below 75 %).
   */
  default void setZoom(double zoom) {}

  /** The view's colours (light or dark), when the skin is made and when they change. */
  default void setColors(GraphColors colors) {}

  /** Animation hook for decorations such as a running indicator; called each frame while any
   *  visible node is running. */
  default void tick(long nanos) {}
}

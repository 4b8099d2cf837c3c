package io.pipewright.graph.view;

import io.pipewright.graph.model.GraphModel;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.model.NodeStatus;
import io.pipewright.graph.model.Port;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.CacheHint;
import javafx.scene.Group;

/**
 * The node skins of a {@link GraphView}, synchronised with the model once per pulse: skins exist
 * only for nodes inside the viewport (culling) and at or above the level of detail; they are
 * pooled per kind and rebound, not recreated.
 */
final class SkinSynchronizer {
  /** Screen pixels around the view within which node skins are made, and beyond which dropped. */
  private static final double ACQUIRE_MARGIN = 120;
  private static final double RELEASE_MARGIN = 480;

  /** Shows, while an edge is being connected, which ports would accept it. */
  interface PortChecks {
    /** Whether an edge is being connected (or reconnected) now. */
    boolean active();

    /** Sets the states of the ports of a node's skin for the edge being connected. */
    void showChecks(GraphNode node, NodeSkin skin);
  }

  private final GraphModel model;
  private final GraphSelection selection;
  private final NodeSkinFactory nodeSkins;
  private final Viewport viewport;
  private final ModelWatcher changes;
  private final PortChecks portChecks;
  /** The layer the skins are added to (transformed by the viewport). */
  private final Group nodeLayer;
  private final Map<GraphNode, SkinSlot> active = new IdentityHashMap<>();
  private final ArrayList<SkinSlot> activeList = new ArrayList<>();
  private final Map<String, ArrayDeque<SkinSlot>> pool = new HashMap<>();
  private int stamp;
  private GraphColors colors = GraphColors.LIGHT;
  private double skinZoom = Double.NaN;
  /** Whether skins are being zoomed (their cached bitmaps scaled, CacheHint.SCALE). */
  private boolean zooming;

  SkinSynchronizer(GraphModel model, GraphSelection selection, NodeSkinFactory nodeSkins,
      Viewport viewport, ModelWatcher changes, PortChecks portChecks, Group nodeLayer) {
    this.model = model;
    this.selection = selection;
    this.nodeSkins = nodeSkins;
    this.viewport = viewport;
    this.changes = changes;
    this.portChecks = portChecks;
    this.nodeLayer = nodeLayer;
  }

  /** Gives every skin, shown or pooled, the view's new colours. */
  void setColors(GraphColors next) {
    colors = next;
    activeList.forEach(slot -> slot.skin.setColors(next));
    pool.values().forEach(free -> free.forEach(slot -> slot.skin.setColors(next)));
  }

  /**
   * While zooming with skins shown, their cached bitmaps are scaled (CacheHint.SCALE) instead of
   * being rasterized again each frame; they are drawn crisply once the zoom stays put.
   */
  void setZooming(boolean zoomingNow) {
    if (zoomingNow == zooming) {
      return;
    }
    zooming = zoomingNow;
    CacheHint hint = zoomingNow ? CacheHint.SCALE : CacheHint.QUALITY;
    for (int i = 0; i < activeList.size(); i++) {
      activeList.get(i).skin.root().setCacheHint(hint);
    }
  }

  /** Moves the running indicators of the shown running nodes. */
  void tickRunning(long now) {
    for (int i = 0; i < activeList.size(); i++) {
      SkinSlot s = activeList.get(i);
      if (s.node.getStatus() == NodeStatus.RUNNING) {
        s.skin.tick(now);
      }
    }
  }

  /** Puts every port of the shown skins back to its normal look. */
  void clearPortStates() {
    for (SkinSlot s : activeList) {
      for (Port p : s.node.inputs()) {
        s.skin.setPortState(p, PortState.NORMAL);
      }
      for (Port p : s.node.outputs()) {
        s.skin.setPortState(p, PortState.NORMAL);
      }
    }
  }

  /** The skin currently showing a node, or null when it is culled or drawn as a box. */
  NodeSkin skinOf(GraphNode node) {
    SkinSlot s = active.get(node);
    return s == null ? null : s.skin;
  }

  /** The number of node skins in the scene graph now. */
  int count() {
    return activeList.size();
  }

  /** Drops the skins of nodes no longer in the model. */
  void dropRemoved() {
    for (int i = activeList.size() - 1; i >= 0; i--) {
      SkinSlot s = activeList.get(i);
      if (model.node(s.node.id()) != s.node) {
        release(i);
      }
    }
  }

  static final class SkinSlot {
    final NodeSkin skin;
    final String kind;
    GraphNode node;
    int stamp;
    boolean selected;

    SkinSlot(NodeSkin skin, String kind) {
      this.skin = skin;
      this.kind = kind;
    }
  }

  /**
   * Brings the skins up to date with the model and the viewport: culls (skins only for nodes near
   * the view, and only at or above the level of detail), rebinds pooled skins, updates selection
   * and port states.
   */
  void sync(double width, double height, boolean detail) {
    double z = viewport.zoom();
    double panX = viewport.panX();
    double panY = viewport.panY();
    stamp++;
    if (z != skinZoom) {
      skinZoom = z;
      for (int i = 0; i < activeList.size(); i++) {
        activeList.get(i).skin.setZoom(z);
      }
    }
    if (detail) {
      // skins are made within ACQUIRE_MARGIN of the view and kept until beyond RELEASE_MARGIN, so
      // that panning back and forth does not rebind skins at every step
      double x0 = (-ACQUIRE_MARGIN - panX) / z;
      double y0 = (-ACQUIRE_MARGIN - panY) / z;
      double x1 = (width + ACQUIRE_MARGIN - panX) / z;
      double y1 = (height + ACQUIRE_MARGIN - panY) / z;
      double rx0 = (-RELEASE_MARGIN - panX) / z;
      double ry0 = (-RELEASE_MARGIN - panY) / z;
      double rx1 = (width + RELEASE_MARGIN - panX) / z;
      double ry1 = (height + RELEASE_MARGIN - panY) / z;
      List<GraphNode> nodes = model.nodes();
      for (int i = 0, n = nodes.size(); i < n; i++) {
        GraphNode node = nodes.get(i);
        double nx = node.getX();
        double ny = node.getY();
        boolean has = active.containsKey(node);
        if (has ? (nx > rx1 || ny > ry1 || nx + node.getWidth() < rx0 || ny + node.getHeight() < ry0)
            : (nx > x1 || ny > y1 || nx + node.getWidth() < x0 || ny + node.getHeight() < y0)) {
          continue;
        }
        SkinSlot slot = active.get(node);
        if (slot == null) {
          slot = acquire(node);
        } else if (changes.contentChanged(node)) {
          slot.skin.update();
        }
        slot.stamp = stamp;
        slot.skin.root().resizeRelocate(nx, ny, node.getWidth(), node.getHeight());
        boolean sel = selection.contains(node);
        if (sel != slot.selected) {
          slot.selected = sel;
          slot.skin.setSelected(sel);
          if (sel) {
            slot.skin.root().toFront();
          }
        }
        if (portChecks.active()) {
          portChecks.showChecks(node, slot.skin);
        }
      }
    }
    for (int i = activeList.size() - 1; i >= 0; i--) {
      if (activeList.get(i).stamp != stamp) {
        release(i);
      }
    }
    changes.clearContentChanges();
  }

  private SkinSlot acquire(GraphNode node) {
    ArrayDeque<SkinSlot> free = pool.get(node.kind());
    SkinSlot slot = free == null ? null : free.poll();
    if (slot == null) {
      NodeSkin skin = nodeSkins.create(node.kind());
      skin.setColors(colors);
      slot = new SkinSlot(skin, node.kind());
      skin.root().setManaged(false);
      skin.root().setMouseTransparent(true);
      // each skin is rasterized once into a bitmap that panning only moves; while zooming the
      // bitmap is scaled (CacheHint.SCALE) and it is drawn crisply again when the zoom stops
      skin.root().setCache(true);
      skin.root().setCacheHint(zooming ? CacheHint.SCALE : CacheHint.QUALITY);
      nodeLayer.getChildren().add(skin.root());
    }
    slot.node = node;
    slot.selected = false;
    slot.skin.setSelected(false);
    slot.skin.bind(node);
    slot.skin.setZoom(viewport.zoom());
    slot.skin.root().setVisible(true);
    active.put(node, slot);
    activeList.add(slot);
    return slot;
  }

  private void release(int index) {
    SkinSlot slot = activeList.get(index);
    int last = activeList.size() - 1;
    activeList.set(index, activeList.get(last));
    activeList.remove(last);
    active.remove(slot.node);
    slot.skin.unbind();
    slot.skin.root().setVisible(false);
    slot.node = null;
    pool.computeIfAbsent(slot.kind, k -> new ArrayDeque<>()).push(slot);
  }
}

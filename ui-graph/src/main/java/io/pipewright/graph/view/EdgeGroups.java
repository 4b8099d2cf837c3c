package io.pipewright.graph.view;

import io.pipewright.graph.model.GraphEdge;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** The model's edges grouped by look ({@link EdgeSkin}), so that each look is drawn as one path. */
final class EdgeGroups {
  private final EdgeSkinFactory edgeSkins;
  private final Map<GraphEdge, EdgeSkin> edgeLooks = new IdentityHashMap<>();
  /** The looks in the order first met; a look stays once met (its list may be empty). */
  final List<EdgeSkin> distinctLooks = new ArrayList<>();
  final Map<EdgeSkin, ArrayList<GraphEdge>> edgesByLook = new HashMap<>();

  EdgeGroups(EdgeSkinFactory edgeSkins) {
    this.edgeSkins = edgeSkins;
  }

  /** Groups the edges again (after edges were added or removed). */
  void regroup(List<GraphEdge> edges) {
    if (!edgeLooks.isEmpty()) {
      edgeLooks.keySet().retainAll(new java.util.HashSet<>(edges));
    }
    for (ArrayList<GraphEdge> list : edgesByLook.values()) {
      list.clear();
    }
    // most edges share one look (one instance): look it up only when it changes from the last
    // edge's, sparing a record hash per edge
    EdgeSkin lastLook = null;
    ArrayList<GraphEdge> list = null;
    for (GraphEdge e : edges) {
      EdgeSkin look = edgeLooks.get(e);
      if (look == null) {
        look = edgeSkins.skinFor(e);
        edgeLooks.put(e, look);
      }
      if (look != lastLook) {
        lastLook = look;
        list = edgesByLook.get(look);
        if (list == null) {
          list = new ArrayList<>(edges.size());
          edgesByLook.put(look, list);
          distinctLooks.add(look);
        }
      }
      list.add(e);
    }
  }
}

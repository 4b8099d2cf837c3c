package io.pipewright.graph.view;

import io.pipewright.graph.model.NodeStatus;
import javafx.scene.paint.Color;

/** The colours of run statuses, shared by the default skin, the overview and the minimap. */
public final class StatusColors {
  private StatusColors() {}

  public static Color of(NodeStatus status) {
    switch (status) {
      case QUEUED:
        return Color.web("#94a3b8");
      case RUNNING:
        return Color.web("#3b82f6");
      case SUCCEEDED:
        return Color.web("#16a34a");
      case FAILED:
        return Color.web("#dc2626");
      case REUSED:
        return Color.web("#8b5cf6");
      case SKIPPED:
        return Color.web("#cbd5e1");
      case CANCELED:
        return Color.web("#d97706");
      case NONE:
      default:
        return Color.TRANSPARENT;
    }
  }
}

package io.pipewright.graph.layout;

import io.pipewright.graph.model.GraphNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Align and distribute: each method returns the new positions of the given nodes as x0, y0, x1,
 * y1, … in the order given, without moving them (the caller makes an undoable command).
 */
public final class Arrange {
  private Arrange() {}

  /** Where to align. */
  public enum Alignment {
    LEFT,
    CENTER,
    RIGHT,
    TOP,
    MIDDLE,
    BOTTOM
  }

  public static double[] align(List<GraphNode> nodes, Alignment alignment) {
    double[] xy = new double[nodes.size() * 2];
    double minX = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (GraphNode n : nodes) {
      minX = Math.min(minX, n.getX());
      maxX = Math.max(maxX, n.getX() + n.getWidth());
      minY = Math.min(minY, n.getY());
      maxY = Math.max(maxY, n.getY() + n.getHeight());
    }
    for (int i = 0; i < nodes.size(); i++) {
      GraphNode n = nodes.get(i);
      double x = n.getX();
      double y = n.getY();
      switch (alignment) {
        case LEFT:
          x = minX;
          break;
        case CENTER:
          x = (minX + maxX) / 2 - n.getWidth() / 2;
          break;
        case RIGHT:
          x = maxX - n.getWidth();
          break;
        case TOP:
          y = minY;
          break;
        case MIDDLE:
          y = (minY + maxY) / 2 - n.getHeight() / 2;
          break;
        case BOTTOM:
          y = maxY - n.getHeight();
          break;
        default:
          throw new IllegalArgumentException(String.valueOf(alignment));
      }
      xy[2 * i] = x;
      xy[2 * i + 1] = y;
    }
    return xy;
  }

  /** Equal gaps between the nodes, horizontally or vertically, first and last staying put. */
  public static double[] distribute(List<GraphNode> nodes, boolean horizontally) {
    double[] xy = new double[nodes.size() * 2];
    for (int i = 0; i < nodes.size(); i++) {
      xy[2 * i] = nodes.get(i).getX();
      xy[2 * i + 1] = nodes.get(i).getY();
    }
    if (nodes.size() < 3) {
      return xy;
    }
    List<Integer> sorted = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      sorted.add(i);
    }
    Comparator<Integer> byStart = horizontally
        ? Comparator.comparingDouble(i -> nodes.get(i).getX())
        : Comparator.comparingDouble(i -> nodes.get(i).getY());
    sorted.sort(byStart);
    GraphNode first = nodes.get(sorted.get(0));
    GraphNode last = nodes.get(sorted.get(sorted.size() - 1));
    double start = horizontally ? first.getX() : first.getY();
    double end = horizontally ? last.getX() + last.getWidth() : last.getY() + last.getHeight();
    double occupied = 0;
    for (GraphNode n : nodes) {
      occupied += horizontally ? n.getWidth() : n.getHeight();
    }
    double gap = (end - start - occupied) / (nodes.size() - 1);
    double cursor = start;
    for (int i : sorted) {
      GraphNode n = nodes.get(i);
      xy[2 * i + (horizontally ? 0 : 1)] = cursor;
      cursor += (horizontally ? n.getWidth() : n.getHeight()) + gap;
    }
    return xy;
  }
}

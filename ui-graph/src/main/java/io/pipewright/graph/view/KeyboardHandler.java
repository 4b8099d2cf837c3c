package io.pipewright.graph.view;

import io.pipewright.graph.model.GraphNode;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/** The keyboard map of a {@link GraphView}: shortcuts, zoom keys, deletion, arrow navigation. */
final class KeyboardHandler {
  private final GraphView view;

  KeyboardHandler(GraphView view) {
    this.view = view;
  }

  /** Registers the key handlers on the view. */
  void install() {
    view.addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
    view.addEventHandler(KeyEvent.KEY_RELEASED, e -> {
      if (e.getCode() == KeyCode.SPACE) {
        view.gestures.spaceDown = false;
      }
    });
  }

  /**
   * Zooms for a zoom key (+, -, 0 with or without the shortcut modifier); returns whether it was
   * one.
   */
  private boolean zoomKey(KeyCode code) {
    switch (code) {
      case PLUS:
      case ADD:
      case EQUALS:
        view.zoomIn();
        return true;
      case MINUS:
      case SUBTRACT:
        view.zoomOut();
        return true;
      case DIGIT0:
      case NUMPAD0:
        view.zoomToActualSize();
        return true;
      default:
        return false;
    }
  }

  private void keyPressed(KeyEvent e) {
    boolean shortcut = e.isShortcutDown() || e.isControlDown();
    KeyCode code = e.getCode();
    boolean handled = zoomKey(code) || (shortcut ? shortcutKey(e, code) : plainKey(code));
    if (handled) {
      e.consume();
    }
  }

  /** Shortcut (Ctrl/Cmd) keys: select all, undo, redo, clipboard; returns whether it was one. */
  private boolean shortcutKey(KeyEvent e, KeyCode code) {
    boolean handled = true;
    switch (code) {
      case A:
        view.selectAll();
        break;
      case Z:
        if (e.isShiftDown()) {
          view.redo();
        } else {
          view.undo();
        }
        break;
      case Y:
        view.redo();
        break;
      case C:
        if (view.clipboard != null && !view.selection.isEmpty()) {
          view.clipboard.copy(view.selection.nodeList(), view.selection.edgeList());
        }
        break;
      case X:
        if (view.clipboard != null && !view.selection.isEmpty()) {
          view.clipboard.copy(view.selection.nodeList(), view.selection.edgeList());
          view.deleteSelection();
        }
        break;
      case V:
        if (view.clipboard != null) {
          Point2D at = pastePoint();
          view.clipboard.paste(at.getX(), at.getY());
        }
        break;
      case D:
        if (view.clipboard != null && !view.selection.isEmpty()) {
          view.clipboard.duplicate(view.selection.nodeList(), view.selection.edgeList());
        }
        break;
      default:
        handled = false;
    }
    return handled;
  }

  /** Keys without the shortcut modifier; returns whether the key was one of them. */
  private boolean plainKey(KeyCode code) {
    boolean handled = true;
    switch (code) {
      case SPACE:
        view.gestures.spaceDown = true;
        break;
      case F:
      case DIGIT1:
        view.fitToView();
        break;
      case DELETE:
      case BACK_SPACE:
        view.deleteSelection();
        break;
      case ESCAPE:
        if (view.gestures.isActive()) {
          view.gestures.cancel();
        } else {
          view.selection.clear();
        }
        break;
      case LEFT:
      case RIGHT:
      case UP:
      case DOWN:
        navigate(code);
        break;
      default:
        handled = false;
    }
    return handled;
  }

  private Point2D pastePoint() {
    if (!Double.isNaN(view.gestures.lastMouseX)) {
      return view.screenToModel(view.gestures.lastMouseX, view.gestures.lastMouseY);
    }
    return view.screenToModel(view.getWidth() / 2, view.getHeight() / 2);
  }

  /** Moves the selection to the nearest node in the direction of an arrow key. */
  void navigate(KeyCode direction) {
    List<GraphNode> selected = view.selection.nodeList();
    if (selected.isEmpty()) {
      if (!view.model.nodes().isEmpty()) {
        GraphNode first = view.model.nodes().get(0);
        view.selection.select(first);
        view.ensureVisible(first);
      }
      return;
    }
    GraphNode from = selected.get(selected.size() - 1);
    double fx = from.getX() + from.getWidth() / 2;
    double fy = from.getY() + from.getHeight() / 2;
    GraphNode best = null;
    double bestScore = Double.MAX_VALUE;
    for (GraphNode n : view.model.nodes()) {
      if (n == from) {
        continue;
      }
      double dx = n.getX() + n.getWidth() / 2 - fx;
      double dy = n.getY() + n.getHeight() / 2 - fy;
      double along;
      double across;
      switch (direction) {
        case LEFT:
          along = -dx;
          across = dy;
          break;
        case RIGHT:
          along = dx;
          across = dy;
          break;
        case UP:
          along = -dy;
          across = dx;
          break;
        default:
          along = dy;
          across = dx;
          break;
      }
      if (along <= 1) {
        continue;
      }
      double score = along + 2 * Math.abs(across);
      if (score < bestScore) {
        bestScore = score;
        best = n;
      }
    }
    if (best != null) {
      view.selection.select(best);
      view.ensureVisible(best);
    }
  }
}

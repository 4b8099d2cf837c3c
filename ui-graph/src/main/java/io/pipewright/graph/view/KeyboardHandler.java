package io.pipewright.graph.view;

import io.pipewright.graph.model.GraphModel;
import io.pipewright.graph.model.GraphNode;
import java.util.List;
import javafx.event.EventHandler;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/** The keyboard map of a {@link GraphView}: shortcuts, zoom keys, deletion, arrow navigation. */
final class KeyboardHandler implements EventHandler<KeyEvent> {
  // the view is driven through its public API
  private final GraphView view;
  private final GraphModel model;
  private final GraphSelection selection;
  private final GestureHandler gestures;
  private ClipboardHandler clipboard;

  KeyboardHandler(GraphView view, GraphModel model, GraphSelection selection, GestureHandler gestures) {
    this.view = view;
    this.model = model;
    this.selection = selection;
    this.gestures = gestures;
  }

  /** Registers this handler for the view's key presses and releases. */
  void install() {
    view.addEventHandler(KeyEvent.KEY_PRESSED, this);
    view.addEventHandler(KeyEvent.KEY_RELEASED, this);
  }

  void setClipboardHandler(ClipboardHandler handler) {
    this.clipboard = handler;
  }

  @Override
  public void handle(KeyEvent e) {
    if (e.getEventType() == KeyEvent.KEY_PRESSED) {
      keyPressed(e);
    } else if (e.getEventType() == KeyEvent.KEY_RELEASED && e.getCode() == KeyCode.SPACE) {
      gestures.setSpaceDown(false);
    }
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
        if (clipboard != null && !selection.isEmpty()) {
          clipboard.copy(selection.nodeList(), selection.edgeList());
        }
        break;
      case X:
        if (clipboard != null && !selection.isEmpty()) {
          clipboard.copy(selection.nodeList(), selection.edgeList());
          view.deleteSelection();
        }
        break;
      case V:
        if (clipboard != null) {
          Point2D at = pastePoint();
          clipboard.paste(at.getX(), at.getY());
        }
        break;
      case D:
        if (clipboard != null && !selection.isEmpty()) {
          clipboard.duplicate(selection.nodeList(), selection.edgeList());
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
        gestures.setSpaceDown(true);
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
        if (gestures.isActive()) {
          gestures.cancel();
        } else {
          selection.clear();
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
    Point2D mouse = gestures.lastMousePosition();
    if (mouse != null) {
      return view.screenToModel(mouse.getX(), mouse.getY());
    }
    return view.screenToModel(view.getWidth() / 2, view.getHeight() / 2);
  }

  /** Moves the selection to the nearest node in the direction of an arrow key. */
  void navigate(KeyCode direction) {
    List<GraphNode> selected = selection.nodeList();
    if (selected.isEmpty()) {
      if (!model.nodes().isEmpty()) {
        GraphNode first = model.nodes().get(0);
        selection.select(first);
        view.ensureVisible(first);
      }
      return;
    }
    GraphNode from = selected.get(selected.size() - 1);
    double fx = from.getX() + from.getWidth() / 2;
    double fy = from.getY() + from.getHeight() / 2;
    GraphNode best = null;
    double bestScore = Double.MAX_VALUE;
    for (GraphNode n : model.nodes()) {
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
      selection.select(best);
      view.ensureVisible(best);
    }
  }
}

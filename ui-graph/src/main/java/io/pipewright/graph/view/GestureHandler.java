package io.pipewright.graph.view;

import io.pipewright.graph.edit.GraphCommands;
import io.pipewright.graph.model.EdgeCheck;
import io.pipewright.graph.model.GraphEdge;
import io.pipewright.graph.model.GraphModel;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.model.Port;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.event.EventHandler;
import javafx.event.EventType;
import javafx.scene.Group;
import javafx.scene.input.InputEvent;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.scene.control.ContextMenu;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Border;
import javafx.scene.layout.BorderStroke;
import javafx.scene.layout.BorderStrokeStyle;
import javafx.scene.layout.BorderWidths;
import javafx.scene.layout.CornerRadii;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * The mouse gestures of a {@link GraphView} (pan, move, connect, reconnect either end, rubber band),
 * the wheel and pinch zoom, the context menu and drops, with the gesture overlay (connection
 * preview, rubber band, refusal label).
 */
final class GestureHandler implements EventHandler<InputEvent>, SkinSynchronizer.PortChecks {
  // the view is driven through its public API; what is not public comes in through the constructor
  private final GraphView view;
  private final GraphModel model;
  private final GraphSelection selection;
  /** Ends a layout animation in progress (a press stops it where it would end). */
  private final Runnable finishLayout;
  /** The cached static layer must be drawn again (an edge is lifted out of it or put back). */
  private final Runnable staticLayerChanged;
  /** Puts every shown port back to its normal look. */
  private final Runnable clearPortStates;
  /** The gesture overlay's layer: connection preview, rubber band, refusal label. */
  private final Group overlay = new Group();
  private final ReadOnlyStringWrapper refusal;

  // host hooks
  private Function<Hit, ContextMenu> contextMenuFactory;
  private Consumer<Hit> onDoubleClick;
  private GraphView.DropHandler dropHandler;

  private enum Gesture {
    NONE,
    PAN,
    MOVE,
    CONNECT,
    RECONNECT,
    /** Moving an edge's source end: dragNode/dragPort are its fixed target end. */
    RECONNECT_SOURCE,
    RUBBER_BAND
  }

  private Gesture gesture = Gesture.NONE;
  private double pressX;
  private double pressY;
  private double startPanX;
  private double startPanY;
  private boolean dragged;
  /** Whether the space bar is held (a primary drag then pans). */
  private boolean spaceDown;
  private List<GraphNode> movingNodes = List.of();
  private double[] movingFrom;
  private GraphNode dragNode;
  private Port dragPort;
  private GraphEdge draggedEdge;
  private GraphNode hoverNode;
  private Port hoverPort;
  private final Map<GraphNode, Map<Port, EdgeCheck>> checks = new IdentityHashMap<>();
  private double lastMouseX = Double.NaN;
  private double lastMouseY = Double.NaN;

  // the gesture overlay (connection preview, rubber band, refusal label) is made at the first
  // gesture: before the first frame it would only load and style shape and text nodes that are
  // not shown
  private CubicCurve preview;
  private Rectangle rubberBand;
  private StackPane refusalLabel;

  /** Makes the gesture overlay at its first use. */
  private void ensureOverlay() {
    if (preview != null) {
      return;
    }
    preview = new CubicCurve();
    preview.setFill(null);
    preview.setStrokeWidth(2.2);
    preview.setStrokeLineCap(StrokeLineCap.ROUND);
    preview.setVisible(false);
    rubberBand = new Rectangle();
    rubberBand.setFill(Color.web("#2563eb", 0.08));
    rubberBand.setStroke(Color.web("#2563eb", 0.7));
    rubberBand.getStrokeDashArray().setAll(4.0, 3.0);
    rubberBand.setVisible(false);
    // the reason an edge is refused, next to the pointer: a plain Region and Text, no Control (a
    // Control would load and parse the user agent style sheet for a view that needs none)
    Text refusalText = new Text();
    refusalLabel = new StackPane(refusalText);
    CornerRadii radii = new CornerRadii(4);
    refusalLabel.setBackground(new Background(new BackgroundFill(Color.web("#fef2f2"), radii, Insets.EMPTY)));
    refusalLabel.setBorder(new Border(new BorderStroke(Color.web("#fca5a5"), BorderStrokeStyle.SOLID,
        radii, BorderWidths.DEFAULT)));
    refusalLabel.setPadding(new Insets(3, 7, 3, 7));
    refusalLabel.setVisible(false);
    refusalText.setFill(Color.web("#b91c1c"));
    refusalText.setFont(Font.font(12));
    refusalText.textProperty().bind(refusal);
    overlay.getChildren().addAll(preview, rubberBand, refusalLabel);
  }

  private void mousePressed(MouseEvent e) {
    view.requestFocus();
    pressX = e.getX();
    pressY = e.getY();
    dragged = false;
    finishLayout.run();
    if (e.getButton() == MouseButton.MIDDLE
        || (e.getButton() == MouseButton.PRIMARY && spaceDown)) {
      beginPan();
      e.consume();
      return;
    }
    if (e.getButton() != MouseButton.PRIMARY) {
      return;
    }
    Hit hit = view.hitTest(e.getX(), e.getY());
    boolean toggle = e.isShortcutDown() || e.isControlDown();
    boolean extend = e.isShiftDown();
    if (e.getClickCount() == 2 && onDoubleClick != null) {
      onDoubleClick.accept(hit);
      e.consume();
      return;
    }
    switch (hit.kind()) {
      case PORT:
        if (!hit.port().isInput()) {
          List<GraphEdge> out = extend ? model.edgesOutOf(hit.node(), hit.port()) : List.of();
          if (!out.isEmpty()) {
            // Shift+drag from a connected output moves the source end of its newest edge
            GraphEdge edge = out.get(out.size() - 1);
            beginConnect(edge.target(), edge.targetPort(), edge);
            gesture = Gesture.RECONNECT_SOURCE;
          } else {
            beginConnect(hit.node(), hit.port(), null);
          }
          break;
        }
        List<GraphEdge> into = model.edgesInto(hit.node(), hit.port());
        if (!into.isEmpty()) {
          GraphEdge edge = into.get(into.size() - 1);
          beginConnect(edge.source(), edge.sourcePort(), edge);
          break;
        }
        pressNode(hit.node(), toggle, extend);
        break;
      case NODE:
        pressNode(hit.node(), toggle, extend);
        break;
      case EDGE:
        if (toggle || extend) {
          selection.toggle(hit.edge());
        } else {
          selection.select(hit.edge());
        }
        gesture = Gesture.NONE;
        break;
      case BACKGROUND:
      default:
        if (extend || toggle || !view.backgroundDragPansProperty().get()) {
          gesture = Gesture.RUBBER_BAND;
          if (!extend && !toggle) {
            selection.clear();
          }
        } else {
          beginPan();
        }
        break;
    }
    e.consume();
  }

  private void beginPan() {
    gesture = Gesture.PAN;
    startPanX = view.panXProperty().get();
    startPanY = view.panYProperty().get();
    view.setCursor(javafx.scene.Cursor.CLOSED_HAND);
  }

  private void pressNode(GraphNode node, boolean toggle, boolean extend) {
    if (toggle) {
      selection.toggle(node);
    } else if (extend) {
      selection.add(node);
    } else if (!selection.contains(node)) {
      selection.select(node);
    }
    if (selection.contains(node)) {
      gesture = Gesture.MOVE;
      dragNode = node;
      movingNodes = selection.nodeList();
      movingFrom = GraphCommands.positions(movingNodes);
    } else {
      gesture = Gesture.NONE;
    }
  }

  private void beginConnect(GraphNode node, Port output, GraphEdge existing) {
    gesture = existing == null ? Gesture.CONNECT : Gesture.RECONNECT;
    dragNode = node;
    dragPort = output;
    draggedEdge = existing;
    if (existing != null) {
      staticLayerChanged.run();
    }
    checks.clear();
    hoverNode = null;
    hoverPort = null;
    ensureOverlay();
    preview.setStroke(GraphRenderer.SELECTED_EDGE);
    preview.getStrokeDashArray().clear();
    preview.setVisible(false);
    view.invalidateView();
  }

  private EdgeCheck checkFor(GraphNode target, Port input) {
    Map<Port, EdgeCheck> perNode = checks.computeIfAbsent(target, k -> new IdentityHashMap<>());
    EdgeCheck check = perNode.get(input);
    if (check == null) {
      check = gesture == Gesture.RECONNECT_SOURCE
          ? view.validatorProperty().get().check(model, target, input, dragNode, dragPort, draggedEdge)
          : view.validatorProperty().get().check(model, dragNode, dragPort, target, input, draggedEdge);
      perNode.put(input, check);
    }
    return check;
  }

  @Override
  public boolean active() {
    return isConnecting();
  }

  @Override
  public void showChecks(GraphNode node, NodeSkin skin) {
    for (Port p : gesture == Gesture.RECONNECT_SOURCE ? node.outputs() : node.inputs()) {
      PortState state;
      if (node == hoverNode && p == hoverPort) {
        state = checkFor(node, p).legal() ? PortState.HOVER : PortState.ILLEGAL;
      } else {
        state = checkFor(node, p).legal() ? PortState.LEGAL : PortState.ILLEGAL;
      }
      skin.setPortState(p, state);
    }
  }

  private void mouseDragged(MouseEvent e) {
    double dx = e.getX() - pressX;
    double dy = e.getY() - pressY;
    if (!dragged && Math.abs(dx) < 3 && Math.abs(dy) < 3) {
      return;
    }
    dragged = true;
    double z = view.getZoom();
    switch (gesture) {
      case PAN:
        view.panXProperty().set(startPanX + dx);
        view.panYProperty().set(startPanY + dy);
        break;
      case MOVE:
        moveNodes(dx / z, dy / z);
        break;
      case CONNECT:
      case RECONNECT:
      case RECONNECT_SOURCE:
        dragConnection(e.getX(), e.getY());
        break;
      case RUBBER_BAND:
        ensureOverlay();
        rubberBand.setX(Math.min(pressX, e.getX()));
        rubberBand.setY(Math.min(pressY, e.getY()));
        rubberBand.setWidth(Math.abs(dx));
        rubberBand.setHeight(Math.abs(dy));
        rubberBand.setVisible(true);
        break;
      case NONE:
      default:
        break;
    }
    e.consume();
  }

  private void moveNodes(double dx, double dy) {
    int lead = movingNodes.indexOf(dragNode);
    if (view.snapToGridProperty().get() && lead >= 0) {
      double g = view.gridSizeProperty().get();
      double lx = movingFrom[2 * lead];
      double ly = movingFrom[2 * lead + 1];
      dx = Math.round((lx + dx) / g) * g - lx;
      dy = Math.round((ly + dy) / g) * g - ly;
    }
    for (int i = 0; i < movingNodes.size(); i++) {
      movingNodes.get(i).moveTo(movingFrom[2 * i] + dx, movingFrom[2 * i + 1] + dy);
    }
  }

  private void dragConnection(double x, double y) {
    double z = view.getZoom();
    double mx = (x - view.panXProperty().get()) / z;
    double my = (y - view.panYProperty().get()) / z;
    // nearest input port within reach (output port when moving a source end)
    boolean sourceEnd = gesture == Gesture.RECONNECT_SOURCE;
    GraphNode bestNode = null;
    Port bestPort = null;
    double reach = 18 / z;
    double best = reach * reach;
    List<GraphNode> nodes = model.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      GraphNode n = nodes.get(i);
      double side = sourceEnd ? n.getX() + n.getWidth() : n.getX();
      if (mx < side - reach || mx > side + reach || my < n.getY() - reach
          || my > n.getY() + n.getHeight() + reach) {
        continue;
      }
      for (Port p : sourceEnd ? n.outputs() : n.inputs()) {
        double ddx = n.anchorX(p) - mx;
        double ddy = n.anchorY(p) - my;
        double d = ddx * ddx + ddy * ddy;
        if (d <= best) {
          best = d;
          bestNode = n;
          bestPort = p;
        }
      }
    }
    hoverNode = bestNode;
    hoverPort = bestPort;
    double sx = dragNode.anchorX(dragPort);
    double sy = dragNode.anchorY(dragPort);
    double tx = mx;
    double ty = my;
    String reason = "";
    boolean legal = true;
    if (bestNode != null) {
      tx = bestNode.anchorX(bestPort);
      ty = bestNode.anchorY(bestPort);
      EdgeCheck c = checkFor(bestNode, bestPort);
      legal = c.legal();
      reason = c.reason();
    }
    if (sourceEnd) {
      // the fixed end is the target: the free end is where the edge starts
      double fx = sx;
      double fy = sy;
      sx = tx;
      sy = ty;
      tx = fx;
      ty = fy;
    }
    double c = GraphRenderer.controlOffset(sx, tx);
    Point2D s = view.modelToScreen(sx, sy);
    Point2D t = view.modelToScreen(tx, ty);
    ensureOverlay();
    preview.setStartX(s.getX());
    preview.setStartY(s.getY());
    preview.setControlX1(s.getX() + c * z);
    preview.setControlY1(s.getY());
    preview.setControlX2(t.getX() - c * z);
    preview.setControlY2(t.getY());
    preview.setEndX(t.getX());
    preview.setEndY(t.getY());
    preview.setStroke(legal ? GraphRenderer.SELECTED_EDGE : DefaultNodeSkin.ILLEGAL);
    if (legal) {
      preview.getStrokeDashArray().clear();
    } else if (preview.getStrokeDashArray().isEmpty()) {
      preview.getStrokeDashArray().setAll(6.0, 5.0);
    }
    preview.setVisible(true);
    refusal.set(reason);
    refusalLabel.setVisible(!reason.isEmpty());
    refusalLabel.relocate(x + 14, y + 12);
    view.invalidateView();
  }

  private void mouseReleased(MouseEvent e) {
    view.setCursor(null);
    Gesture g = gesture;
    gesture = Gesture.NONE;
    switch (g) {
      case MOVE:
        if (dragged) {
          double[] to = GraphCommands.positions(movingNodes);
          if (!java.util.Arrays.equals(to, movingFrom)) {
            view.getUndoStack().record(view.commands().move(movingNodes, movingFrom, to, "Move"));
          }
        } else if (!e.isShiftDown() && !e.isShortcutDown() && !e.isControlDown()) {
          selection.select(dragNode);
        }
        break;
      case CONNECT:
      case RECONNECT:
      case RECONNECT_SOURCE:
        finishConnection(g, dragged);
        break;
      case RUBBER_BAND:
        if (dragged) {
          selectInBand(e.isShiftDown() || e.isShortcutDown() || e.isControlDown());
        }
        break;
      case PAN:
        if (!dragged && e.getButton() == MouseButton.PRIMARY && !spaceDown) {
          selection.clear();
        }
        break;
      case NONE:
      default:
        break;
    }
    clearGestureState();
    e.consume();
  }

  private void finishConnection(Gesture g, boolean moved) {
    if (!moved) {
      return;
    }
    if (hoverNode != null) {
      EdgeCheck c = checkFor(hoverNode, hoverPort);
      if (!c.legal()) {
        return;
      }
      if (g == Gesture.CONNECT) {
        view.getUndoStack().push(view.commands().connect(model.freshId("e"), dragNode, dragPort, hoverNode, hoverPort));
      } else if (g == Gesture.RECONNECT_SOURCE) {
        if (hoverNode != draggedEdge.source() || hoverPort != draggedEdge.sourcePort()) {
          GraphEdge edge = draggedEdge;
          draggedEdge = null;
          view.getUndoStack().push(view.commands().reconnectSource(edge, hoverNode, hoverPort));
        }
      } else if (hoverNode != draggedEdge.target() || hoverPort != draggedEdge.targetPort()) {
        GraphEdge edge = draggedEdge;
        draggedEdge = null;
        view.getUndoStack().push(view.commands().reconnectTarget(edge, hoverNode, hoverPort));
      }
    } else if (g == Gesture.RECONNECT || g == Gesture.RECONNECT_SOURCE) {
      GraphEdge edge = draggedEdge;
      draggedEdge = null;
      view.getUndoStack().push(view.commands().disconnect(edge));
    }
  }

  private void selectInBand(boolean add) {
    if (rubberBand == null) {
      return;
    }
    Point2D a = view.screenToModel(rubberBand.getX(), rubberBand.getY());
    Point2D b = view.screenToModel(rubberBand.getX() + rubberBand.getWidth(), rubberBand.getY() + rubberBand.getHeight());
    List<GraphNode> inside = new ArrayList<>();
    for (GraphNode n : model.nodes()) {
      if (n.getX() < b.getX() && n.getY() < b.getY() && n.getX() + n.getWidth() > a.getX()
          && n.getY() + n.getHeight() > a.getY()) {
        inside.add(n);
      }
    }
    if (add) {
      selection.nodes().addAll(inside);
    } else {
      selection.selectNodes(inside);
    }
  }

  /** Ends the gesture in progress, putting moved nodes back. */
  void cancel() {
    if (gesture == Gesture.MOVE && dragged) {
      for (int i = 0; i < movingNodes.size(); i++) {
        movingNodes.get(i).moveTo(movingFrom[2 * i], movingFrom[2 * i + 1]);
      }
    }
    gesture = Gesture.NONE;
    clearGestureState();
  }

  private void clearGestureState() {
    boolean wasConnecting = dragPort != null;
    if (draggedEdge != null) {
      staticLayerChanged.run();
    }
    if (preview != null) {
      preview.setVisible(false);
      rubberBand.setVisible(false);
      refusalLabel.setVisible(false);
    }
    refusal.set("");
    dragNode = null;
    dragPort = null;
    draggedEdge = null;
    hoverNode = null;
    hoverPort = null;
    checks.clear();
    movingNodes = List.of();
    if (wasConnecting) {
      clearPortStates.run();
    }
    view.invalidateView();
  }

  private void scrolled(ScrollEvent e) {
    if (e.isControlDown() || e.isShortcutDown()) {
      view.zoomAt(view.getZoom() * Math.pow(1.0015, e.getDeltaY()), e.getX(), e.getY());
    } else if (e.isShiftDown() && e.getDeltaX() == 0) {
      view.panBy(e.getDeltaY(), 0);
    } else {
      view.panBy(e.getDeltaX(), e.getDeltaY());
    }
    e.consume();
  }

  private void contextMenuRequested(ContextMenuEvent e) {
    if (contextMenuFactory == null) {
      return;
    }
    Hit hit = view.hitTest(e.getX(), e.getY());
    if (hit.kind() == Hit.Kind.NODE && !selection.contains(hit.node())) {
      selection.select(hit.node());
    } else if (hit.kind() == Hit.Kind.EDGE && !selection.contains(hit.edge())) {
      selection.select(hit.edge());
    }
    ContextMenu menu = contextMenuFactory.apply(hit);
    if (menu != null) {
      menu.show(view, e.getScreenX(), e.getScreenY());
    }
    e.consume();
  }

  GestureHandler(GraphView view, GraphModel model, GraphSelection selection, Runnable finishLayout,
      Runnable staticLayerChanged, Runnable clearPortStates) {
    this.view = view;
    this.model = model;
    this.selection = selection;
    this.finishLayout = finishLayout;
    this.staticLayerChanged = staticLayerChanged;
    this.clearPortStates = clearPortStates;
    this.refusal = new ReadOnlyStringWrapper(view, "refusal", "");
    overlay.setManaged(false);
    overlay.setMouseTransparent(true);
  }

  /**
   * Registers this handler for the mouse, scroll, zoom, context-menu and drag-and-drop events of
   * the view (one handler object, not one lambda per event type: each lambda is a class made at
   * run time, before the first frame).
   */
  void install() {
    view.addEventHandler(MouseEvent.MOUSE_PRESSED, this);
    view.addEventHandler(MouseEvent.MOUSE_DRAGGED, this);
    view.addEventHandler(MouseEvent.MOUSE_RELEASED, this);
    view.addEventHandler(MouseEvent.MOUSE_MOVED, this);
    view.addEventHandler(ScrollEvent.SCROLL, this);
    view.addEventHandler(ZoomEvent.ZOOM, this);
    view.addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, this);
    view.addEventHandler(DragEvent.DRAG_OVER, this);
    view.addEventHandler(DragEvent.DRAG_DROPPED, this);
  }

  @Override
  public void handle(InputEvent event) {
    EventType<? extends InputEvent> type = event.getEventType();
    if (type == MouseEvent.MOUSE_PRESSED) {
      mousePressed((MouseEvent) event);
    } else if (type == MouseEvent.MOUSE_DRAGGED) {
      mouseDragged((MouseEvent) event);
    } else if (type == MouseEvent.MOUSE_RELEASED) {
      mouseReleased((MouseEvent) event);
    } else if (type == MouseEvent.MOUSE_MOVED) {
      MouseEvent e = (MouseEvent) event;
      lastMouseX = e.getX();
      lastMouseY = e.getY();
    } else if (type == ScrollEvent.SCROLL) {
      scrolled((ScrollEvent) event);
    } else if (type == ZoomEvent.ZOOM) {
      ZoomEvent e = (ZoomEvent) event;
      view.zoomAt(view.getZoom() * e.getZoomFactor(), e.getX(), e.getY());
      e.consume();
    } else if (type == ContextMenuEvent.CONTEXT_MENU_REQUESTED) {
      contextMenuRequested((ContextMenuEvent) event);
    } else if (type == DragEvent.DRAG_OVER) {
      DragEvent e = (DragEvent) event;
      if (dropHandler != null && e.getGestureSource() != view) {
        e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
        e.consume();
      }
    } else if (type == DragEvent.DRAG_DROPPED) {
      DragEvent e = (DragEvent) event;
      if (dropHandler != null) {
        Point2D m = view.screenToModel(e.getX(), e.getY());
        e.setDropCompleted(dropHandler.drop(e.getDragboard(), m.getX(), m.getY()));
        e.consume();
      }
    }
  }

  /** Whether the space bar is held (a primary drag then pans). */
  void setSpaceDown(boolean down) {
    spaceDown = down;
  }

  /** Where the mouse last moved over the view, in view coordinates, or null if it has not. */
  Point2D lastMousePosition() {
    return Double.isNaN(lastMouseX) ? null : new Point2D(lastMouseX, lastMouseY);
  }

  /** The layer of the gesture overlay (its shapes are made at the first gesture). */
  Group overlay() {
    return overlay;
  }

  ReadOnlyStringWrapper refusal() {
    return refusal;
  }

  void setContextMenuFactory(Function<Hit, ContextMenu> factory) {
    this.contextMenuFactory = factory;
  }

  void setOnDoubleClick(Consumer<Hit> handler) {
    this.onDoubleClick = handler;
  }

  void setDropHandler(GraphView.DropHandler handler) {
    this.dropHandler = handler;
  }

  /** The edge being reconnected (left out of the static layer while dragged), or null. */
  GraphEdge draggedEdge() {
    return draggedEdge;
  }

  /** Whether a gesture is in progress. */
  boolean isActive() {
    return gesture != Gesture.NONE;
  }

  /** Whether an edge is being connected or reconnected (ports then show whether they accept it). */
  boolean isConnecting() {
    return gesture == Gesture.CONNECT || gesture == Gesture.RECONNECT
        || gesture == Gesture.RECONNECT_SOURCE;
  }

  /** Whether the gesture in progress involves a node (the one dragged from or hovered). */
  boolean involves(GraphNode n) {
    return n == hoverNode || n == dragNode;
  }

}

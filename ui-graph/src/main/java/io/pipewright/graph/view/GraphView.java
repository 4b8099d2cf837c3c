package io.pipewright.graph.view;

import io.pipewright.graph.edit.GraphCommands;
import io.pipewright.graph.edit.Vocabulary;
import io.pipewright.graph.layout.Arrange;
import io.pipewright.graph.layout.LayeredLayout;
import io.pipewright.graph.model.EdgeRules;
import io.pipewright.graph.model.EdgeValidator;
import io.pipewright.graph.model.GraphEdge;
import io.pipewright.graph.model.GraphModel;
import io.pipewright.graph.model.GraphNode;
import io.pipewright.graph.model.NodeStatus;
import io.pipewright.graph.undo.UndoStack;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.SetChangeListener;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ContextMenu;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;

/**
 * The node-graph canvas: a view of a {@link GraphModel} with editing, selection, navigation,
 * layout and undo.
 *
 * <h2>Rendering</h2>
 * Model changes only mark the view dirty; the view is brought up to date once per pulse, in a
 * pre-layout pulse listener. The grid, the edges and far-away nodes are drawn into one {@link
 * Canvas} (edges batched into one path per look); node skins come from a {@link NodeSkinFactory},
 * exist only for nodes inside the viewport (culling) and only when the zoom makes them readable
 * (level of detail: below {@link #lodZoomProperty()} nodes are drawn as coloured boxes in the
 * canvas). Skins are pooled per kind and rebound, not recreated.
 *
 * <h2>Hit-testing</h2>
 * All mouse handling happens against the model's geometry (port anchors, node rectangles, edge
 * curves), so it works the same at every level of detail.
 *
 * <h2>Collaborators</h2>
 * The view owns and delegates to package-private collaborators: {@link Viewport} (transform, zoom,
 * pan, fit), {@link GestureHandler} and {@link HitTester} (mouse gestures), {@link
 * KeyboardHandler} (the key map), {@link GraphRenderer} (static layer, its cache and the dynamic
 * canvas) with {@link EdgeGroups} (edges by look), {@link SkinSynchronizer} (skin pool, culling),
 * {@link ModelWatcher} (model listening) and {@link LayoutAnimator}. The view's fields are private:
 * each collaborator is given what it reads through its constructor (the model, the selection, the
 * viewport, properties, callbacks such as "the static layer changed") and, per pulse, what one
 * frame shows ({@link GraphRenderer.Frame}); the gesture and keyboard handlers drive the view
 * through its public API.
 */
public class GraphView extends Region {

  private final GraphModel model;
  private final UndoStack undoStack;
  private final GraphSelection selection = new GraphSelection();
  private GraphCommands commands;

  private final NodeSkinFactory nodeSkins;
  private final EdgeSkinFactory edgeSkins;
  private final ObjectProperty<EdgeValidator> validator =
      new SimpleObjectProperty<>(this, "validator", EdgeRules.standard());
  private final ObjectProperty<Vocabulary> vocabulary =
      new SimpleObjectProperty<>(this, "vocabulary", Vocabulary.DEFAULT);

  private final DoubleProperty lodZoom = new SimpleDoubleProperty(this, "lodZoom", 0.5);
  private final BooleanProperty snapToGrid = new SimpleBooleanProperty(this, "snapToGrid", false);
  private final DoubleProperty gridSize = new SimpleDoubleProperty(this, "gridSize", 20);
  private final BooleanProperty backgroundDragPans =
      new SimpleBooleanProperty(this, "backgroundDragPans", true);
  private final BooleanProperty showMinimap = new SimpleBooleanProperty(this, "showMinimap", true);
  private final BooleanProperty showGrid = new SimpleBooleanProperty(this, "showGrid", true);
  private final ObjectProperty<GraphColors> colors = new SimpleObjectProperty<>(this, "colors", GraphColors.LIGHT) {
    @Override
    public void set(GraphColors value) {
      super.set(value == null ? GraphColors.LIGHT : value);
    }
  };
  private final ObjectProperty<Duration> layoutAnimation =
      new SimpleObjectProperty<>(this, "layoutAnimation", Duration.millis(350));
  // whether the static layer (background, grid, edges, boxes below lodZoom) is cached
  private final BooleanProperty cacheStaticLayer =
      new SimpleBooleanProperty(this, "cacheStaticLayer", true);

  // layers
  private double laidOutWidth = -1;
  private double laidOutHeight = -1;
  private final Group nodeLayer = new Group();
  // made, drawn and shown after the view's first pulse (see afterFirstPulse), or when asked for
  private Minimap minimap;
  /** How many times its own size a view must be for the minimap to show. */
  static final double ROOMY = 3;
  /** Whether the view's first pulse is over: the minimap is shown, the static layer cached at 1.5×. */
  private boolean firstPulseDone;

  // collaborators, each given what it needs (the view is a Region: only its size is read)
  private final Viewport viewport;
  private final EdgeGroups edgeGroups;
  private final GraphRenderer renderer;
  private final GestureHandler gestures;
  private final KeyboardHandler keys;
  private final ModelWatcher modelWatcher;
  private final SkinSynchronizer skins;
  private LayoutAnimator layoutAnimator;

  // pulse coalescing
  private final Runnable pulseListener = this::applyPendingChanges;
  private Scene listenedScene;
  private boolean viewDirty = true;
  private double lastFrameZoom = Double.NaN;

  // decorations (running nodes, flowing edges)
  private int runningNodes;
  private int flowingEdges;
  private final AnimationTimer decorations = new AnimationTimer() {
    @Override
    public void handle(long now) {
      animationNanos = now;
      skins.tickRunning(now);
      if (flowingEdges > 0 || (runningNodes > 0 && !detail)) {
        invalidateView();
      }
    }
  };
  private boolean decorationsRunning;
  private long animationNanos;
  /** Whether nodes are shown as skins (at or above lodZoom) in the current frame. */
  private boolean detail;

  /** Receives a drop of something (a palette item) at a model position. */
  @FunctionalInterface
  public interface DropHandler {
    /** @return whether the drop was accepted */
    boolean drop(Dragboard dragboard, double modelX, double modelY);
  }

  private static final EdgeSkin DEFAULT_EDGE = new EdgeSkin(Color.web("#8a94a6"), 1.6);

  public GraphView(GraphModel model) {
    this(model, new UndoStack(), new DefaultNodeSkinFactory(), e -> DEFAULT_EDGE);
  }

  public GraphView(GraphModel model, UndoStack undoStack, NodeSkinFactory nodeSkins,
      EdgeSkinFactory edgeSkins) {
    this.model = Objects.requireNonNull(model, "model");
    this.undoStack = Objects.requireNonNull(undoStack, "undoStack");
    this.nodeSkins = Objects.requireNonNull(nodeSkins, "nodeSkins");
    this.edgeSkins = Objects.requireNonNull(edgeSkins, "edgeSkins");
    this.commands = new GraphCommands(model, vocabulary.get());
    vocabulary.addListener((o, a, b) -> commands = new GraphCommands(model, b));
    getStyleClass().add("graph-view");
    setFocusTraversable(true);
    setMinSize(0, 0);
    setPrefSize(800, 600);

    viewport = new Viewport(this, model);
    edgeGroups = new EdgeGroups(edgeSkins);
    renderer = new GraphRenderer(model, selection, viewport, edgeGroups, nodeSkins, cacheStaticLayer,
        showGrid, gridSize, colors, this::addDynamicLayer);
    gestures = new GestureHandler(this, model, selection, this::finishLayoutAnimation,
        this::invalidateStaticLayer, this::clearPortStates);
    keys = new KeyboardHandler(this, model, selection, gestures);
    modelWatcher = new ModelWatcher(model, selection, gestures, this::invalidateView,
        this::invalidateStaticLayer);
    skins = new SkinSynchronizer(model, selection, nodeSkins, viewport, modelWatcher, gestures,
        nodeLayer);

    nodeLayer.getTransforms().add(viewport.transform());
    nodeLayer.setManaged(false);
    // the canvas of the dynamic layer and the minimap are added when first needed
    getChildren().addAll(renderer.staticLayer(), nodeLayer, gestures.overlay());

    Rectangle clip = new Rectangle();
    clip.widthProperty().bind(widthProperty());
    clip.heightProperty().bind(heightProperty());
    setClip(clip);

    ChangeListener<Object> viewChanged = (o, a, b) -> invalidateView();
    ChangeListener<Object> staticLook = (o, a, b) -> invalidateStaticLayer();
    showGrid.addListener(staticLook);
    gridSize.addListener(staticLook);
    colors.addListener((o, a, now) -> {
      skins.setColors(now);
      if (minimap != null) {
        minimap.setColors(now);
      }
      invalidateStaticLayer();
    });
    cacheStaticLayer.addListener(staticLook);
    viewport.zoomProperty().addListener(viewChanged);
    viewport.panXProperty().addListener(viewChanged);
    viewport.panYProperty().addListener(viewChanged);
    lodZoom.addListener(viewChanged);
    showGrid.addListener(viewChanged);
    widthProperty().addListener(viewChanged);
    heightProperty().addListener(viewChanged);
    sceneProperty().addListener((o, a, b) -> listenToPulses(b));

    modelWatcher.start();
    SetChangeListener<Object> selectionListener = c -> invalidateView();
    selection.nodes().addListener(selectionListener);
    selection.edges().addListener(selectionListener);

    gestures.install();
    keys.install();
  }

  // ---------------------------------------------------------------- accessors

  public GraphModel getModel() {
    return model;
  }

  public UndoStack getUndoStack() {
    return undoStack;
  }

  public GraphSelection getSelection() {
    return selection;
  }

  /** Commands on this view's model, worded with its vocabulary; push them onto the undo stack. */
  public GraphCommands commands() {
    return commands;
  }

  public NodeSkinFactory getNodeSkinFactory() {
    return nodeSkins;
  }

  public EdgeSkinFactory getEdgeSkinFactory() {
    return edgeSkins;
  }

  public ObjectProperty<EdgeValidator> validatorProperty() {
    return validator;
  }

  public void setValidator(EdgeValidator v) {
    validator.set(Objects.requireNonNull(v));
  }

  public ObjectProperty<Vocabulary> vocabularyProperty() {
    return vocabulary;
  }

  public void setVocabulary(Vocabulary v) {
    vocabulary.set(Objects.requireNonNull(v));
  }

  public DoubleProperty zoomProperty() {
    return viewport.zoomProperty();
  }

  public double getZoom() {
    return viewport.zoom();
  }

  public DoubleProperty panXProperty() {
    return viewport.panXProperty();
  }

  public DoubleProperty panYProperty() {
    return viewport.panYProperty();
  }

  /** Below this zoom, nodes are drawn as simple boxes instead of skins. */
  public DoubleProperty lodZoomProperty() {
    return lodZoom;
  }

  public BooleanProperty snapToGridProperty() {
    return snapToGrid;
  }

  public DoubleProperty gridSizeProperty() {
    return gridSize;
  }

  /** Dragging the background pans (the default) or draws a rubber band. Shift+drag always bands. */
  public BooleanProperty backgroundDragPansProperty() {
    return backgroundDragPans;
  }

  /** Whether the minimap may show; it shows only over a view at least three times its size, where it leaves room for the graph. */
  public BooleanProperty showMinimapProperty() {
    return showMinimap;
  }

  /** The colours of the background, grid, default cards and minimap: {@link GraphColors#LIGHT} or {@link GraphColors#DARK}. */
  public ObjectProperty<GraphColors> colorsProperty() {
    return colors;
  }

  public GraphColors getColors() {
    return colors.get();
  }

  public BooleanProperty showGridProperty() {
    return showGrid;
  }

  /** How long the automatic layout animates; zero applies it at once. */
  public ObjectProperty<Duration> layoutAnimationProperty() {
    return layoutAnimation;
  }

  /** Why the edge being dragged is refused, or "" (shown next to the pointer). */
  public ReadOnlyStringProperty refusalProperty() {
    return gestures.refusal().getReadOnlyProperty();
  }

  public Minimap getMinimap() {
    return minimap();
  }

  public void setContextMenuFactory(Function<Hit, ContextMenu> factory) {
    gestures.setContextMenuFactory(factory);
  }

  public void setOnDoubleClick(Consumer<Hit> handler) {
    gestures.setOnDoubleClick(handler);
  }

  public void setClipboardHandler(ClipboardHandler handler) {
    keys.setClipboardHandler(handler);
  }

  public void setDropHandler(DropHandler handler) {
    gestures.setDropHandler(handler);
  }

  /** The skin currently showing a node, or null when it is culled or drawn as a box. */
  public NodeSkin skinOf(GraphNode node) {
    return skins.skinOf(node);
  }

  /** The number of node skins in the scene graph now (culling and level of detail at work). */
  public int visibleSkinCount() {
    return skins.count();
  }

  // ---------------------------------------------------------------- coordinates and navigation

  public Point2D screenToModel(double x, double y) {
    return viewport.screenToModel(x, y);
  }

  public Point2D modelToScreen(double x, double y) {
    return viewport.modelToScreen(x, y);
  }

  /** The part of the model that is visible, in model coordinates. */
  public Bounds visibleModelBounds() {
    return viewport.visibleModelBounds();
  }

  /** The bounds of all nodes, or an empty box at the origin. */
  public Bounds modelBounds() {
    return viewport.modelBounds();
  }

  public void setZoomLimits(double min, double max) {
    viewport.setZoomLimits(min, max);
  }

  /** Zooms keeping the model point under (x, y) in view coordinates where it is. */
  public void zoomAt(double newZoom, double x, double y) {
    viewport.zoomAt(newZoom, x, y);
  }

  public void zoomIn() {
    viewport.zoomIn();
  }

  public void zoomOut() {
    viewport.zoomOut();
  }

  /** 100 %, keeping the centre of the view. */
  public void zoomToActualSize() {
    viewport.zoomToActualSize();
  }

  public void panBy(double dx, double dy) {
    viewport.panBy(dx, dy);
  }

  /** Centres the view on a model point. */
  public void centerOn(double mx, double my) {
    viewport.centerOn(mx, my);
  }

  /** Shows the whole graph. */
  public void fitToView() {
    viewport.fitToView();
  }

  /** Fits the graph to the view (at most 100 %) unless all of it is in view already. */
  public void showAll() {
    viewport.showAll();
  }

  /** Zooms to a node ("find step"), selects it and gives the view the focus. */
  public void zoomToNode(GraphNode node) {
    viewport.zoomToNode(node);
    selection.select(node);
  }

  /** Pans as little as needed for a node to be fully visible. */
  public void ensureVisible(GraphNode n) {
    viewport.ensureVisible(n);
  }

  // ---------------------------------------------------------------- editing API

  public void selectAll() {
    selection.selectNodes(model.nodes());
  }

  /** Deletes the selected nodes (with their edges) and edges as one undo step. */
  public void deleteSelection() {
    if (selection.isEmpty()) {
      return;
    }
    List<GraphNode> nodes = selection.nodeList();
    List<GraphEdge> edges = selection.edgeList();
    selection.clear();
    undoStack.push(commands.delete(nodes, edges));
  }

  public void undo() {
    gestures.cancel();
    undoStack.undo();
  }

  public void redo() {
    gestures.cancel();
    undoStack.redo();
  }

  /** Aligns the selected nodes, one undo step. */
  public void align(Arrange.Alignment alignment) {
    List<GraphNode> nodes = selection.nodeList();
    if (nodes.size() < 2) {
      return;
    }
    undoStack.push(commands.move(nodes, GraphCommands.positions(nodes), Arrange.align(nodes, alignment), "Align"));
  }

  /** Distributes the selected nodes with equal gaps, one undo step. */
  public void distribute(boolean horizontally) {
    List<GraphNode> nodes = selection.nodeList();
    if (nodes.size() < 3) {
      return;
    }
    undoStack.push(commands.move(nodes, GraphCommands.positions(nodes),
        Arrange.distribute(nodes, horizontally), "Distribute"));
  }

  /**
   * Lays the whole graph out left to right, animated; one undo step ("Arrange 12 steps"), recorded
   * when the animation ends.
   */
  public void autoLayout() {
    autoLayout(new LayeredLayout());
  }

  public void autoLayout(LayeredLayout layout) {
    gestures.cancel();
    if (layoutAnimator != null) {
      layoutAnimator.finish();
    }
    List<GraphNode> nodes = new ArrayList<>(model.nodes());
    double[] from = GraphCommands.positions(nodes);
    double[] to = layout.compute(model);
    Runnable done = () -> {
      // Recorded before the animation counts as over, so whoever sees it over sees the undo step.
      undoStack.record(commands.move(nodes, from, to, "Arrange"));
      layoutAnimator = null;
    };
    Duration d = layoutAnimation.get();
    if (d == null || d.lessThanOrEqualTo(Duration.ZERO)) {
      for (int i = 0; i < nodes.size(); i++) {
        nodes.get(i).moveTo(to[2 * i], to[2 * i + 1]);
      }
      done.run();
    } else {
      layoutAnimator = new LayoutAnimator(nodes, from, to, d.toMillis() * 1e6, done);
      layoutAnimator.start();
    }
  }

  /** Puts the ports of the shown skins back to their normal look (a connection ended). */
  private void clearPortStates() {
    skins.clearPortStates();
  }

  /** Ends a layout animation in progress, with the nodes where it would end. */
  private void finishLayoutAnimation() {
    if (layoutAnimator != null) {
      layoutAnimator.finish();
    }
  }

  /** Whether an automatic layout is still animating. */
  public boolean isLayoutAnimating() {
    return layoutAnimator != null;
  }

  // ---------------------------------------------------------------- pulse

  /** Stops listening to the model (a view that is thrown away while the model lives on). */
  public void dispose() {
    modelWatcher.stop();
    decorations.stop();
    listenToPulses(null);
  }


  private void listenToPulses(Scene scene) {
    if (listenedScene != null) {
      listenedScene.removePreLayoutPulseListener(pulseListener);
    }
    listenedScene = scene;
    if (scene != null) {
      scene.addPreLayoutPulseListener(pulseListener);
      invalidateView();
    }
  }

  /** The cached static layer must be drawn again (the model or its look changed). */
  void invalidateStaticLayer() {
    renderer.invalidateStaticLayer();
    invalidateView();
  }

  /** Marks the view as out of date; it is brought up to date in the next pulse, once. */
  protected final void invalidateView() {
    if (!viewDirty) {
      viewDirty = true;
      if (listenedScene != null) {
        Platform.requestNextPulse();
      }
    }
  }

  /**
   * Brings the view up to date with the model now. Called by the pulse listener; call it directly
   * only on a view that is not in a scene (export).
   */
  public void applyPendingChanges() {
    if (!viewDirty) {
      return;
    }
    viewDirty = false;
    if (modelWatcher.takeStructureChange()) {
      rebuildStructure();
    }
    if (modelWatcher.takeFlowingChange()) {
      flowingEdges = countFlowingEdges();
    }
    viewport.updateTransform();
    double z = viewport.zoom();
    if (modelWatcher.hasContentChanges()) {
      runningNodes = countRunningNodes();
    }
    detail = z >= lodZoom.get();
    skins.sync(getWidth(), getHeight(), detail);
    boolean zoomingInDetail = detail && z != lastFrameZoom;
    lastFrameZoom = z;
    skins.setZooming(zoomingInDetail);
    if (zoomingInDetail) {
      // one more pulse after the zoom stops: crisp skins and a cached static layer again
      viewDirty = false;
      Platform.runLater(this::invalidateView);
    }
    renderer.redraw(new GraphRenderer.Frame(getWidth(), getHeight(), detail, firstPulseDone,
        flowingEdges, animationNanos, gestures.draggedEdge()));
    if (firstPulseDone) {
      if (modelWatcher.takeOverviewChange()) {
        minimap.redrawNodes();
      }
      minimap.updateViewport();
    } else if (listenedScene != null) {
      // this pulse is the view's first: make and draw the minimap after it (while the render
      // thread paints the first frame) and show it, with the wider static cache, in the next one
      Platform.runLater(this::afterFirstPulse);
    } else {
      // not in a scene (export): nothing to wait for
      afterFirstPulse();
    }
    boolean animate = runningNodes > 0 || flowingEdges > 0;
    if (animate != decorationsRunning) {
      decorationsRunning = animate;
      if (animate) {
        decorations.start();
      } else {
        decorations.stop();
      }
    }
  }

  /**
   * Work left out of the view's first pulse, so that the graph is shown sooner: the minimap is
   * made, drawn and shown, and the static layer is cached at {@link GraphRenderer#CACHE_FACTOR} times the view
   * (the first pulse drew only the view's size). Called once, after the first pulse.
   */
  private void afterFirstPulse() {
    if (firstPulseDone) {
      return;
    }
    firstPulseDone = true;
    Minimap map = minimap();
    // shown where it leaves room for the graph: over a short or narrow view it would hide nodes
    map.visibleProperty().bind(showMinimap.and(heightProperty().greaterThanOrEqualTo(ROOMY * map.prefHeight(-1)))
        .and(widthProperty().greaterThanOrEqualTo(ROOMY * map.prefWidth(-1))));
    map.redrawNodes();
    modelWatcher.takeOverviewChange();
    map.updateViewport();
    invalidateView();
  }

  /** Whether the view's first pulse is over (the minimap is shown from the next one). */
  boolean isFirstPulseDone() {
    return firstPulseDone;
  }

  /** Adds the dynamic layer (made late, at its first use) just above the static layer. */
  private void addDynamicLayer(javafx.scene.Node layer) {
    getChildren().add(getChildren().indexOf(renderer.staticLayer()) + 1, layer);
  }

  private Minimap minimap() {
    if (minimap == null) {
      minimap = new Minimap(this);
      minimap.setColors(colors.get());
      minimap.setVisible(false);
      getChildren().add(minimap);
      requestLayout();
    }
    return minimap;
  }

  private void rebuildStructure() {
    skins.dropRemoved();
    edgeGroups.regroup(model.edges());
    runningNodes = countRunningNodes();
  }

  private int countRunningNodes() {
    int running = 0;
    List<GraphNode> nodes = model.nodes();
    for (int i = 0, n = nodes.size(); i < n; i++) {
      if (nodes.get(i).getStatus() == NodeStatus.RUNNING) {
        running++;
      }
    }
    return running;
  }

  private int countFlowingEdges() {
    int flowing = 0;
    List<GraphEdge> edges = model.edges();
    for (int i = 0, n = edges.size(); i < n; i++) {
      if (edges.get(i).isFlowing()) {
        flowing++;
      }
    }
    return flowing;
  }

  @Override
  protected void layoutChildren() {
    double w = getWidth();
    double h = getHeight();
    if (laidOutWidth != w || laidOutHeight != h) {
      laidOutWidth = w;
      laidOutHeight = h;
      invalidateView();
    }
    if (minimap != null) {
      double mw = minimap.prefWidth(-1);
      double mh = minimap.prefHeight(-1);
      minimap.resizeRelocate(w - mw - 12, h - mh - 12, mw, mh);
    }
    if (viewDirty && listenedScene == null) {
      applyPendingChanges();
    }
  }

  /** Moves the selection to the nearest node in the direction of an arrow key. */
  public void navigate(KeyCode direction) {
    keys.navigate(direction);
  }

  // ---------------------------------------------------------------- hit testing

  /** What is under a point in view coordinates. Ports win over nodes, nodes over edges. */
  public Hit hitTest(double x, double y) {
    double z = viewport.zoom();
    return HitTester.hitTest(model, (x - viewport.panX()) / z, (y - viewport.panY()) / z, z);
  }

  /**
   * Whether the static layer (background, grid, edges and, below lodZoom, node boxes) is drawn
   * once into an image that is only moved while panning and scaled during a zoom gesture (the
   * default). Off, everything is drawn into the canvas on every change; export turns it off.
   */
  public BooleanProperty cacheStaticLayerProperty() {
    return cacheStaticLayer;
  }

  /** For tests: how many times the static layer has been rendered into its cache. */
  int staticLayerRevision() {
    return renderer.revision();
  }

  /** For tests: the colour of the cached static layer at a point of the view, ARGB. */
  int staticLayerArgbAt(double x, double y) {
    return renderer.argbAt(x, y);
  }

  /** For tests and the minimap: whether the view has changes not drawn yet. */
  boolean isViewDirty() {
    return viewDirty;
  }

}

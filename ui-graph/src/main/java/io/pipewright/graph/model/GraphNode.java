package io.pipewright.graph.model;

import java.util.List;
import java.util.Objects;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A node of the graph: an id, a kind (which picks its skin), a title, a position and size in model
 * coordinates, and fixed lists of input and output ports. Observable, but holds no JavaFX nodes.
 *
 * <p>Port anchors are part of the model's geometry (inputs spread along the left edge, outputs
 * along the right edge) so that edges can be drawn, hit-tested and laid out without a skin.
 *
 * <p>Besides its properties' own listeners, every change is reported to the {@link
 * GraphChangeListener}s of the models the node is in.
 */
public final class GraphNode {
  public static final double DEFAULT_WIDTH = 180;
  public static final double DEFAULT_HEIGHT = 64;
  /** The {@link #progressProperty() progress} of a node that shows none. */
  public static final double NO_PROGRESS = -1;

  private final String id;
  private final String kind;
  private final List<Port> inputs;
  private final List<Port> outputs;
  private final StringProperty title;
  private final DoubleProperty x;
  private final DoubleProperty y;
  private final DoubleProperty width;
  private final DoubleProperty height;
  private final ObjectProperty<NodeStatus> status;
  private final StringProperty badge;
  private final DoubleProperty progress;
  private final StringProperty progressText;
  private final StringProperty detail;
  /** The models this node is in (almost always one), told about its changes. */
  private GraphModel[] models = NO_MODELS;
  private static final GraphModel[] NO_MODELS = ModelSet.NONE;

  public GraphNode(String id, String kind, String title, List<Port> inputs, List<Port> outputs) {
    this.id = Objects.requireNonNull(id, "id");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.inputs = List.copyOf(inputs);
    this.outputs = List.copyOf(outputs);
    for (Port p : this.inputs) {
      if (!p.isInput()) {
        throw new IllegalArgumentException("Port " + p.id() + " of " + id + " is not an input");
      }
    }
    for (Port p : this.outputs) {
      if (p.isInput()) {
        throw new IllegalArgumentException("Port " + p.id() + " of " + id + " is not an output");
      }
    }
    this.title = new ReportedString("title", title, NodeChange.TITLE);
    this.x = new ReportedDouble("x", 0, NodeChange.POSITION);
    this.y = new ReportedDouble("y", 0, NodeChange.POSITION);
    this.width = new ReportedDouble("width", DEFAULT_WIDTH, NodeChange.SIZE);
    this.height = new ReportedDouble("height", DEFAULT_HEIGHT, NodeChange.SIZE);
    this.status = new ReportedStatus();
    this.badge = new ReportedString("badge", "", NodeChange.BADGE);
    this.progress = new ReportedDouble("progress", NO_PROGRESS, NodeChange.PROGRESS);
    this.progressText = new ReportedString("progressText", "", NodeChange.PROGRESS);
    this.detail = new ReportedString("detail", "", NodeChange.DETAIL);
  }

  /** The node is now in a model (called by the model). */
  void attach(GraphModel model) {
    models = ModelSet.with(models, model);
  }

  /** The node is no longer in a model (called by the model). */
  void detach(GraphModel model) {
    models = ModelSet.without(models, model);
  }

  private void report(NodeChange change) {
    GraphModel[] in = models;
    for (GraphModel m : in) {
      m.nodeChanged(this, change);
    }
  }

  // The properties report each change to the node's models. A property only reports (calls
  // invalidated) when it was valid, that is read since its last change: reading it there keeps it
  // valid, so that every change is reported, as a change listener on it would see them.

  private final class ReportedDouble extends SimpleDoubleProperty {
    private final NodeChange change;

    ReportedDouble(String name, double initial, NodeChange change) {
      super(GraphNode.this, name, initial);
      this.change = change;
    }

    @Override
    protected void invalidated() {
      get();
      report(change);
    }
  }

  private final class ReportedString extends SimpleStringProperty {
    private final NodeChange change;

    ReportedString(String name, String initial, NodeChange change) {
      super(GraphNode.this, name, initial);
      this.change = change;
    }

    @Override
    protected void invalidated() {
      get();
      report(change);
    }
  }

  private final class ReportedStatus extends SimpleObjectProperty<NodeStatus> {
    ReportedStatus() {
      super(GraphNode.this, "status", NodeStatus.NONE);
    }

    @Override
    protected void invalidated() {
      get();
      report(NodeChange.STATUS);
    }
  }

  public String id() {
    return id;
  }

  public String kind() {
    return kind;
  }

  public List<Port> inputs() {
    return inputs;
  }

  public List<Port> outputs() {
    return outputs;
  }

  /** The port with this id, or {@code null}. */
  public Port port(String portId) {
    for (Port p : inputs) {
      if (p.id().equals(portId)) {
        return p;
      }
    }
    for (Port p : outputs) {
      if (p.id().equals(portId)) {
        return p;
      }
    }
    return null;
  }

  public StringProperty titleProperty() {
    return title;
  }

  public String getTitle() {
    return title.get();
  }

  public void setTitle(String value) {
    title.set(value);
  }

  public DoubleProperty xProperty() {
    return x;
  }

  public double getX() {
    return x.get();
  }

  public DoubleProperty yProperty() {
    return y;
  }

  public double getY() {
    return y.get();
  }

  public void moveTo(double newX, double newY) {
    x.set(newX);
    y.set(newY);
  }

  public DoubleProperty widthProperty() {
    return width;
  }

  public double getWidth() {
    return width.get();
  }

  public DoubleProperty heightProperty() {
    return height;
  }

  public double getHeight() {
    return height.get();
  }

  public void resize(double w, double h) {
    width.set(w);
    height.set(h);
  }

  public ObjectProperty<NodeStatus> statusProperty() {
    return status;
  }

  public NodeStatus getStatus() {
    return status.get();
  }

  public void setStatus(NodeStatus value) {
    status.set(value == null ? NodeStatus.NONE : value);
  }

  public StringProperty badgeProperty() {
    return badge;
  }

  public String getBadge() {
    return badge.get();
  }

  public void setBadge(String value) {
    badge.set(value == null ? "" : value);
  }

  /**
   * How far the node's work has come, 0 to 1, drawn as a thin bar under the title; {@link
   * #NO_PROGRESS} (any negative value) for none. Values above 1 count as 1.
   */
  public DoubleProperty progressProperty() {
    return progress;
  }

  public double getProgress() {
    return progress.get();
  }

  public void setProgress(double value) {
    progress.set(Double.isNaN(value) || value < 0 ? NO_PROGRESS : Math.min(1, value));
  }

  /** A short text under the progress bar ("stage 2 of 3 · 150/200 tasks"); empty for none. */
  public StringProperty progressTextProperty() {
    return progressText;
  }

  public String getProgressText() {
    return progressText.get();
  }

  public void setProgressText(String value) {
    progressText.set(value == null ? "" : value);
  }

  /**
   * A line or two under the title saying what happened to the node (a failure's cause, why it did
   * not run); drawn elided, in the status's colour when it failed. Empty for none.
   */
  public StringProperty detailProperty() {
    return detail;
  }

  public String getDetail() {
    return detail.get();
  }

  public void setDetail(String value) {
    detail.set(value == null ? "" : value);
  }

  /** The model x of a port's anchor. */
  public double anchorX(Port port) {
    return port.isInput() ? getX() : getX() + getWidth();
  }

  /** The model y of a port's anchor: ports spread evenly over the node's height. */
  public double anchorY(Port port) {
    List<Port> side = port.isInput() ? inputs : outputs;
    int index = indexOf(side, port);
    return getY() + getHeight() * (index + 1) / (side.size() + 1);
  }

  /**
   * The index of a port on its side: by identity first (the port objects are the node's own, and
   * this runs for both ends of every edge drawn), then by equality.
   */
  private static int indexOf(List<Port> side, Port port) {
    for (int i = 0, n = side.size(); i < n; i++) {
      if (side.get(i) == port) {
        return i;
      }
    }
    return side.indexOf(port);
  }

  public boolean contains(double mx, double my) {
    double nx = getX();
    double ny = getY();
    return mx >= nx && my >= ny && mx <= nx + getWidth() && my <= ny + getHeight();
  }

  @Override
  public String toString() {
    return "GraphNode[" + id + " '" + getTitle() + "']";
  }
}

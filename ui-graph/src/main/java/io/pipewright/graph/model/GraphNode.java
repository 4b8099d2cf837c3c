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
 */
public final class GraphNode {
  public static final double DEFAULT_WIDTH = 180;
  public static final double DEFAULT_HEIGHT = 64;

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
    this.title = new SimpleStringProperty(this, "title", title);
    this.x = new SimpleDoubleProperty(this, "x");
    this.y = new SimpleDoubleProperty(this, "y");
    this.width = new SimpleDoubleProperty(this, "width", DEFAULT_WIDTH);
    this.height = new SimpleDoubleProperty(this, "height", DEFAULT_HEIGHT);
    this.status = new SimpleObjectProperty<>(this, "status", NodeStatus.NONE);
    this.badge = new SimpleStringProperty(this, "badge", "");
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

  /** The model x of a port's anchor. */
  public double anchorX(Port port) {
    return port.isInput() ? getX() : getX() + getWidth();
  }

  /** The model y of a port's anchor: ports spread evenly over the node's height. */
  public double anchorY(Port port) {
    List<Port> side = port.isInput() ? inputs : outputs;
    int index = side.indexOf(port);
    return getY() + getHeight() * (index + 1) / (side.size() + 1);
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

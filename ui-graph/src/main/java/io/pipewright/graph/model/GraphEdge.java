package io.pipewright.graph.model;

import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * An edge from an output port of one node to an input port of another. Its ends are fixed;
 * reconnecting replaces the edge with one of the same id (see the edit commands).
 */
public final class GraphEdge {
  private final String id;
  private final GraphNode source;
  private final Port sourcePort;
  private final GraphNode target;
  private final Port targetPort;
  private final BooleanProperty flowing = new SimpleBooleanProperty(this, "flowing") {
    @Override
    protected void invalidated() {
      // read, so that the property stays valid and reports every change (see GraphNode)
      get();
      GraphModel[] in = models;
      for (GraphModel m : in) {
        m.edgeChanged(GraphEdge.this);
      }
    }
  };
  /** The models this edge is in (almost always one), told about its changes. */
  private GraphModel[] models = NO_MODELS;
  private static final GraphModel[] NO_MODELS = ModelSet.NONE;

  public GraphEdge(String id, GraphNode source, Port sourcePort, GraphNode target, Port targetPort) {
    this.id = Objects.requireNonNull(id, "id");
    this.source = Objects.requireNonNull(source, "source");
    this.sourcePort = Objects.requireNonNull(sourcePort, "sourcePort");
    this.target = Objects.requireNonNull(target, "target");
    this.targetPort = Objects.requireNonNull(targetPort, "targetPort");
    if (sourcePort.isInput() || source.port(sourcePort.id()) != sourcePort) {
      throw new IllegalArgumentException(sourcePort.id() + " is not an output of " + source.id());
    }
    if (!targetPort.isInput() || target.port(targetPort.id()) != targetPort) {
      throw new IllegalArgumentException(targetPort.id() + " is not an input of " + target.id());
    }
  }

  public String id() {
    return id;
  }

  public GraphNode source() {
    return source;
  }

  public Port sourcePort() {
    return sourcePort;
  }

  public GraphNode target() {
    return target;
  }

  public Port targetPort() {
    return targetPort;
  }

  /** The edge is now in a model (called by the model). */
  void attach(GraphModel model) {
    models = ModelSet.with(models, model);
  }

  /** The edge is no longer in a model (called by the model). */
  void detach(GraphModel model) {
    models = ModelSet.without(models, model);
  }

  /** The host's "data flowing" decoration. */
  public BooleanProperty flowingProperty() {
    return flowing;
  }

  public boolean isFlowing() {
    return flowing.get();
  }

  public void setFlowing(boolean value) {
    flowing.set(value);
  }

  public boolean touches(GraphNode node) {
    return source == node || target == node;
  }

  @Override
  public String toString() {
    return "GraphEdge[" + id + " " + source.id() + "." + sourcePort.id() + " -> " + target.id() + "."
        + targetPort.id() + "]";
  }
}

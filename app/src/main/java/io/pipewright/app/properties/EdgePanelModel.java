package io.pipewright.app.properties;

import io.pipewright.model.Edge;
import io.pipewright.model.Pipeline;
import io.pipewright.model.Step;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** An edge: where it starts and ends (read only: reconnect it on the canvas), and Delete. */
public final class EdgePanelModel implements PanelModel {
  private final EditContext ctx;
  private final String id;
  private Edge last;
  private final ReadOnlyStringWrapper from = new ReadOnlyStringWrapper(this, "from", "");
  private final ReadOnlyStringWrapper to = new ReadOnlyStringWrapper(this, "to", "");

  EdgePanelModel(EditContext ctx, String edgeId) {
    this.ctx = ctx;
    this.id = edgeId;
    this.last = find(ctx.pipeline()).orElseThrow();
    refresh();
  }

  public String edgeId() {
    return id;
  }

  private java.util.Optional<Edge> find(Pipeline p) {
    return p.edges().stream().filter(e -> e.id().equals(id)).findFirst();
  }

  public ReadOnlyStringProperty fromProperty() {
    return from.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty toProperty() {
    return to.getReadOnlyProperty();
  }

  /** Deletes the edge: one undoable edit. */
  public void delete() {
    String what = "Delete edge " + from.get() + " → " + to.get();
    ctx.edit(what, p -> {
      List<Edge> edges = new ArrayList<>(p.edges());
      edges.removeIf(e -> e.id().equals(id));
      return p.withEdges(edges);
    });
  }

  @Override
  public void refresh() {
    Pipeline p = ctx.pipeline();
    find(p).ifPresent(e -> last = e);
    from.set(label(p, last.from()));
    to.set(label(p, last.to()));
  }

  static String label(Pipeline p, Edge.End end) {
    String node = p.step(end.node()).map(Step::name)
        .or(() -> p.dataset(end.node()).map(d -> d.name())).orElse(end.node());
    return end.port() == null ? node : node + " · " + end.port();
  }
}

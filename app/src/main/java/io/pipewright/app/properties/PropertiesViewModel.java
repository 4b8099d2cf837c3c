package io.pipewright.app.properties;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.document.PipelineDocument;
import io.pipewright.model.Capacity;
import io.pipewright.model.Pipeline;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.Workspace;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the property panel shows: the selected step, dataset or edge, or the pipeline when nothing is
 * selected. It follows the document (replaced on New/Open), the selection, and every change of the
 * pipeline (an edit here, a gesture on the canvas, undo, redo), and loads the workspace's compute
 * targets in the background.
 */
public final class PropertiesViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(PropertiesViewModel.class);

  private final AppContext context;
  private final Function<ComputeTarget, Optional<Capacity>> capacityOf;
  private final Map<String, Capacity> capacities = new HashMap<>();
  private final ObservableList<ComputeTarget> computes = FXCollections.observableArrayList();
  private final ObjectProperty<String> selectedEdgeId = new SimpleObjectProperty<>(this, "selectedEdgeId");
  private final ReadOnlyObjectWrapper<PanelModel> panel = new ReadOnlyObjectWrapper<>(this, "panel");
  private final ChangeListener<Pipeline> pipelineChanged = (o, a, b) -> pipelineChanged();
  private PipelineDocument document;
  private EditContext ctx;

  /** Capacities of compute targets as the workspace knows them ({@code Workspace.capacityOf}). */
  public PropertiesViewModel(AppContext context) {
    this(context, null);
  }

  /**
   * @param capacityOf what a compute target offers a Spark step (called off the FX thread); null for
   *     the workspace's own answer
   */
  public PropertiesViewModel(AppContext context, Function<ComputeTarget, Optional<Capacity>> capacityOf) {
    this.context = context;
    this.capacityOf = capacityOf;
    context.documentProperty().addListener((o, a, b) -> documentChanged());
    context.selectedNodeIdProperty().addListener((o, a, b) -> show());
    selectedEdgeId.addListener((o, a, b) -> show());
    context.computes().addListener((javafx.collections.ListChangeListener<ComputeTarget>) c -> loadCapacities());
    context.workspaceProperty().addListener((o, a, b) -> loadCapacities());
    documentChanged();
    loadCapacities();
  }

  /** The model of what is shown: a {@link StepPanelModel}, {@link DatasetPanelModel}, {@link EdgePanelModel} or {@link PipelinePanelModel}. */
  public ReadOnlyObjectProperty<PanelModel> panelProperty() {
    return panel.getReadOnlyProperty();
  }

  public PanelModel panel() {
    return panel.get();
  }

  /** The one selected edge when no node is selected, or null; set from the canvas's selection. */
  public ObjectProperty<String> selectedEdgeIdProperty() {
    return selectedEdgeId;
  }

  /** The workspace's compute targets, once what each offers is known; empty until then. */
  public ObservableList<ComputeTarget> computes() {
    return computes;
  }

  /**
   * Takes the workspace's compute targets from {@link AppContext#computes()} (kept current by the
   * compute catalog) once what each offers a Spark step is read, off the FX thread.
   */
  private void loadCapacities() {
    List<ComputeTarget> list = List.copyOf(context.computes());
    Optional<? extends Workspace> ws = context.workspace();
    if (ws.isEmpty() && capacityOf == null) {
      return;
    }
    Function<ComputeTarget, Optional<Capacity>> capacity = capacityOf != null ? capacityOf : ws.get()::capacityOf;
    context.executor().submit(() -> {
      Map<String, Capacity> found = new HashMap<>();
      for (ComputeTarget target : list) {
        capacity.apply(target).ifPresent(c -> found.put(target.name(), c));
      }
      return new Targets(list, found);
    }, read -> {
      if (!read.list().equals(List.copyOf(context.computes()))) {
        return; // a newer list is on its way
      }
      capacities.clear();
      capacities.putAll(read.capacities());
      computes.setAll(read.list());
    }, e -> LOG.warn("Cannot read what the compute targets offer", e));
  }

  private record Targets(List<ComputeTarget> list, Map<String, Capacity> capacities) {}

  private void documentChanged() {
    if (document != null) {
      document.pipelineProperty().removeListener(pipelineChanged);
    }
    document = context.document();
    ctx = new EditContext(document, context.executor(), context.dialogs(), computes, capacities,
        () -> context.workspace().flatMap(Workspace::warmSpark));
    document.pipelineProperty().addListener(pipelineChanged);
    show();
  }

  private void pipelineChanged() {
    PanelModel current = panel.get();
    if (current != null && stillThere(current)) {
      current.refresh();
    } else {
      show();
    }
  }

  private boolean stillThere(PanelModel m) {
    Pipeline p = document.pipeline();
    if (m instanceof StepPanelModel) {
      return p.step(((StepPanelModel) m).stepId()).isPresent();
    }
    if (m instanceof DatasetPanelModel) {
      return p.dataset(((DatasetPanelModel) m).datasetId()).isPresent();
    }
    if (m instanceof EdgePanelModel) {
      String id = ((EdgePanelModel) m).edgeId();
      return p.edges().stream().anyMatch(e -> e.id().equals(id));
    }
    return true;
  }

  /** Makes the model of what is selected now. */
  private void show() {
    PanelModel old = panel.get();
    PanelModel next = make();
    if (old != null) {
      old.dispose();
    }
    panel.set(next);
  }

  private PanelModel make() {
    Pipeline p = document.pipeline();
    String node = context.selectedNodeIdProperty().get();
    if (node != null && p.step(node).isPresent()) {
      return new StepPanelModel(ctx, node);
    }
    if (node != null && p.dataset(node).isPresent()) {
      return new DatasetPanelModel(ctx, node);
    }
    String edge = selectedEdgeId.get();
    if (node == null && edge != null && p.edges().stream().anyMatch(e -> e.id().equals(edge))) {
      return new EdgePanelModel(ctx, edge);
    }
    return new PipelinePanelModel(ctx);
  }

  // ------------------------------------------------------------------------------ pointers

  /**
   * Where a JSON pointer of the pipeline file points ({@code /steps/0/spark/executors}): the step,
   * dataset or edge to select (all null for the pipeline itself) and the field's pointer relative to
   * it ({@code /spark/executors}).
   */
  public record Location(String nodeId, String edgeId, String field) {}

  public static Location locate(Pipeline p, String pointer) {
    List<String> parts = List.of((pointer == null ? "" : pointer).split("/", -1));
    if (parts.size() >= 3) {
      String collection = parts.get(1);
      int index;
      try {
        index = Integer.parseInt(parts.get(2));
      } catch (NumberFormatException e) {
        index = -1;
      }
      String rest = "/" + String.join("/", parts.subList(3, parts.size()));
      rest = rest.equals("/") ? "" : rest;
      if (collection.equals("steps") && index >= 0 && index < p.steps().size()) {
        return new Location(p.steps().get(index).id(), null, rest);
      }
      if (collection.equals("datasets") && index >= 0 && index < p.datasets().size()) {
        return new Location(p.datasets().get(index).id(), null, rest);
      }
      if (collection.equals("edges") && index >= 0 && index < p.edges().size()) {
        return new Location(null, p.edges().get(index).id(), rest);
      }
    }
    return new Location(null, null, pointer == null ? "" : pointer);
  }
}

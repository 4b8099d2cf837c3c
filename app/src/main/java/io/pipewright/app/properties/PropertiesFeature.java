package io.pipewright.app.properties;

import io.pipewright.app.context.AppContext;
import io.pipewright.app.designer.MainWindow;
import io.pipewright.graph.model.GraphEdge;
import io.pipewright.graph.view.GraphView;
import io.pipewright.model.Diagnostic;
import javafx.collections.SetChangeListener;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * The property panel in the main window: fills the properties slot, follows the canvas's edge
 * selection, opens the field of a problem clicked in the Problems tab, and F2 renames the selected
 * step or dataset.
 */
public final class PropertiesFeature {
  private final MainWindow window;
  private final AppContext context;
  private final PropertiesViewModel viewModel;
  private final PropertiesView view;

  private PropertiesFeature(MainWindow window, AppContext context) {
    this.window = window;
    this.context = context;
    this.viewModel = new PropertiesViewModel(context);
    this.view = new PropertiesView(viewModel, () -> context.document().undoStack());
  }

  public static PropertiesFeature install(MainWindow window, AppContext context) {
    PropertiesFeature feature = new PropertiesFeature(window, context);
    window.propertiesSlot().getChildren().setAll(feature.view);
    feature.followEdgeSelection();
    window.onProblemOpened(feature::open);
    window.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
      if (e.getCode() == KeyCode.F2 && !e.isShortcutDown() && feature.rename()) {
        e.consume();
      }
    });
    return feature;
  }

  public PropertiesViewModel viewModel() {
    return viewModel;
  }

  public PropertiesView view() {
    return view;
  }

  /** F2: focuses the name of the selected step or dataset; false when none is selected. */
  public boolean rename() {
    return context.selectedNodeIdProperty().get() != null && view.focusField("/name");
  }

  /** Selects what a problem is about (a step, dataset, edge, or the pipeline) and focuses its field. */
  public void open(Diagnostic d) {
    focusField(d.pointer());
  }

  /**
   * Selects the step, dataset or edge a pointer of the pipeline file points into ({@code
   * /steps/0/spark/executors}) and focuses the field concerned.
   */
  public boolean focusField(String pointer) {
    PropertiesViewModel.Location at = PropertiesViewModel.locate(context.document().pipeline(), pointer);
    GraphView graph = window.graphView();
    if (at.nodeId() != null) {
      if (!at.nodeId().equals(context.selectedNodeIdProperty().get())) {
        window.canvas().select(at.nodeId());
      }
    } else if (at.edgeId() != null) {
      GraphEdge edge = graph.getModel().edge(at.edgeId());
      if (edge != null) {
        graph.getSelection().clear();
        graph.getSelection().select(edge);
      }
    } else {
      graph.getSelection().clear();
    }
    return view.focusField(at.field());
  }

  private void followEdgeSelection() {
    SetChangeListener<GraphEdge> edges = c -> updateEdge();
    window.canvas().viewProperty().addListener((o, old, now) -> {
      if (old != null) {
        old.getSelection().edges().removeListener(edges);
      }
      if (now != null) {
        now.getSelection().edges().addListener(edges);
      }
      updateEdge();
    });
    if (window.graphView() != null) {
      window.graphView().getSelection().edges().addListener(edges);
    }
  }

  private void updateEdge() {
    GraphView graph = window.graphView();
    var selected = graph == null ? java.util.Set.<GraphEdge>of() : graph.getSelection().edges();
    viewModel.selectedEdgeIdProperty().set(selected.size() == 1 ? selected.iterator().next().id() : null);
  }
}

package io.pipewright.app.compute;

import io.pipewright.app.context.AppContext;
import io.pipewright.model.Pipeline;
import io.pipewright.model.Step;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.Workspace;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The compute targets list: one row per target with its kind, details and last connection test;
 * detach (after a confirmation that names the open pipeline's steps using the target) and test.
 */
public final class ComputeTargetsViewModel {
  private final AppContext context;
  private final ComputeCatalog catalog;
  private final ObservableList<TargetRow> rows = FXCollections.observableArrayList();
  private final ObjectProperty<TargetRow> selected = new SimpleObjectProperty<>(this, "selected");
  private final Map<String, ConnectionState> tested = new HashMap<>();

  public ComputeTargetsViewModel(AppContext context, ComputeCatalog catalog) {
    this.context = context;
    this.catalog = catalog;
    context.computes().addListener((ListChangeListener<ComputeTarget>) c -> rebuild());
    rebuild();
  }

  private void rebuild() {
    String keep = selected.get() == null ? null : selected.get().name();
    rows.setAll(context.computes().stream()
        .map(t -> new TargetRow(t, tested.getOrDefault(t.name(), ConnectionState.NOT_TESTED))).toList());
    rows.forEach(r -> r.stateProperty().addListener((o, a, b) -> tested.put(r.name(), b)));
    selected.set(rows.stream().filter(r -> r.name().equals(keep)).findFirst().orElse(null));
  }

  public ObservableList<TargetRow> rows() {
    return rows;
  }

  public ObjectProperty<TargetRow> selectedProperty() {
    return selected;
  }

  public Optional<TargetRow> row(String name) {
    return rows.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  public ComputeCatalog catalog() {
    return catalog;
  }

  /** Why the selected target cannot be detached ("built in"), or empty when it can. */
  public StringBinding detachBlockedReasonBinding() {
    return Bindings.createStringBinding(() -> {
      TargetRow r = selected.get();
      if (r == null) {
        return "Select a compute target";
      }
      return r.target().isBuiltIn() ? r.name() + " is built in and cannot be detached" : "";
    }, selected);
  }

  public BooleanBinding canDetachBinding() {
    return detachBlockedReasonBinding().isEmpty();
  }

  public BooleanBinding canEditBinding() {
    return Bindings.createBooleanBinding(() -> selected.get() != null
        && !io.pipewright.workspace.ComputeKind.LOCAL_PROCESS.equals(selected.get().target().kind()), selected);
  }

  /** The steps of the open pipeline that run on the named target, in pipeline order. */
  public List<Step> stepsUsing(String computeName) {
    Pipeline pipeline = context.document().pipeline();
    return ComputeTarget.stepsUsing(pipeline, computeName);
  }

  /** The confirmation text: which steps of the open pipeline lose their target. */
  public String detachMessage(String computeName) {
    List<Step> steps = stepsUsing(computeName);
    if (steps.isEmpty()) {
      return "No step of the open pipeline runs on " + computeName + ". Pipelines that name it will show an"
          + " error until they name another compute target.";
    }
    String names = String.join(", ", steps.stream().map(s -> "“" + s.name() + "”").toList());
    return (steps.size() == 1 ? "The step " + names + " of the open pipeline runs"
        : steps.size() + " steps of the open pipeline run") + " on " + computeName
        + (steps.size() == 1 ? "" : ": " + names) + ". After detaching, "
        + (steps.size() == 1 ? "it shows an error" : "they show an error") + " until "
        + (steps.size() == 1 ? "it names" : "they name") + " another compute target.";
  }

  /** Asks, then detaches the selected target in the background. */
  public void detachSelected() {
    TargetRow r = selected.get();
    if (r == null || r.target().isBuiltIn()) {
      return;
    }
    detach(r.name());
  }

  public void detach(String computeName) {
    Optional<Workspace> workspace = context.workspace().map(w -> w);
    if (workspace.isEmpty()) {
      return;
    }
    if (!context.dialogs().confirm("Detach " + computeName + "?", detachMessage(computeName), "Detach")) {
      return;
    }
    context.executor().submit(() -> {
      workspace.get().detachCompute(computeName);
      return computeName;
    }, name -> {
      tested.remove(name);
      catalog.changed();
      context.statusProperty().set("Detached " + name);
    }, e -> context.dialogs().showError("Cannot detach " + computeName, e.getMessage()));
  }

  /** Tests the selected target in the background; its row shows the result. */
  public void testSelected() {
    TargetRow r = selected.get();
    if (r != null) {
      test(r);
    }
  }

  public void test(TargetRow r) {
    Optional<Workspace> workspace = context.workspace().map(w -> w);
    if (workspace.isEmpty() || r.state().status() == ConnectionState.Status.TESTING) {
      return;
    }
    r.stateProperty().set(ConnectionState.TESTING);
    context.executor().submit(() -> workspace.get().testConnection(r.target()), test -> {
      r.stateProperty().set(ConnectionState.of(test));
      catalog.tested();
    }, e -> r.stateProperty().set(ConnectionState.failed(e)));
  }
}

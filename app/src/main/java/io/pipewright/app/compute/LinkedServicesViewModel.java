package io.pipewright.app.compute;

import io.pipewright.app.context.AppContext;
import io.pipewright.workspace.FieldProblem;
import io.pipewright.workspace.InvalidFieldsException;
import io.pipewright.workspace.LinkedService;
import io.pipewright.workspace.Workspace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Linked services (links to Azure Synapse workspaces): the list, a form to add one, checked as
 * typed, and removal after a confirmation.
 */
public final class LinkedServicesViewModel {
  /** The form's fields, in order, with their labels. */
  public static final Map<String, String> FIELDS = labels();

  private final AppContext context;
  private final ObservableList<LinkedService> services = FXCollections.observableArrayList();
  private final ObjectProperty<LinkedService> selected = new SimpleObjectProperty<>(this, "selected");
  private final Map<String, StringProperty> values = new LinkedHashMap<>();
  private final Map<String, ReadOnlyStringWrapper> problems = new LinkedHashMap<>();
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
  private final BooleanBinding valid;

  public LinkedServicesViewModel(AppContext context) {
    this.context = context;
    for (String key : FIELDS.keySet()) {
      StringProperty value = new SimpleStringProperty(this, key, "");
      value.addListener((o, a, b) -> check());
      values.put(key, value);
      problems.put(key, new ReadOnlyStringWrapper(this, key + "Problem", ""));
    }
    Observable[] dependencies = problems.values().toArray(Observable[]::new);
    valid = Bindings.createBooleanBinding(() -> !busy.get() && problems.values().stream().allMatch(p -> p.get().isEmpty()),
        concat(dependencies, busy));
    check();
    refresh();
  }

  private static Observable[] concat(Observable[] some, Observable one) {
    Observable[] all = java.util.Arrays.copyOf(some, some.length + 1);
    all[some.length] = one;
    return all;
  }

  private static Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(FieldProblem.NAME, "Name");
    labels.put("subscriptionId", "Subscription id");
    labels.put("resourceGroup", "Resource group");
    labels.put("synapseWorkspace", "Synapse workspace");
    return java.util.Collections.unmodifiableMap(labels);
  }

  private LinkedService typed() {
    return new LinkedService(text(FieldProblem.NAME), text("subscriptionId"), text("resourceGroup"),
        text("synapseWorkspace"));
  }

  private String text(String key) {
    String v = values.get(key).get();
    return v == null ? "" : v.strip();
  }

  private void check() {
    List<FieldProblem> found = typed().problems();
    String name = text(FieldProblem.NAME);
    boolean taken = services.stream().anyMatch(s -> s.name().equals(name));
    problems.forEach((key, problem) -> problem.set(found.stream().filter(p -> p.field().equals(key))
        .map(FieldProblem::message).findFirst()
        .orElse(key.equals(FieldProblem.NAME) && taken ? "a linked service named '" + name + "' already exists" : "")));
  }

  /** Reads the list again in the background. */
  public void refresh() {
    context.workspace().ifPresent(ws -> context.executor().submit(ws::linkedServices, list -> {
      services.setAll(list);
      check();
    }, e -> error.set("Could not list the linked services: " + e.getMessage())));
  }

  /** Adds the typed linked service in the background; the form empties when it is saved. */
  public void add() {
    Optional<Workspace> workspace = context.workspace().map(w -> w);
    if (!valid.get() || workspace.isEmpty()) {
      return;
    }
    LinkedService service = typed();
    busy.set(true);
    error.set("");
    context.executor().submit(() -> workspace.get().addLinkedService(service), saved -> {
      busy.set(false);
      values.values().forEach(v -> v.set(""));
      context.statusProperty().set("Added linked service " + saved.name());
      refresh();
    }, e -> {
      busy.set(false);
      if (e instanceof InvalidFieldsException) {
        for (FieldProblem p : ((InvalidFieldsException) e).problems()) {
          ReadOnlyStringWrapper problem = problems.get(p.field());
          if (problem != null) {
            problem.set(p.message());
          } else {
            error.set(p.message());
          }
        }
      } else {
        error.set("Could not add " + service.name() + ": " + e.getMessage());
      }
    });
  }

  /** Asks, then removes the selected linked service (refused while a Synapse pool target uses it). */
  public void removeSelected() {
    LinkedService s = selected.get();
    Optional<Workspace> workspace = context.workspace().map(w -> w);
    if (s == null || workspace.isEmpty()) {
      return;
    }
    if (!context.dialogs().confirm("Remove " + s.name() + "?", "Remove the linked service " + s.name()
        + " (Synapse workspace " + s.synapseWorkspace() + ")? Pools can no longer be attached through it.", "Remove")) {
      return;
    }
    context.executor().submit(() -> {
      workspace.get().removeLinkedService(s.name());
      return s.name();
    }, name -> {
      context.statusProperty().set("Removed linked service " + name);
      refresh();
    }, e -> context.dialogs().showError("Cannot remove " + s.name(), e.getMessage()));
  }

  public ObservableList<LinkedService> services() {
    return services;
  }

  public ObjectProperty<LinkedService> selectedProperty() {
    return selected;
  }

  public StringProperty value(String key) {
    return values.get(key);
  }

  public ReadOnlyStringProperty problem(String key) {
    return problems.get(key).getReadOnlyProperty();
  }

  public BooleanBinding validBinding() {
    return valid;
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }
}

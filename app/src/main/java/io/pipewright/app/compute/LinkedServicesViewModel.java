package io.pipewright.app.compute;

import io.pipewright.app.context.AppContext;
import io.pipewright.azureml.AzureMlLinkedService;
import io.pipewright.workspace.AzureSession;
import io.pipewright.workspace.ComputeTarget;
import io.pipewright.workspace.FieldProblem;
import io.pipewright.workspace.InvalidFieldsException;
import io.pipewright.workspace.LinkedService;
import io.pipewright.workspace.Workspace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
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
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.WeakListChangeListener;

/**
 * Linked services (links to Azure Synapse workspaces): the list, a form to add one, checked as
 * typed, and removal after a confirmation. The form is filled by picking: choose an Azure ML
 * workspace target, and the Synapse workspaces linked to it in Azure are listed (in the
 * background); picking one fills the name, subscription, resource group and Synapse workspace.
 * Signed out, or offline, the fields stay typeable and a note says why nothing is listed.
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
  private final Supplier<AzureSession> azure;
  private final ObservableList<String> azureMlWorkspaces = FXCollections.observableArrayList();
  private final StringProperty azureMlWorkspace = new SimpleStringProperty(this, "azureMlWorkspace", "");
  private final ObservableList<AzureMlLinkedService> linkedInAzure = FXCollections.observableArrayList();
  private final ReadOnlyBooleanWrapper looking = new ReadOnlyBooleanWrapper(this, "looking", false);
  private final ReadOnlyStringWrapper lookup = new ReadOnlyStringWrapper(this, "lookup", "");
  /** Held here so that the weak listener on the shared list lives as long as this view model. */
  private final ListChangeListener<ComputeTarget> targetsChanged = c -> readAzureMlTargets();

  /** Without Azure: the fields are typed. */
  public LinkedServicesViewModel(AppContext context) {
    this(context, () -> AzureSession.NONE);
  }

  /** @param azure the Azure sign-in the lists are read with ({@link AzureSession#NONE} when signed out) */
  public LinkedServicesViewModel(AppContext context, Supplier<AzureSession> azure) {
    this.context = context;
    this.azure = azure;
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
    context.computes().addListener(new WeakListChangeListener<>(targetsChanged));
    azureMlWorkspace.addListener((o, a, b) -> findLinkedInAzure());
    readAzureMlTargets();
    if (azureMlWorkspace.get().isBlank()) {
      findLinkedInAzure();
    }
  }

  private void readAzureMlTargets() {
    azureMlWorkspaces.setAll(AzureLookups.azureMlTargetNames(context.computes()));
    if ((azureMlWorkspace.get() == null || azureMlWorkspace.get().isBlank()) && azureMlWorkspaces.size() == 1) {
      azureMlWorkspace.set(azureMlWorkspaces.get(0));
    }
  }

  /**
   * Lists, in the background, the Synapse workspaces linked in Azure to the chosen Azure ML
   * workspace. An answer for a workspace no longer chosen is dropped.
   */
  public void findLinkedInAzure() {
    String chosen = azureMlWorkspace.get() == null ? "" : azureMlWorkspace.get();
    linkedInAzure.clear();
    Optional<ComputeTarget> target = AzureLookups.azureMlTarget(context.computes(), chosen);
    if (target.isEmpty()) {
      lookup.set(azureMlWorkspaces.isEmpty() ? "No Azure ML workspace target yet: attach one (Compute ▸ Attach ▸"
          + " Azure Machine Learning workspace) to pick its linked Synapse workspaces, or type the values." : "");
      return;
    }
    AzureSession session = azure.get();
    if (!AzureLookups.signedIn(session)) {
      lookup.set(AzureLookups.SIGNED_OUT);
      return;
    }
    looking.set(true);
    lookup.set("Listing the Synapse workspaces linked to " + chosen + "…");
    context.executor().submit(() -> AzureLookups.linkedSynapseWorkspaces(session, target.get()), links -> {
      if (!chosen.equals(azureMlWorkspace.get())) {
        return;
      }
      looking.set(false);
      linkedInAzure.setAll(links);
      lookup.set(links.isEmpty() ? "No Synapse workspace is linked to " + chosen + " in Azure."
          : links.size() + (links.size() == 1 ? " Synapse workspace is" : " Synapse workspaces are") + " linked to "
          + chosen + ": pick one to fill the form.");
    }, e -> {
      if (chosen.equals(azureMlWorkspace.get())) {
        looking.set(false);
        lookup.set(e.getMessage() + ". The fields can still be typed.");
      }
    });
  }

  /** Fills the form from a Synapse workspace linked in Azure. */
  public void pick(AzureMlLinkedService link) {
    if (link == null) {
      return;
    }
    Optional<LinkedService> service = link.toLinkedService();
    if (service.isEmpty()) {
      error.set("Linked service " + link.name() + " does not link a Synapse workspace (" + link.linkedServiceResourceId()
          + ")");
      return;
    }
    error.set("");
    values.get(FieldProblem.NAME).set(service.get().name());
    values.get("subscriptionId").set(service.get().subscriptionId());
    values.get("resourceGroup").set(service.get().resourceGroup());
    values.get("synapseWorkspace").set(service.get().synapseWorkspace());
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

  /** The Azure ML workspace targets whose linked Synapse workspaces can be listed. */
  public ObservableList<String> azureMlWorkspaces() {
    return azureMlWorkspaces;
  }

  /** The chosen Azure ML workspace target; choosing one lists its linked Synapse workspaces. */
  public StringProperty azureMlWorkspaceProperty() {
    return azureMlWorkspace;
  }

  /** The Synapse workspaces linked in Azure to the chosen Azure ML workspace. */
  public ObservableList<AzureMlLinkedService> linkedInAzure() {
    return linkedInAzure;
  }

  public ReadOnlyBooleanProperty lookingProperty() {
    return looking.getReadOnlyProperty();
  }

  /** What the Azure listing is doing or found, in words (a progress note, a count, an error, signed out). */
  public ReadOnlyStringProperty lookupProperty() {
    return lookup.getReadOnlyProperty();
  }
}
